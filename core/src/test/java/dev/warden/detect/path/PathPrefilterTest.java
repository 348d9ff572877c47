package dev.warden.detect.path;

import dev.warden.testing.PrefilterEdges;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-filter of {@link PathTraversalDetector}: skips ordinary values, never a value {@code inspect} reports. */
class PathPrefilterTest {

  private final PathTraversalDetector detector = new PathTraversalDetector();

  @ParameterizedTest
  @ValueSource(strings = {"price:asc", "en-GB,en;q=0.9,de;q=0.8", "203.0.113.7, 198.51.100.2", "Please leave the parcel at the back door.", "blue running shoes"})
  void mayMatch_ordinaryValues_skipsThem(String v) {
    PrefilterEdges.skips(detector, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {".env", "etc%pcpasswd", "windows%bg%qfsystem32", "x%bg%qfboot.ini", "0x2e0x2e0x2fetc0x2fpasswd", "zlib:x", "netdoc:x", "Jar:File:x"})
  void mayMatch_attacksNearTheFilterEdge_passesThem(String v) {
    PrefilterEdges.passes(detector, v);
  }
}
