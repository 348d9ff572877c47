package dev.warden.detect.cmdi;

import dev.warden.corpus.DetectorFloors;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link CommandInjectionDetector} alone on the labelled corpus. */
class CmdiCorpusTest {

  @Test
  void corpus_cmdiDetector_meetsFloors() {
    DetectorFloors.check(new CommandInjectionDetector(), "cmdi");
  }
}
