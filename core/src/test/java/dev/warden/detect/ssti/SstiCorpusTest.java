package dev.warden.detect.ssti;

import dev.warden.corpus.DetectorFloors;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link SstiDetector} alone on the labelled corpus. */
class SstiCorpusTest {

  @Test
  void corpus_sstiDetector_meetsFloors() {
    DetectorFloors.check(new SstiDetector(), "ssti");
  }
}
