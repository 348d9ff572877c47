package dev.warden.detect.deser;

import dev.warden.testing.SpliceFuzz;
import org.junit.jupiter.api.Test;

class DeserializationFuzzTest {

  /** Fragments of attack syntax and of text around it, spliced at random. */
  private static final String[] TOKENS = {"java", ".", "lang", "Runtime", "rO0AB", "H4sI", "AAAA", "aced0005", "!!", "\"@type\"", ":", "\"", "<", "dynamic-proxy", "invokertransformer", "\u00ac\u00ed", "cnVudGltZQ", " ", "\\", "\u0000", "\uD800", "é", "%", "\n"};

  @Test
  void inspect_randomSplicedFragments_neverThrowsAndStaysFast() {
    SpliceFuzz.run(new DeserializationDetector(), TOKENS);
  }
}
