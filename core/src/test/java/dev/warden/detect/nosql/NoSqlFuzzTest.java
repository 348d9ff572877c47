package dev.warden.detect.nosql;

import dev.warden.testing.SpliceFuzz;
import org.junit.jupiter.api.Test;

class NoSqlFuzzTest {

  /** Fragments of attack syntax and of text around it, spliced at random. */
  private static final String[] TOKENS = {"$", "ne", "gt", "where", "[", "]", "{", "}", "\"", "'", ":", ";", "||", "&&", "==", "1", "this.", "db.", "match(", "sleep(", " ", "\\", "\u0000", "\uD800", "é", "%", "\n"};

  @Test
  void inspect_randomSplicedFragments_neverThrowsAndStaysFast() {
    SpliceFuzz.run(new NoSqlDetector(), TOKENS);
  }
}
