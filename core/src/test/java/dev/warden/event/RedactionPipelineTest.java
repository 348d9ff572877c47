package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.Engine;
import dev.warden.Invocation;
import dev.warden.corpus.Corpus;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.policy.Policy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * End to end: real-shaped secrets embedded next to attack payloads from the development corpus go
 * through the whole pipeline (engine with detectors whose suspicious span is next to, around or
 * exactly on the secret; flood control; OCSF rendering; metrics) and no emitted line contains a
 * secret or any 11-character piece of one.
 */
class RedactionPipelineTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int SAMPLE = 300;
  static final int GRAM = 11; // the shortest secret in the catalogue; any longer leak contains one

  /** A secret and the text that carries it into an input value. */
  record Carrier(String secret, String text) {}

  // Documented example values (AWS docs, jwt.io, test card numbers) or generated; none is live.
  static final List<Carrier> IN_TEXT = List.of(
      new Carrier("AKIAIOSFODNN7EXAMPLE", "aws_key AKIAIOSFODNN7EXAMPLE"),
      new Carrier("ASIAY34FZKBOKMUTVV7A", "id=ASIAY34FZKBOKMUTVV7A"),
      new Carrier("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "s=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
      new Carrier("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "creds je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY end"),
      new Carrier("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0"
          + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
          "jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0"
          + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"),
      new Carrier("9d8a6f0c3e2b4a1f8c7d6e5f4a3b2c1d0e", "Authorization: Bearer 9d8a6f0c3e2b4a1f8c7d6e5f4a3b2c1d0e"),
      new Carrier("dXNlcjpTM2NyM3QtUGFzcw", "Authorization: Basic dXNlcjpTM2NyM3QtUGFzcw"),
      new Carrier("MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
          "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
          + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----"),
      new Carrier("4111 1111 1111 1111", "card 4111 1111 1111 1111 exp"),
      new Carrier("5500-0000-0000-0004", "cc=5500-0000-0000-0004"),
      new Carrier("378282246310005", "amex:378282246310005"),
      new Carrier("Tr0ub4dor-3-xyzzy", "password=Tr0ub4dor-3-xyzzy"),
      new Carrier("correct horse battery staple", "{\"password\": \"correct horse battery staple\"}"),
      new Carrier("sk_live_51HxT2eLkdIwHu7ix", "{\"apiKey\":\"sk_live_51HxT2eLkdIwHu7ix\"}"),
      new Carrier("r3fr3sh-t0k3n-v4lu3-0042", "refresh_token=r3fr3sh-t0k3n-v4lu3-0042&x=1"),
      new Carrier("xoxb-1234-5678-abcdefghij", "X-Api-Key: xoxb-1234-5678-abcdefghij"),
      new Carrier("ACME-987654", "ref ACME-987654 (configured pattern)"),
      new Carrier("078-05-1120", "ssn=078-05-1120"));

  /** Secrets that carry no shape at all: only their location says what they are. */
  static final Map<String, Carrier> AT_LOCATION = Map.of(
      "header.authorization", new Carrier("opaque7Q2w9E4r6T8y", "opaque7Q2w9E4r6T8y"),
      "header.x-api-key", new Carrier("k9Lm2Np4Qr6St8Uv", "k9Lm2Np4Qr6St8Uv"),
      "cookie.session", new Carrier("s3ss10n-c00k13-vv", "s3ss10n-c00k13-vv"),
      "body.user.password", new Carrier("plainPassw0rdValue", "plainPassw0rdValue"),
      "body.memberPin", new Carrier("PIN-00451789", "PIN-00451789"));

  static Source sourceOf(String location) {
    return location.startsWith("header.") ? Source.HEADER : location.startsWith("cookie.") ? Source.COOKIE : Source.BODY;
  }

  /** Fires on every value with its suspicious span at the start, at the end, or exactly on a secret. */
  static Detector spanAt(String id, List<String> secrets) {
    return new Detector() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Optional<Finding> inspect(Input in) {
        String t = in.text();
        int n = t.length();
        switch (id) {
          case "span-start":
            return Optional.of(Finding.of(id, "start", in, 0, Math.min(n, 8)));
          case "span-end":
            return Optional.of(Finding.of(id, "end", in, Math.max(0, n - 8), n));
          default:
            for (String s : secrets) {
              int i = t.indexOf(s);
              if (i >= 0) {
                return Optional.of(Finding.of(id, "on-secret", in, i, i + s.length()));
              }
            }
            return Optional.of(Finding.of(id, "whole", in));
        }
      }
    };
  }

  @Test
  void pipeline_secretsBesideCorpusAttacks_neverReachAnEmittedLine() throws Exception {
    List<Corpus.Sample> attacks = Corpus.loadOrSkip().stream().filter(Corpus.Sample::attack).toList();
    assertThat(attacks).as("corpus attacks").hasSizeGreaterThan(SAMPLE);
    int step = attacks.size() / SAMPLE;

    List<String> secrets = new ArrayList<>();
    IN_TEXT.forEach(c -> secrets.add(c.secret()));
    AT_LOCATION.values().forEach(c -> secrets.add(c.secret()));
    Set<String> grams = new HashSet<>();
    for (String s : secrets) {
      assertThat(s.length()).as("catalogue secret %s", s).isGreaterThanOrEqualTo(GRAM);
      for (int i = 0; i + GRAM <= s.length(); i++) {
        grams.add(s.substring(i, i + GRAM));
      }
    }

    List<String> lines = new ArrayList<>();
    Policy policy = Policy.builder()
        .redactFields(List.of("ssn", "memberPin"))
        .redactPatterns(List.of("ACME-[0-9]{6}"))
        .maxEventsPerInvocation(1_000_000).maxEventsPerSecond(1_000_000).build();
    Engine engine = Engine.of(policy,
        List.of(spanAt("span-start", secrets), spanAt("span-end", secrets), spanAt("span-secret", secrets)),
        e -> lines.add(EventJson.render(e)), Engine.Failures.PROPAGATE, Clock.systemUTC(), System::nanoTime,
        lines::add);

    int values = 0;
    for (int a = 0; a < SAMPLE; a++) {
      String attack = attacks.get(a * step).value();
      Carrier c = IN_TEXT.get(a % IN_TEXT.size());
      Invocation inv = new Invocation("req-" + a, "orders", "1",
          "arn:aws:lambda:eu-west-1:123456789012:function:orders", "apigateway-rest",
          Map.of("source-ip", "203.0.113.9", "method", "POST", "path", "/orders/" + IN_TEXT.get((a + 1) % IN_TEXT.size()).text(),
              "user-agent", "Mozilla/5.0 " + IN_TEXT.get((a + 2) % IN_TEXT.size()).text()));
      InputCollector in = engine.collector();
      // The secret before, after and inside the attack.
      in.value(Source.QUERY, "query.q", attack + " " + c.text());
      in.value(Source.BODY, "body.comment", c.text() + " " + attack);
      int mid = attack.length() / 2;
      // Inside the attack, delimited as a secret is in real payloads (space, '&', quote…).
      in.value(Source.BODY, "body.note", attack.substring(0, mid) + " " + c.text() + "&" + attack.substring(mid));
      values += 3;
      for (Map.Entry<String, Carrier> l : AT_LOCATION.entrySet()) {
        in.value(sourceOf(l.getKey()), l.getKey(), l.getValue().text() + attack);
        values++;
      }
      try (Engine.Run run = engine.begin(inv)) {
        engine.inspect(inv, in);
      }
    }

    assertThat(values).isGreaterThanOrEqualTo(SAMPLE * 3);
    assertThat(lines).as("events and metrics lines").hasSizeGreaterThan(values);
    for (String line : lines) {
      assertThat(line).doesNotContain("\n", "\r");
      List<String> texts = new ArrayList<>();
      texts.add(line);
      collect(JSON.readTree(line), texts);
      for (String t : texts) {
        String leak = firstGram(t, grams);
        assertThat(leak).as("secret piece in emitted line: %s", line).isNull();
      }
    }
  }

  static void collect(JsonNode n, List<String> out) {
    if (n.isTextual()) {
      out.add(n.asText());
    }
    for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
      collect(it.next(), out);
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
  }

  static String firstGram(String t, Set<String> grams) {
    for (int i = 0; i < t.length(); i++) {
      if (i + GRAM <= t.length() && grams.contains(t.substring(i, i + GRAM))) {
        return t.substring(i, i + GRAM);
      }
    }
    return null;
  }
}
