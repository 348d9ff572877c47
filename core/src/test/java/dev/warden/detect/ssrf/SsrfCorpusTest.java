package dev.warden.detect.ssrf;

import dev.warden.corpus.DetectorFloors;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link SsrfDetector} alone on the labelled corpus. */
class SsrfCorpusTest {

  @Test
  void corpus_ssrfDetector_meetsDetectionAndFalsePositiveFloors() {
    DetectorFloors.check(new SsrfDetector(), "ssrf");
  }
}
