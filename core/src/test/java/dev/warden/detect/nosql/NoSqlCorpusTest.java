package dev.warden.detect.nosql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.normalize.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoSqlCorpusTest {

  @Test
  void corpus_nosqlDetector_meetsDetectionAndFalsePositiveFloors() {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    List<Detector> detectors = List.of(new NoSqlDetector());
    Evaluation ev = Evaluation.run(samples, detectors, Normalizer.standard());
    System.out.println("[nosql corpus]\n" + ev.summary());
    Evaluation.Tally t = ev.perClass.get("nosql");
    assertThat(t).as("no nosql samples in the corpus").isNotNull();
    assertThat(t.total).isPositive();
    System.out.println("nosql misses: " + t.misses);
    System.out.println("false positives: " + ev.falsePositives);
    assertThat(t.rate()).isGreaterThanOrEqualTo(0.90);
    assertThat(ev.falsePositives.size()).isLessThanOrEqualTo(10);
  }
}
