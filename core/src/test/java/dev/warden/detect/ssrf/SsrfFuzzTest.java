package dev.warden.detect.ssrf;

import dev.warden.testing.SpliceFuzz;
import org.junit.jupiter.api.Test;

class SsrfFuzzTest {

  /** Fragments of attack syntax and of text around it, spliced at random. */
  private static final String[] TOKENS = {"http", "://", ":", "/", "@", "[", "]", "::", "ffff", "127", "0x7f", "0177", ".", "1", "localhost", "①", "。", "file", "jar:", "gopher", " ", "\\", "\u0000", "\uD800", "é", "%", "\n"};

  @Test
  void inspect_randomSplicedFragments_neverThrowsAndStaysFast() {
    SpliceFuzz.run(new SsrfDetector(), TOKENS);
  }
}
