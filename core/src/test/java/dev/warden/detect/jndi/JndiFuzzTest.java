package dev.warden.detect.jndi;

import dev.warden.testing.SpliceFuzz;
import org.junit.jupiter.api.Test;

class JndiFuzzTest {

  /** Fragments of attack syntax and of text around it, spliced at random. */
  private static final String[] TOKENS = {"${", "}", "jndi", ":", ":-", "lower", "upper", "env", "date", "'", "$", "&lbrace;", "\\u007b", "%24", "ldap://", "::-", " ", "\\", "\u0000", "\uD800", "é", "%", "\n"};

  @Test
  void inspect_randomSplicedFragments_neverThrowsAndStaysFast() {
    SpliceFuzz.run(new JndiDetector(), TOKENS);
  }
}
