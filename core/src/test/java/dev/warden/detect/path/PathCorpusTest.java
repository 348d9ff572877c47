package dev.warden.detect.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.normalize.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Measures the path detector alone on the labelled corpus. */
class PathCorpusTest {

  @Test
  void corpus_pathDetector_meetsFloors() {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    assertThat(samples).isNotEmpty();
    List<Detector> mine = List.of(new PathTraversalDetector());
    Evaluation ev = Evaluation.run(samples, mine, Normalizer.standard());
    System.out.println(ev.summary());
    Map<String, String> byId = samples.stream()
        .collect(Collectors.toMap(Corpus.Sample::id, Corpus.Sample::value, (a, b) -> a));
    for (String cls : List.of("path")) {
      Evaluation.Tally t = ev.perClass.get(cls);
      System.out.println(cls + " misses (first 40 of " + t.misses.size() + "):");
      t.misses.stream().limit(Integer.getInteger("misses", 40))
          .forEach(id -> System.out.println("  " + id + " " + show(byId.get(id))));
    }
    System.out.println("false positives: " + ev.falsePositives.size());
    ev.falsePositives.forEach(fp -> System.out.println("  " + fp + " "
        + show(byId.get(fp.substring(0, fp.indexOf(' '))))));
    assertThat(ev.perClass.get("path").rate()).isGreaterThanOrEqualTo(0.90);
    assertThat(ev.falsePositives).hasSizeLessThanOrEqualTo(10);
  }

  private static String show(String v) {
    String s = v.length() > 120 ? v.substring(0, 120) + "..." : v;
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return b.toString();
  }
}
