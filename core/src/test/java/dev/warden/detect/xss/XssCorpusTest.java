package dev.warden.detect.xss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.normalize.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link XssDetector} on the labelled corpus. */
class XssCorpusTest {

  @Test
  void corpus_xssDetector_meetsFloors() {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    assertThat(samples).isNotEmpty();
    List<Detector> detectors = List.of(new XssDetector());
    Evaluation ev = Evaluation.run(samples, detectors, Normalizer.standard());
    System.out.println("xss detector on the corpus:\n" + ev.summary());
    Evaluation.Tally xss = ev.perClass.get("xss");
    System.out.println("xss misses (first 40): " + xss.misses.subList(0, Math.min(40, xss.misses.size())));
    System.out.println("false positives: " + ev.falsePositives);
    assertThat(xss.total).isGreaterThan(0);
    assertThat(xss.rate()).isGreaterThanOrEqualTo(0.90);
    assertThat(ev.falsePositives.size()).isLessThanOrEqualTo(Math.max(1, ev.benign / 1000));
  }
}
