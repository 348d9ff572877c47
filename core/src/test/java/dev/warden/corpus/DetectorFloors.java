package dev.warden.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Detector;
import dev.warden.normalize.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One detector alone on the labelled corpus: prints its summary, its first misses and every false
 * positive with the values, and asserts the per-detector floors — its own class detected at 90%
 * or more, and at most 0.1% of all benign values flagged (its share of the 0.5% budget). Skipped
 * with a visible message where the corpus is absent.
 */
public final class DetectorFloors {

  static final double CLASS_FLOOR = 0.90;

  private DetectorFloors() {}

  /** Runs {@code detector} on the corpus and asserts its floors for class {@code cls}. */
  public static Evaluation check(Detector detector, String cls) {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    assertThat(samples).isNotEmpty();
    Evaluation ev = Evaluation.run(samples, List.of(detector), Normalizer.standard());
    System.out.println("[" + detector.id() + " alone on the corpus]\n" + ev.summary());
    Map<String, String> byId = samples.stream()
        .collect(Collectors.toMap(Corpus.Sample::id, Corpus.Sample::value, (a, b) -> a));
    Evaluation.Tally t = ev.perClass.get(cls);
    assertThat(t).as("no %s samples in the corpus", cls).isNotNull();
    assertThat(t.total).isPositive();
    System.out.println(cls + " misses (first 40 of " + t.misses.size() + "):");
    t.misses.stream().limit(Integer.getInteger("misses", 40))
        .forEach(id -> System.out.println("  " + id + " " + show(byId.get(id))));
    System.out.println("false positives: " + ev.falsePositives.size());
    ev.falsePositives.forEach(fp -> System.out.println("  " + fp + " " + show(byId.get(fp.substring(0, fp.indexOf(' '))))));
    assertThat(t.rate()).as("detection rate of %s by %s", cls, detector.id()).isGreaterThanOrEqualTo(CLASS_FLOOR);
    assertThat(ev.falsePositives).as("false positives of %s", detector.id())
        .hasSizeLessThanOrEqualTo(Math.max(1, ev.benign / 1000));
    return ev;
  }

  /** A value cut to 120 characters with control characters made visible, for test output. */
  static String show(String v) {
    String s = v.length() > 120 ? v.substring(0, 120) + "..." : v;
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
