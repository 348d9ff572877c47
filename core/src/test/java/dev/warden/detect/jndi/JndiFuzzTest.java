package dev.warden.detect.jndi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JndiFuzzTest {

  /** Fragments of attack syntax and of text around it, spliced at random. */
  private static final String[] TOKENS = {"${", "}", "jndi", ":", ":-", "lower", "upper", "env", "date", "'", "$", "&lbrace;", "\\u007b", "%24", "ldap://", "::-", " ", "\\", "\u0000", "\uD800", "é", "%", "\n"};

  @Test
  void inspect_randomSplicedFragments_neverThrowsAndStaysFast() {
    long seed = System.nanoTime();
    System.out.println("JndiFuzzTest seed=" + seed);
    Random rnd = new Random(seed);
    JndiDetector detector = new JndiDetector();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int round = 0; round < 3_000; round++) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 2_000 : 40);
        for (int p = 0; p < parts; p++) {
          sb.append(TOKENS[rnd.nextInt(TOKENS.length)]);
        }
        String text = sb.toString();
        Input in = rnd.nextBoolean() ? Input.value(Source.BODY, "b", text) : Input.name(Source.QUERY, "q", text);
        assertThat(detector.inspect(in)).as("seed %d round %d", seed, round).isNotNull();
      }
    }, "seed " + seed);
  }
}
