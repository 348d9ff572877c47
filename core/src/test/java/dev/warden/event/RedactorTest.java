package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @ParameterizedTest
  @ValueSource(strings = {"header.authorization", "header.Authorization", "header.proxy-authorization",
      "header.cookie", "header.set-cookie", "cookie.session", "cookie.theme", "header.x-api-key",
      "header.x-auth-token", "header.x-amz-security-token", "query.api_key", "query.apiKey", "body.password",
      "body.user.password", "body.users[3].passwd", "body.accessToken", "body.refresh_token", "body.client_secret",
      "body.credentials.user", "body.privateKey", "body.jwt", "query.sessionid", "body.signature"})
  void isSecretLocation_secretNames_true(String location) {
    assertThat(Redactor.DEFAULT.isSecretLocation(location)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"query.id", "body.comment", "header.user-agent", "header.referer", "path.id",
      "body.items[2].name", "sqs[0].body", "object-key", "body.keyword", "body.author", "query.sort"})
  void isSecretLocation_ordinaryNames_false(String location) {
    assertThat(Redactor.DEFAULT.isSecretLocation(location)).isFalse();
  }

  @Test
  void redact_quotedSecretWithSpaces_masksUpToClosingQuote() {
    String out = Redactor.DEFAULT.redact("{\"password\": \"correct horse battery staple\", \"q\": \"x\"}");
    assertThat(out).doesNotContain("horse", "battery", "staple").contains("\"q\": \"x\"");
  }

  @Test
  void redact_camelCaseAndHeaderStyleNames_masksValues() {
    assertThat(Redactor.DEFAULT.redact("{\"accessToken\":\"abc123def456\"}")).doesNotContain("abc123def456");
    assertThat(Redactor.DEFAULT.redact("X-Api-Key: k3y-v4lue-0001")).doesNotContain("k3y-v4lue-0001");
    assertThat(Redactor.DEFAULT.redact("Authorization: Basic dXNlcjpwYXNz")).doesNotContain("dXNlcjpwYXNz");
    assertThat(Redactor.DEFAULT.redact("Cookie: sid=s%3Aabcdef.123")).doesNotContain("abcdef.123");
  }

  @Test
  void redact_shapedSecretsGluedToOtherText_areMasked() {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl";
    assertThat(Redactor.DEFAULT.redact("q=" + jwt)).isEqualTo("q=[REDACTED:jwt]");
    assertThat(Redactor.DEFAULT.redact("k=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        .isEqualTo("k=[REDACTED:aws-secret-key]");
    assertThat(Redactor.DEFAULT.redact("xAKIAIOSFODNN7EXAMPLE2e")).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    assertThat(Redactor.DEFAULT.redact("amex 378282246310005 73")).isEqualTo("amex [REDACTED:card-number] 73");
  }

  @Test
  void withFields_configuredName_masksItsValue() {
    Redactor r = Redactor.DEFAULT.withFields(List.of("ssn", "Member-PIN"));
    assertThat(r.redact("name=bob&ssn=078-05-1120&x=1")).doesNotContain("078-05-1120").contains("name=bob");
    assertThat(r.redact("{\"memberPin\":\"4321\"}")).doesNotContain("4321");
    assertThat(r.isSecretLocation("body.customer.ssn")).isTrue();
    assertThat(Redactor.DEFAULT.redact("ssn=078-05-1120")).contains("078-05-1120");
    // Configured names shorter than any built-in still count.
    assertThat(Redactor.DEFAULT.withFields(List.of("pw")).redact("user=a&pw=Zx81-q0ppa")).doesNotContain("Zx81-q0ppa");
  }

  @Test
  void withPatterns_re2Pattern_masksMatches() {
    Redactor r = Redactor.DEFAULT.withPatterns(List.of("ACME-[0-9]{6}", "(?i)internal-[a-z]+"));
    assertThat(r.redact("order ACME-123456 for Internal-Project ok"))
        .isEqualTo("order [REDACTED:pattern] for [REDACTED:pattern] ok");
  }

  @Test
  void withPatterns_invalidOrEmptyMatching_failsAtConfiguration() {
    assertThatThrownBy(() -> Redactor.DEFAULT.withPatterns(List.of("a(b"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a(b");
    assertThatThrownBy(() -> Redactor.DEFAULT.withPatterns(List.of("x*"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    // Backreferences are not linear-time; RE2 refuses them.
    assertThatThrownBy(() -> Redactor.DEFAULT.withPatterns(List.of("(a)\\1"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withPatterns_catastrophicPatternOnHostileText_finishesLinearly() {
    // (a+)+$ on "aaaa…!" takes exponential time with a backtracking engine; RE2J is linear.
    Redactor r = Redactor.DEFAULT.withPatterns(List.of("(a+)+$"));
    String hostile = "a".repeat(50_000) + "!";
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> r.redact(hostile));
  }

  @Test
  void bind_configuredRedactor_isUsedByEvidenceUntilClosed() {
    Redactor r = Redactor.DEFAULT.withPatterns(List.of("TOPSECRET[0-9]+"));
    try (Redactor.Scope s = Redactor.bind(r)) {
      assertThat(Evidence.excerpt("x TOPSECRET42 ' OR 1=1", 15, 22)).doesNotContain("TOPSECRET42");
    }
    assertThat(Evidence.excerpt("x TOPSECRET42 ' OR 1=1", 15, 22)).contains("TOPSECRET42");
  }
}
