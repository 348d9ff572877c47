package dev.warden.detect.deser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GadgetTableTest {

  private static final String[] PARTS = {"java", "Java", "JAVAX", "lang", "Runtime", "runtime", "org", "apache",
      "commons", "collections", "functors", "InvokerTransformer", "invokertransformer", "TemplatesImpl",
      "templatesImpl", "sun", "misc", "com", "example", "shop", "eyJhbGciOiJIUzI1NiJ9", "c2lnbmF0dXJl", "v1",
      "ProcessBuilder", "processbuilder", "LazyMap", "mvel", "MVEL", "x", "oracle", "jdbc", "ch", "qos",
      "logback", "net", "sf", "json", "bsh", "Interpreter", "InitialContext", "initialcontext", "ognl"};

  /**
   * {@code mayClassify} spares {@code classify} on names it rules out, so it must never rule out
   * one {@code classify} flags: dotted and undotted names from package, gadget and ordinary words.
   */
  @Test
  void mayClassify_randomNames_neverRulesOutAFlaggedName() {
    Random random = new Random(5);
    int flagged = 0;
    int ruledOut = 0;
    for (int k = 0; k < 200_000; k++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0, len = 1 + random.nextInt(5); j < len; j++) {
        sb.append(j == 0 ? "" : ".").append(PARTS[random.nextInt(PARTS.length)]);
      }
      String name = sb.toString();
      boolean may = GadgetTable.mayClassify(" " + name + " ", 1, name.length() + 1);
      if (GadgetTable.classify(name) != null) {
        flagged++;
        assertThat(may).as(name).isTrue();
      } else if (!may) {
        ruledOut++;
      }
    }
    assertThat(flagged).as("names classify flags").isGreaterThan(50_000);
    assertThat(ruledOut).as("names ruled out").isGreaterThan(5_000);
  }

  @Test
  void mayClassify_jwtAndHostNames_ruledOut() {
    for (String w : new String[] {"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjLTc3MzEifQ.c2lnbmF0dXJl", "shop.example.com", "AppleWebKit", "Lightweight"}) {
      assertThat(GadgetTable.mayClassify(w, 0, w.length())).as(w).isFalse();
    }
  }
}
