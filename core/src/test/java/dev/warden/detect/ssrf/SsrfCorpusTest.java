package dev.warden.detect.ssrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.normalize.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SsrfCorpusTest {

  @Test
  void corpus_ssrfDetector_meetsDetectionAndFalsePositiveFloors() {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    List<Detector> detectors = List.of(new SsrfDetector());
    Evaluation ev = Evaluation.run(samples, detectors, Normalizer.standard());
    System.out.println("[ssrf corpus]\n" + ev.summary());
    Evaluation.Tally t = ev.perClass.get("ssrf");
    assertThat(t).as("no ssrf samples in the corpus").isNotNull();
    assertThat(t.total).isPositive();
    System.out.println("ssrf misses: " + t.misses);
    System.out.println("false positives: " + ev.falsePositives);
    assertThat(t.rate()).isGreaterThanOrEqualTo(0.90);
    assertThat(ev.falsePositives.size()).isLessThanOrEqualTo(10);
  }
}
