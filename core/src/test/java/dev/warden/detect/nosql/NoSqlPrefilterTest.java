package dev.warden.detect.nosql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.CharMask;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import dev.warden.testing.PrefilterEdges;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-filter of {@link NoSqlDetector}: skips ordinary values, never a value {@code inspect} reports. */
class NoSqlPrefilterTest {

  private final NoSqlDetector detector = new NoSqlDetector();

  @ParameterizedTest
  @ValueSource(strings = {"ada@example.com", "https://shop.example.com/cart?step=2", "Gift wrap, please.",
      "203.0.113.7, 198.51.100.2", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "This. Is. Fine.",
      "v1.2.3-dbx", "Dishwasher safe (lid: top rack only)."})
  void mayMatch_ordinaryValues_skipsThem(String v) {
    PrefilterEdges.skips(detector, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"db.users.find({})", "this.password.match(/^a/)", "x || this.a == 'b'",
      "{\"$gt\": \"\"}", "'; return true; var a='", "1 || 1==1", "(db.getCollection('u').drop())"})
  void mayMatch_attacksNearTheFilterEdge_passesThem(String v) {
    PrefilterEdges.passes(detector, v);
  }

  @Test
  void mayMatch_randomMongoText_neverHidesAFinding() {
    String[] parts = {"this.", "db.", "users", ".find(", ".match(", "password", "$where", "$ne", "$gt", ":",
        "{", "}", "[", "]", "'", "\"", ";", "||", "&&", "==", "1", " ", " ", "return", "true", "sleep(1)",
        "x", ".", "(", ")", "a.b", "this", "db", "/^a/"};
    Random r = new Random(5);
    int findings = 0;
    for (int k = 0; k < 100_000; k++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0, len = 1 + r.nextInt(8); j < len; j++) {
        sb.append(parts[r.nextInt(parts.length)]);
      }
      for (boolean name : new boolean[] {false, true}) {
        Input in = name ? Input.name(Source.QUERY, "q", sb.toString()) : Input.value(Source.QUERY, "q", sb.toString());
        if (detector.inspect(in).isPresent()) {
          findings++;
          assertThat(detector.mayMatch(in, CharMask.of(in.text()))).as("%s", in.text()).isTrue();
        }
      }
    }
    assertThat(findings).as("the generator makes attacks").isGreaterThan(5_000);
  }
}
