package dev.warden.detect.xxe;

import dev.warden.corpus.DetectorFloors;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link XxeDetector} alone on the labelled corpus. */
class XxeCorpusTest {

  @Test
  void corpus_xxeDetector_meetsFloors() {
    DetectorFloors.check(new XxeDetector(), "xxe");
  }
}
