package dev.warden.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Detector;
import dev.warden.detect.Detectors;
import dev.warden.normalize.Normalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Measures every registered detector on the labelled development corpus, writes
 * {@code target/detection-report.md}, and fails below the published floors: each class with at
 * least 50 attack samples detected at 90% or more, all attacks together at 94% or more, and at
 * most 0.5% of benign values flagged. Skipped, with a visible message, where the corpus is absent.
 */
class CorpusEvaluationTest {

  static final double CLASS_FLOOR = 0.90;
  static final double OVERALL_FLOOR = 0.94;
  static final double FALSE_POSITIVE_CEILING = 0.005;

  @Test
  void corpus_allDetectors_meetFloorsAndWriteReport() throws IOException {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    List<Detector> detectors = Detectors.discover();
    assertThat(detectors).as("registered detectors").isNotEmpty();
    Evaluation ev = Evaluation.run(samples, detectors, Normalizer.standard());
    String report = report(ev, samples, detectors);
    Path out = Path.of("target", "detection-report.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println(ev.summary());
    System.out.println("Report: " + out.toAbsolutePath());

    assertThat(ev.perClass).as("attack classes in corpus").isNotEmpty();
    for (Map.Entry<String, Evaluation.Tally> e : ev.perClass.entrySet()) {
      if (e.getValue().total >= 50) {
        assertThat(e.getValue().rate()).as("detection rate of %s", e.getKey()).isGreaterThanOrEqualTo(CLASS_FLOOR);
      }
    }
    assertThat(ev.overall().rate()).as("detection rate of all attacks").isGreaterThanOrEqualTo(OVERALL_FLOOR);
    assertThat(ev.benign).as("benign samples").isPositive();
    assertThat(ev.falsePositiveRate()).as("false-positive rate on benign values").isLessThanOrEqualTo(FALSE_POSITIVE_CEILING);
  }

  static String report(Evaluation ev, List<Corpus.Sample> samples, List<Detector> detectors) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Detection report\n\n");
    sb.append("Corpus: `").append(Corpus.path().getFileName()).append("`, ").append(samples.size()).append(" values. ");
    sb.append("Detectors: ");
    detectors.forEach(d -> sb.append('`').append(d.id()).append("` "));
    sb.append("\n\nEach value inspected as one query parameter, every normalized variant, any detector counts.\n\n");
    sb.append("| class | attacks | detected | rate |\n|---|---:|---:|---:|\n");
    for (Map.Entry<String, Evaluation.Tally> e : ev.perClass.entrySet()) {
      Evaluation.Tally t = e.getValue();
      sb.append(String.format("| %s | %d | %d | %.2f%% |%n", e.getKey(), t.total, t.hits, 100 * t.rate()));
    }
    Evaluation.Tally all = ev.overall();
    sb.append(String.format("| **all** | %d | %d | %.2f%% |%n%n", all.total, all.hits, 100 * all.rate()));
    sb.append(String.format("False positives: %d of %d benign values (%.3f%%).%n%n", ev.falsePositives.size(),
        ev.benign, 100 * ev.falsePositiveRate()));
    sb.append(String.format("Time: %.1f ms for %d values (%.1f µs per value, single thread, includes JIT warm-up).%n%n",
        ev.nanos / 1e6, samples.size(), ev.nanos / 1e3 / samples.size()));
    sb.append("## Recall by CRS paranoia level (CRS-sourced attacks)\n\n| PL | attacks | detected | rate |\n|---|---:|---:|---:|\n");
    Map<String, int[]> byPl = new TreeMap<>();
    java.util.Set<String> missed = new java.util.HashSet<>();
    ev.perClass.values().forEach(t -> missed.addAll(t.misses));
    for (Corpus.Sample s : samples) {
      if (s.attack() && !s.meta("pl").isEmpty()) {
        int[] c = byPl.computeIfAbsent("PL" + s.meta("pl"), k -> new int[2]);
        c[0]++;
        if (!missed.contains(s.id())) {
          c[1]++;
        }
      }
    }
    byPl.forEach((k, c) -> sb.append(String.format("| %s | %d | %d | %.2f%% |%n", k, c[0], c[1], c[0] == 0 ? 0 : 100.0 * c[1] / c[0])));
    sb.append("\n## False positives (id, detector/rule)\n\n");
    ev.falsePositives.forEach(f -> sb.append("- ").append(f).append('\n'));
    sb.append("\n## Misses by class (ids)\n\n");
    for (Map.Entry<String, Evaluation.Tally> e : ev.perClass.entrySet()) {
      sb.append("### ").append(e.getKey()).append(" (").append(e.getValue().misses.size()).append(")\n\n");
      sb.append(String.join(" ", e.getValue().misses)).append("\n\n");
    }
    return sb.toString();
  }
}
