package dev.warden.detect.jndi;

import dev.warden.corpus.DetectorFloors;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link JndiDetector} alone on the labelled corpus. */
class JndiCorpusTest {

  @Test
  void corpus_jndiDetector_meetsDetectionAndFalsePositiveFloors() {
    DetectorFloors.check(new JndiDetector(), "jndi");
  }
}
