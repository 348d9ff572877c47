package dev.warden.detect.xss;

import dev.warden.corpus.DetectorFloors;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link XssDetector} alone on the labelled corpus. */
class XssCorpusTest {

  @Test
  void corpus_xssDetector_meetsFloors() {
    DetectorFloors.check(new XssDetector(), "xss");
  }
}
