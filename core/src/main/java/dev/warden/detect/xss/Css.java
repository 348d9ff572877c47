package dev.warden.detect.xss;

/**
 * CSS that runs script: IE {@code expression()}, {@code behavior:} (HTC), Mozilla
 * {@code -moz-binding} (XBL), and script-scheme URLs in {@code url(...)} or {@code @import}.
 * Before matching, comments are removed, CSS escapes decoded, white space dropped and letters
 * lower-cased ({@link #fold}), so {@code exp/**}{@code /ression(} and {@code \65xpression} are seen.
 * Linear in the input.
 */
final class Css {

  private Css() {}

  /** The rule for dangerous CSS in a style attribute or {@code <style>} body, or null. */
  static String danger(String css) {
    String f = fold(css);
    if (f.contains("expression(") || f.contains("behavior:") || f.contains("-moz-binding")) {
      return "css-expression";
    }
    if (f.contains("javascript:") || f.contains("vbscript:")) {
      return "script-url";
    }
    return null;
  }

  /**
   * The rule for CSS smuggled into text outside any style context: only a property-shaped
   * {@code :expression(} / {@code =expression(} or a {@code url(javascript:...)}, never the bare
   * word, so prose about "regular expressions" passes.
   */
  static String dangerInText(String t) {
    if (t.indexOf('(') < 0) {
      return null;
    }
    if (t.indexOf('\\') < 0 && !mayBeInText(t)) {
      return null;
    }
    String f = fold(t);
    if (f.contains(":expression(") || f.contains("=expression(")) {
      return "css-expression";
    }
    if (f.contains("url(javascript") || f.contains("url('javascript") || f.contains("url(\"javascript")) {
      return "script-url";
    }
    return null;
  }

  /**
   * For text without a backslash, false when {@link #dangerInText} cannot fire: without escapes,
   * fold only drops characters and lower-cases, so each pattern must then be in the text letter
   * by letter, in order. Most text with a parenthesis has none.
   */
  static boolean mayBeInText(String t) {
    return inOrder(t, "expression(") || inOrder(t, "url(javascript");
  }

  /** Whether the characters of {@code lower} occur in {@code t} in order, ASCII case ignored. */
  static boolean inOrder(String t, String lower) {
    int m = 0;
    for (int i = 0, n = t.length(); i < n && m < lower.length(); i++) {
      char c = t.charAt(i);
      if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) == lower.charAt(m)) {
        m++;
      }
    }
    return m == lower.length();
  }

  /** Comments removed, escapes decoded, white space and C0 controls dropped, lower case. */
  static String fold(String s) {
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int close = s.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
        continue;
      }
      if (c == '\\' && i + 1 < n) {
        int j = i + 1;
        int v = 0;
        while (j < n && j - i <= 6 && Character.digit(s.charAt(j), 16) >= 0) {
          v = v * 16 + Character.digit(s.charAt(j), 16);
          j++;
        }
        if (j > i + 1) {
          if (j < n && s.charAt(j) == ' ') {
            j++;
          }
          if (v > 0 && v <= Character.MAX_CODE_POINT) {
            appendFolded(out, v);
          }
          i = j;
        } else {
          appendFolded(out, s.charAt(j));
          i = j + 1;
        }
        continue;
      }
      appendFolded(out, c);
      i++;
    }
    return out.toString();
  }

  private static void appendFolded(StringBuilder out, int cp) {
    if (cp <= 0x20 || cp == 0x7F) {
      return;
    }
    if (cp >= 'A' && cp <= 'Z') {
      out.append((char) (cp + 32));
    } else {
      out.appendCodePoint(cp);
    }
  }
}
