package dev.warden.detect.ssrf;

import dev.warden.testing.PrefilterEdges;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-filter of {@link SsrfDetector}: skips ordinary values, never a value {@code inspect} reports. */
class SsrfPrefilterTest {

  private final SsrfDetector detector = new SsrfDetector();

  @ParameterizedTest
  @ValueSource(strings = {"en-GB,en;q=0.9,de;q=0.8", "203.0.113.7, 198.51.100.2", "Please leave the parcel at the back door.", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "application/json", "blue running shoes"})
  void mayMatch_ordinaryValues_skipsThem(String v) {
    PrefilterEdges.skips(detector, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "  LocalHost  ", "ip6-loopback", "redis.default.svc", "metadata.google.internal", "10.0.0.7/admin", "app.127.0.0.1.nip.io", "//localhost/admin", "localhost:8080", "ⓛⓞⓒⓐⓛⓗⓞⓢⓣ"})
  void mayMatch_attacksNearTheFilterEdge_passesThem(String v) {
    PrefilterEdges.passes(detector, v);
  }
}
