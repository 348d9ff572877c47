package dev.warden.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.warden.detect.Detector;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.time.Duration;
import java.util.Random;

/**
 * Random splices of attack-syntax fragments fed to a detector, as values and as names: it must
 * never throw and the whole run must stay fast. The seed is printed so a failure can be replayed.
 * Complements the Jazzer targets, whose regression mode replays only committed seeds.
 */
public final class SpliceFuzz {

  private SpliceFuzz() {}

  /** 3,000 rounds of 1–40 fragments (one round in ten up to 2,000) under a 20 s backstop. */
  public static void run(Detector detector, String[] fragments) {
    long seed = System.nanoTime();
    System.out.println(detector.id() + " splice fuzz seed=" + seed);
    Random rnd = new Random(seed);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int round = 0; round < 3_000; round++) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 2_000 : 40);
        for (int p = 0; p < parts; p++) {
          sb.append(fragments[rnd.nextInt(fragments.length)]);
        }
        String text = sb.toString();
        Input in = rnd.nextBoolean() ? Input.value(Source.BODY, "b", text) : Input.name(Source.QUERY, "q", text);
        assertThat(detector.inspect(in)).as("seed %d round %d", seed, round).isNotNull();
      }
    }, "seed " + seed);
  }
}
