package dev.warden.detect.nosql;

import dev.warden.corpus.DetectorFloors;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link NoSqlDetector} alone on the labelled corpus. */
class NoSqlCorpusTest {

  @Test
  void corpus_nosqlDetector_meetsDetectionAndFalsePositiveFloors() {
    DetectorFloors.check(new NoSqlDetector(), "nosql");
  }
}
