package dev.warden.detect.cmdi;

import dev.warden.testing.PrefilterEdges;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-filter of {@link CommandInjectionDetector}: skips ordinary values, never a value {@code inspect} reports. */
class CmdiPrefilterTest {

  private final CommandInjectionDetector detector = new CommandInjectionDetector();

  @ParameterizedTest
  @ValueSource(strings = {"sort", "zip", "time", "price:asc", "application/json, text/plain, */*", "https://shop.example.com/cart?step=2", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "en-GB,en;q=0.9,de;q=0.8",
      "Thanks!", "Ring me at +44 20 7946 0958 if out of stock", "Deliver between 9 and 5; ring twice.",
      "for long distances, if ever"})
  void mayMatch_ordinaryValues_skipsThem(String v) {
    PrefilterEdges.skips(detector, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"whoami", "ifconfig.exe", "sort -r /etc/x", "a; id", "x|/usr/bin/id", "code=ansible-console", "/???/??t /???/p??s??", "python3.11 -c x", "x && Whoami", "cmd /c dir", "system('id')",
      "!-1!-2", "~+", "cat+/etc/passwd", "FOR %i IN (a) DO x", "IF EXIST x y", "g++ -o x y.c"})
  void mayMatch_attacksNearTheFilterEdge_passesThem(String v) {
    PrefilterEdges.passes(detector, v);
  }
}
