package dev.warden.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Detector#gate}: the engine skips a detector without calling it when an ASCII value holds
 * none of the gate's characters, so {@code mayMatch} must be false on every such value. Checked
 * for each built-in detector that has a gate, on random ASCII text made of the words and
 * punctuation its pre-filter reads.
 */
class GateTest {

  private static final String[] WORDS = {"this.", "db.", "document", "window", "innerHTML", "script", "data",
      "javascript", "alert", "eval", "jndi", "ldap", "uid", "ENTITY", "DOCTYPE", "SYSTEM", "file", "7*7", "a",
      "b", "x", "1", " ", "/", "//", "/*", "*/", ")(", "=", "%", "&", "#", "@", "$", "{", "}", "[", "]", "<",
      ">", "(", ")", ":", ".", ",", ";", "'", "\"", "`", "\\", "|", "!", "?", "-", "_", "+", "~", "^", "\t",
      "\n", "%24", "%7B", "&#36;", "\\u0024"};

  @Test
  void gate_builtInDetectors_someHaveOne() {
    List<Detector> gated = Detectors.discover().stream().filter(d -> d.gate() != null).toList();
    assertThat(gated).extracting(Detector::id).contains("jndi", "ldap", "ssti", "xxe", "nosql", "xss");
  }

  @Test
  void gate_randomAsciiText_mayMatchIsFalseWhereverTheGateIsShut() {
    List<Detector> gated = Detectors.discover().stream().filter(d -> d.gate() != null).toList();
    Random r = new Random(5);
    int shut = 0;
    for (int k = 0; k < 100_000; k++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0, len = 1 + r.nextInt(8); j < len; j++) {
        if (r.nextInt(3) == 0) {
          sb.append((char) (32 + r.nextInt(95)));
        } else {
          sb.append(WORDS[r.nextInt(WORDS.length)]);
        }
      }
      String v = sb.toString();
      CharMask mask = CharMask.of(v);
      Input in = Input.value(Source.BODY, "b", v);
      for (Detector d : gated) {
        if (!mask.any(d.gate())) {
          shut++;
          assertThat(d.mayMatch(in, mask)).as(d.id() + " on " + v).isFalse();
        }
      }
    }
    assertThat(shut).as("values the gates shut out").isGreaterThan(50_000);
  }
}
