package dev.warden.detect.deser;

import dev.warden.corpus.DetectorFloors;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link DeserializationDetector} alone on the labelled corpus. */
class DeserCorpusTest {

  @Test
  void corpus_deserDetector_meetsDetectionAndFalsePositiveFloors() {
    DetectorFloors.check(new DeserializationDetector(), "deser");
  }
}
