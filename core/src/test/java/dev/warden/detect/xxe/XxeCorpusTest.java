package dev.warden.detect.xxe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.normalize.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link XxeDetector} on the labelled corpus. */
class XxeCorpusTest {

  @Test
  void corpus_xxeDetector_meetsFloors() {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    assertThat(samples).isNotEmpty();
    List<Detector> detectors = List.of(new XxeDetector());
    Evaluation ev = Evaluation.run(samples, detectors, Normalizer.standard());
    System.out.println("xxe detector on the corpus:\n" + ev.summary());
    Evaluation.Tally xxe = ev.perClass.get("xxe");
    System.out.println("xxe misses: " + xxe.misses.subList(0, Math.min(40, xxe.misses.size())));
    System.out.println("false positives: " + ev.falsePositives);
    assertThat(xxe.total).isGreaterThan(0);
    assertThat(xxe.rate()).isGreaterThanOrEqualTo(0.90);
    assertThat(ev.falsePositives.size()).isLessThanOrEqualTo(Math.max(1, ev.benign / 1000));
  }
}
