package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Invocation;
import dev.warden.detect.Finding;
import dev.warden.extract.Source;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EvidenceTest {

  // Real shapes; the values are the documented AWS examples or generated test values.
  static final String AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0"
      + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  static final String CARD = "4111 1111 1111 1111";
  static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
      + "-----END RSA PRIVATE KEY-----";

  @ParameterizedTest
  @ValueSource(strings = {AWS_KEY_ID, AWS_SECRET, JWT, CARD, "4111-1111-1111-1111"})
  void excerpt_secretNextToAttack_isRedacted(String secret) {
    String text = "id=1' OR '1'='1 -- " + secret + " trailing";
    String ex = Evidence.excerpt(text, 3, 15);
    assertThat(ex).doesNotContain(secret).contains("[REDACTED:").contains("OR '1'='1");
  }

  @Test
  void excerpt_pemPrivateKey_isRedactedWhole() {
    String text = "payload=../../etc/passwd key=" + PEM;
    String ex = Evidence.excerpt(text, 8, 24);
    assertThat(ex).doesNotContain("MIIEowIBAAKCAQEA").contains("[REDACTED:");
  }

  @Test
  void excerpt_secretCutByWindowEdge_isStillRedacted() {
    // The secret starts inside the window and ends well past it.
    String text = "x".repeat(100) + "EVIL" + " " + AWS_SECRET;
    String ex = Evidence.excerpt(text, 100, 104);
    assertThat(ex).doesNotContain(AWS_SECRET.substring(0, 12));
    // And one that starts before the window.
    String before = AWS_SECRET + "y".repeat(200) + "EVIL";
    assertThat(Evidence.excerpt(before, before.length() - 4, before.length()))
        .doesNotContain(AWS_SECRET.substring(30));
  }

  @Test
  void excerpt_bearerAndPasswordFields_areRedacted() {
    assertThat(Evidence.excerpt("Authorization: Bearer abcdef0123456789xyz <script>", 40, 48))
        .doesNotContain("abcdef0123456789xyz");
    assertThat(Evidence.excerpt("user=bob&password=hunter2secret&q=' or 1=1", 35, 45))
        .doesNotContain("hunter2secret");
  }

  @Test
  void excerpt_isBounded() {
    String ex = Evidence.excerpt("a".repeat(10_000), 5000, 9000);
    assertThat(ex.length()).isLessThanOrEqualTo(Evidence.MAX_CHARS + 2);
  }

  @Test
  void excerpt_controlAndAnsiCharacters_areNeutralised() {
    String ex = Evidence.excerpt("a\r\nFAKE LOG LINE\u001b[31m\u2028x", 0, 5);
    assertThat(ex).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u001b").doesNotContain("\u2028");
    assertThat(ex).contains("\\x0d\\x0a").contains("\\x1b").contains("\\u2028");
  }

  @Test
  void excerpt_loneSurrogate_isReplaced() {
    assertThat(Evidence.excerpt("a\ud800b", 0, 3)).isEqualTo("a\ufffdb");
    assertThat(Evidence.excerpt("a\ud83d\ude00b", 0, 4)).isEqualTo("a\ud83d\ude00b");
  }

  @Test
  void excerpt_offsetsOutOfRange_areClamped() {
    assertThat(Evidence.excerpt("abc", -5, 99)).isEqualTo("abc");
    assertThat(Evidence.excerpt("", 0, 0)).isEmpty();
  }

  @Test
  void redactor_luhnFailingNumber_isKept() {
    assertThat(Redactor.DEFAULT.redact("order 4111 1111 1111 1112")).contains("4111 1111 1111 1112");
    assertThat(Redactor.DEFAULT.redact("order 4111 1111 1111 1111")).doesNotContain("4111 1111 1111 1111");
  }

  @Test
  void redactor_ordinaryText_isUnchanged() {
    String t = "The quick brown fox, order #12345, https://example.com/a?b=c";
    assertThat(Redactor.DEFAULT.redact(t)).isEqualTo(t);
  }

  @Test
  void redactor_adversarialInput_staysLinear() {
    String hostile = "-----BEGIN ".repeat(50_000) + "AKIA".repeat(50_000) + "1 ".repeat(100_000) + "password=".repeat(50_000);
    long start = System.nanoTime();
    Redactor.DEFAULT.redact(hostile);
    // Backstop only; linear scanners take milliseconds here.
    assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
  }

  @Test
  void eventJson_isOneLineAndCarriesTheFinding() {
    Finding f = new Finding("sqli", "tautology", Source.QUERY, "query.id", Evidence.excerpt("1' or 1=1\n--", 0, 12));
    SecurityEvent e = new SecurityEvent(SecurityEvent.FINDING, Instant.parse("2026-01-01T00:00:00Z"),
        Invocation.of("r-1", "orders"), f, "blocked", "");
    String line = EventJson.render(e);
    assertThat(line).doesNotContain("\n").startsWith("{").endsWith("}");
    assertThat(line).contains("\"detector\":\"sqli\"", "\"rule\":\"tautology\"", "\"location\":\"query.id\"",
        "\"request_id\":\"r-1\"", "\"function\":\"orders\"", "\"disposition\":\"blocked\"");
  }
}
