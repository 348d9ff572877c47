package dev.warden.detect.ssti;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.normalize.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link SstiDetector} on the labelled corpus. */
class SstiCorpusTest {

  @Test
  void corpus_sstiDetector_meetsFloors() {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    assertThat(samples).isNotEmpty();
    List<Detector> detectors = List.of(new SstiDetector());
    Evaluation ev = Evaluation.run(samples, detectors, Normalizer.standard());
    System.out.println("ssti detector on the corpus:\n" + ev.summary());
    Evaluation.Tally ssti = ev.perClass.get("ssti");
    System.out.println("ssti misses: " + ssti.misses.subList(0, Math.min(40, ssti.misses.size())));
    System.out.println("false positives: " + ev.falsePositives);
    assertThat(ssti.total).isGreaterThan(0);
    assertThat(ssti.rate()).isGreaterThanOrEqualTo(0.90);
    assertThat(ev.falsePositives.size()).isLessThanOrEqualTo(Math.max(1, ev.benign / 1000));
  }
}
