package dev.warden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Detectors;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.policy.Policy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile 1 MB values through the whole engine: every registered detector, every decoding layer.
 * Each must finish without an exception escaping. The wall-clock limit is only a backstop against
 * super-linear behaviour (a quadratic scan of 1 MB takes minutes); speed itself is measured by
 * the benchmarks, not here.
 */
class AdversarialInputTest {

  private static final int MB = 1 << 20;

  static List<String> hostile() {
    return List.of(
        "'".repeat(MB), "\"".repeat(MB), "/*".repeat(MB / 2), "--".repeat(MB / 2), "${".repeat(MB / 2),
        "<".repeat(MB), "<a ".repeat(MB / 3), "%25".repeat(MB / 3), "%".repeat(MB), "&#".repeat(MB / 2),
        "\\u".repeat(MB / 2), "../".repeat(MB / 3), "(".repeat(MB), "[".repeat(MB), "{".repeat(MB),
        "${${".repeat(MB / 4), "' or '1'='1".repeat(MB / 11), "<script>".repeat(MB / 8), ";id".repeat(MB / 3),
        "http://".repeat(MB / 7), "rO0AB".repeat(MB / 5), "\u0000".repeat(MB), "\ud800".repeat(MB),
        "%c0%ae".repeat(MB / 6), "a".repeat(MB));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void inspect_oneMegabyteHostileValue_staysBounded(String value) {
    Engine engine = Engine.of(Policy.builder().maxValueChars(2 * MB).timeBudget(Duration.ofMinutes(1)).build(),
        Detectors.discover(), e -> { }, Engine.Failures.PROPAGATE);
    InputCollector c = engine.collector();
    c.value(Source.BODY, "body", value);
    long start = System.nanoTime();
    Verdict v = engine.inspect(Invocation.of("r", "f"), c);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(v.errors()).isZero();
    assertThat(ms).as("ms for %s…", value.substring(0, 8)).isLessThan(15_000);
  }
}
