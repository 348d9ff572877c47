package dev.warden.detect.deser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.normalize.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeserCorpusTest {

  @Test
  void corpus_deserDetector_meetsDetectionAndFalsePositiveFloors() {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    List<Detector> detectors = List.of(new DeserializationDetector());
    Evaluation ev = Evaluation.run(samples, detectors, Normalizer.standard());
    System.out.println("[deser corpus]\n" + ev.summary());
    Evaluation.Tally t = ev.perClass.get("deser");
    assertThat(t).as("no deser samples in the corpus").isNotNull();
    assertThat(t.total).isPositive();
    System.out.println("deser misses: " + t.misses);
    System.out.println("false positives: " + ev.falsePositives);
    assertThat(t.rate()).isGreaterThanOrEqualTo(0.90);
    assertThat(ev.falsePositives.size()).isLessThanOrEqualTo(10);
  }
}
