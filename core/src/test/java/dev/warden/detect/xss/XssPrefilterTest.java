package dev.warden.detect.xss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.CharMask;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import dev.warden.testing.PrefilterEdges;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-filter of {@link XssDetector}: skips ordinary values, never a value {@code inspect} reports. */
class XssPrefilterTest {

  private final XssDetector detector = new XssDetector();

  @ParameterizedTest
  @ValueSource(strings = {"price:asc", "en-GB,en;q=0.9,de;q=0.8", "https://shop.example.com/cart?step=2", "application/json, text/plain, */*", "203.0.113.7, 198.51.100.2", "mailto:ann@example.com",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
      "Lightweight and breathable. Recycled polyester upper (65%), rubber outsole.",
      "Dishwasher safe (lid: top rack only).", "Please confirm by phone (today); an expression of interest",
      "the alerts (two) and an evaluation (x)",
      "Fully taped seams (expression of quality); breathability: 15,000 g/m2/24h. Weight: 310 g.",
      "Wool socks - see url (list) of java, script and more",
      "Data sheet: see the document, page 2. Script notes: none"})
  void mayMatch_ordinaryValues_skipsThem(String v) {
    PrefilterEdges.skips(detector, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert", "VBScript:msgbox", "java\tscript:x", "data:text/html,x", "x=document.cookie", "docu/**/ment.cookie", "a.innerHTML=b", "onload=javascript:x",
      // a parenthesis and nothing else an attack needs but a word or an operator
      "alert(1)", "x.PROMPT \t(1)", "top.atob\0(x)", "onerror=x(1)", "a l e r t(1)(2)", "al/**/ert(1)",
      "x:expression(y)", "url(javascript:x)", "background:url (j a v a s c r i p t:x)", "window.open(x)",
      "x:ex\tpres sion\u0001(1)", "a=expression\n(b)", "url\u007f(\tjavascript:x)"})
  void mayMatch_attacksNearTheFilterEdge_passesThem(String v) {
    PrefilterEdges.passes(detector, v);
  }

  /** Sink names, CSS and handler words, prose, and the punctuation around a call, glued at random. */
  static final String[] WORDS = {"alert", "Alert", "prompt", "confirm", "eval", "setTimeout", "setInterval",
      "execScript", "fromCharCode", "String.fromCharCode", "atob", "document", "window", "location", "cookie",
      "write", "innerHTML", "onerror", "onload", "on", "error", "expression", "url", "javascript", "vbscript",
      "java", "script", "data", "text/html", "behavior", "x", "a", "1", "top", "open", "self", "constructor",
      "Mozilla/5.0", "(X11;", "Linux", "safe", "(lid:", "rack", "(65%)", "al", "ert", "ex", "pression",
      "ur", "l", "ja", "vascript", "sa", "fe", "lert", "doc", "ument"};
  static final String[] GLUE = {" ", " ", "", "", "(", "(", ")", ")(", "()", ".", "=", ":", "/**/", "/*", "*/",
      "\t", "\n", "\0", "\u0001", ",", ";", "-", "/", "*", "?", "!", "%", " (", ") ", "'", "<", "&", "+"};

  /** One random text from {@link #WORDS} and {@link #GLUE}; shared with an offline many-seed run. */
  static String randomText(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(4) == 0) {
      sb.append(GLUE[r.nextInt(GLUE.length)]);
    }
    for (int j = 0, len = 1 + r.nextInt(7); j < len; j++) {
      sb.append(WORDS[r.nextInt(WORDS.length)]);
      for (int q = r.nextInt(3) == 0 ? 2 : 1; q > 0; q--) {
        sb.append(GLUE[r.nextInt(GLUE.length - (r.nextInt(8) == 0 ? 0 : 4))]);
      }
    }
    return sb.toString();
  }

  @Test
  void mayMatch_randomCallText_neverHidesAFinding() {
    Random r = new Random(11);
    PrefilterEdges.Tally t = PrefilterEdges.neverHides(detector, 60_000, () -> randomText(r));
    assertThat(t.findings()).as("the generator makes attacks").isGreaterThan(5_000);
    assertThat(t.skipped()).as("the generator makes text the filter skips").isGreaterThan(5_000);
  }

  /** CSS, scheme and sink words in pieces, the characters folding drops, and what goes around them. */
  private static final String[] CSS_WORDS = {"expression", "Expression", "ex", "pres", "sion", "url", "URL", "u", "rl",
      "javascript", "java", "script", "x", "a", "width", "red", "1", "sion)", "lid", "LiveScript", "vbscript", "data",
      "text/html", "document", "Window", "cookie", "location", "write", "innerHTML", "inner"};
  private static final String[] CSS_GLUE = {"", "", " ", "  ", "\t", "\n", "\r", "\0", "\u0001", "\u007f", "(", "(",
      ":", ":", "=", ";", ")", ".", ",", "-", "/", "%"};

  /**
   * Property-shaped CSS ({@code :expression(}, {@code url(javascript}) split by characters CSS
   * folding drops, script schemes before a colon and sink names touching a dot: the filter's
   * reading around each parenthesis, colon and dot, checked.
   */
  @Test
  void mayMatch_randomCssText_neverHidesAFinding() {
    Random r = new Random(23);
    int findings = 0;
    for (int k = 0; k < 60_000; k++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0, len = 1 + r.nextInt(8); j < len; j++) {
        sb.append(CSS_WORDS[r.nextInt(CSS_WORDS.length)]);
        for (int q = r.nextInt(3) == 0 ? 2 : 1; q > 0; q--) {
          sb.append(CSS_GLUE[r.nextInt(CSS_GLUE.length)]);
        }
      }
      Input in = Input.value(Source.QUERY, "q", sb.toString());
      if (detector.inspect(in).isPresent()) {
        findings++;
        assertThat(detector.mayMatch(in, CharMask.of(in.text()))).as("%s", in.text()).isTrue();
      }
    }
    assertThat(findings).as("the generator makes attacks").isGreaterThan(500);
  }
}
