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
