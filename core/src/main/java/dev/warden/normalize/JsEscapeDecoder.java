package dev.warden.normalize;

/**
 * Decodes JavaScript / JSON string escapes: {@code \}{@code uXXXX}, {@code \}{@code u{X..}},
 * {@code \xXX}, and the single-character escapes {@code \/ \\ \" \' \n \r \t}. Values often
 * reach a handler still carrying these (double-encoded JSON, payload lists written for JS
 * contexts). Malformed escapes are kept as written; a lone surrogate produced by
 * {@code \}{@code uD800} is kept as a char, as JavaScript would.
 *
 * <p>Stateless and thread-safe; one left-to-right pass, linear in the input; never throws.
 */
public final class JsEscapeDecoder implements Decoder {

  @Override
  public String id() {
    return "js";
  }

  @Override
  public String decode(String s) {
    int i = s.indexOf('\\');
    if (i < 0) {
      return s;
    }
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, i);
    boolean changed = false;
    while (i < n) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= n) {
        out.append(c);
        i++;
        continue;
      }
      char e = s.charAt(i + 1);
      int v = -1;
      int len = 0;
      if (e == 'u' && i + 2 < n && s.charAt(i + 2) == '{') {
        int j = i + 3;
        int acc = 0;
        while (j < n && j - (i + 3) < 6 && PercentDecoder.hex(s.charAt(j)) >= 0) {
          acc = acc << 4 | PercentDecoder.hex(s.charAt(j));
          j++;
        }
        if (j > i + 3 && j < n && s.charAt(j) == '}' && acc <= 0x10FFFF) {
          v = acc;
          len = j + 1 - i;
        }
      } else if (e == 'u') {
        v = hexRun(s, i + 2, 4);
        len = 6;
      } else if (e == 'x') {
        v = hexRun(s, i + 2, 2);
        len = 4;
      } else {
        len = 2;
        switch (e) {
          case '/', '\\', '"', '\'' -> v = e;
          case 'n' -> v = '\n';
          case 'r' -> v = '\r';
          case 't' -> v = '\t';
          default -> v = -1;
        }
      }
      if (v < 0) {
        out.append(c);
        i++;
        continue;
      }
      if (v <= 0xFFFF) {
        out.append((char) v);
      } else {
        out.appendCodePoint(v);
      }
      changed = true;
      i += len;
    }
    return changed ? out.toString() : s;
  }

  /** Value of exactly {@code count} hex digits at {@code from}, or -1. */
  private static int hexRun(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = from; k < from + count; k++) {
      int h = PercentDecoder.hex(s.charAt(k));
      if (h < 0) {
        return -1;
      }
      v = v << 4 | h;
    }
    return v;
  }
}
