package dev.warden.detect.xss;

import dev.warden.testing.PrefilterEdges;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-filter of {@link XssDetector}: skips ordinary values, never a value {@code inspect} reports. */
class XssPrefilterTest {

  private final XssDetector detector = new XssDetector();

  @ParameterizedTest
  @ValueSource(strings = {"price:asc", "en-GB,en;q=0.9,de;q=0.8", "https://shop.example.com/cart?step=2", "application/json, text/plain, */*", "203.0.113.7, 198.51.100.2", "mailto:ann@example.com"})
  void mayMatch_ordinaryValues_skipsThem(String v) {
    PrefilterEdges.skips(detector, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert", "VBScript:msgbox", "java\tscript:x", "data:text/html,x", "x=document.cookie", "docu/**/ment.cookie", "a.innerHTML=b", "onload=javascript:x"})
  void mayMatch_attacksNearTheFilterEdge_passesThem(String v) {
    PrefilterEdges.passes(detector, v);
  }
}
