package dev.warden.detect.path;

import dev.warden.corpus.DetectorFloors;
import org.junit.jupiter.api.Test;

/** Detection and false positives of {@link PathTraversalDetector} alone on the labelled corpus. */
class PathCorpusTest {

  @Test
  void corpus_pathDetector_meetsFloors() {
    DetectorFloors.check(new PathTraversalDetector(), "path");
  }
}
