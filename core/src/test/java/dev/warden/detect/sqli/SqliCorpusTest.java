package dev.warden.detect.sqli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.normalize.Normalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqliCorpusTest {

  @Test
  void corpus_sqliDetector_meetsDetectionAndFalsePositiveFloors() throws IOException {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    assertThat(samples).isNotEmpty();
    Evaluation ev = Evaluation.run(samples, List.<Detector>of(new SqliDetector()), Normalizer.standard());
    System.out.println(ev.summary());
    Evaluation.Tally sqli = ev.perClass.get("sqli");
    assertThat(sqli).isNotNull();
    assertThat(sqli.total).isGreaterThan(1000);
    Map<String, String> values = new HashMap<>();
    for (Corpus.Sample s : samples) {
      values.put(s.id(), s.value());
    }
    System.out.println("sqli misses (first 15 of " + sqli.misses.size() + "):");
    sqli.misses.stream().limit(15).forEach(id -> System.out.println("  " + id + "  " + clip(values.get(id))));
    System.out.println("false positives on benign: " + ev.falsePositives);
    // CRS fragments are reported per paranoia level of the rule they were written for
    java.util.Set<String> missed = new java.util.HashSet<>(sqli.misses);
    Map<String, int[]> byPl = new java.util.TreeMap<>();
    for (Corpus.Sample s : samples) {
      if ("sqli".equals(s.cls())) {
        String pl = s.meta("pl").isEmpty() ? "non-CRS" : "PL" + s.meta("pl");
        int[] c = byPl.computeIfAbsent(pl, k -> new int[2]);
        c[0]++;
        if (!missed.contains(s.id())) {
          c[1]++;
        }
      }
    }
    byPl.forEach((pl, c) -> System.out.printf("sqli %-8s %5d/%-5d %6.2f%%%n", pl, c[1], c[0], 100.0 * c[1] / c[0]));
    String dump = System.getProperty("warden.sqli.dump");
    if (dump != null) {
      List<String> lines = new ArrayList<>();
      sqli.misses.forEach(id -> lines.add("MISS " + id + " " + values.get(id).replace('\n', ' ')));
      ev.falsePositives.forEach(fp -> lines.add("FP " + fp + " " + values.get(fp.split(" ")[0]).replace('\n', ' ')));
      Files.write(Path.of(dump), lines, StandardCharsets.UTF_8);
    }
    assertThat(sqli.rate()).as("sqli detection").isGreaterThanOrEqualTo(0.90);
    assertThat(ev.falsePositives.size()).as("false positives on benign").isLessThanOrEqualTo(10);
  }

  private static String clip(String v) {
    String one = v.replace('\n', ' ');
    return one.length() > 100 ? one.substring(0, 100) + "..." : one;
  }
}
