package dev.warden.detect.ssrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.CharMask;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-filter of {@link SsrfDetector}: skips ordinary values, never a value {@code inspect} reports. */
class SsrfPrefilterTest {

  private final SsrfDetector detector = new SsrfDetector();

  private boolean mayMatch(String v) {
    return detector.mayMatch(Input.value(Source.HEADER, "header.x", v), CharMask.of(v));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-GB,en;q=0.9,de;q=0.8", "203.0.113.7, 198.51.100.2", "Please leave the parcel at the back door.", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "application/json", "blue running shoes"})
  void mayMatch_ordinaryValues_skipsThem(String v) {
    assertThat(detector.inspect(Input.value(Source.HEADER, "header.x", v))).isEmpty();
    assertThat(mayMatch(v)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "  LocalHost  ", "ip6-loopback", "redis.default.svc", "metadata.google.internal", "10.0.0.7/admin", "app.127.0.0.1.nip.io", "//localhost/admin", "localhost:8080", "ⓛⓞⓒⓐⓛⓗⓞⓢⓣ"})
  void mayMatch_attacksNearTheFilterEdge_passesThem(String v) {
    assertThat(detector.inspect(Input.value(Source.HEADER, "header.x", v))).isPresent();
    assertThat(mayMatch(v)).isTrue();
  }
}
