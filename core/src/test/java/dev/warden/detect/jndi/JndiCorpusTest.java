package dev.warden.detect.jndi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.normalize.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class JndiCorpusTest {

  @Test
  void corpus_jndiDetector_meetsDetectionAndFalsePositiveFloors() {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    List<Detector> detectors = List.of(new JndiDetector());
    Evaluation ev = Evaluation.run(samples, detectors, Normalizer.standard());
    System.out.println("[jndi corpus]\n" + ev.summary());
    Evaluation.Tally t = ev.perClass.get("jndi");
    assertThat(t).as("no jndi samples in the corpus").isNotNull();
    assertThat(t.total).isPositive();
    System.out.println("jndi misses: " + t.misses);
    System.out.println("false positives: " + ev.falsePositives);
    assertThat(t.rate()).isGreaterThanOrEqualTo(0.90);
    assertThat(ev.falsePositives.size()).isLessThanOrEqualTo(10);
  }
}
