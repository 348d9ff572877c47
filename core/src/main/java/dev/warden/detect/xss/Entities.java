package dev.warden.detect.xss;

/**
 * Bounded HTML character-reference decoding, enough to see through the encodings attackers use
 * to hide a scheme or a tag from naive filters ({@code &#106;avascript}, {@code &#x3C;script},
 * {@code javascript&colon;}). Numeric references (decimal and hex, with or without the closing
 * semicolon, any number of leading zeros) and the handful of named references that matter for
 * script injection are decoded; everything else is kept verbatim.
 *
 * <p>Linear: each input char is read at most a constant number of times (digit runs are capped).
 */
final class Entities {

  /** Longest digit run (after leading zeros) we accept in a numeric reference. */
  private static final int MAX_DIGITS = 7;

  private Entities() {}

  /** True when {@code s} contains something that may be a character reference. */
  static boolean mayContain(String s) {
    return s.indexOf('&') >= 0;
  }

  /** {@code s} with numeric and selected named references decoded. */
  static String decode(String s) {
    int amp = s.indexOf('&');
    if (amp < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, amp);
    int i = amp;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c != '&') {
        out.append(c);
        i++;
        continue;
      }
      int end = decodeAt(s, i, out);
      if (end < 0) {
        out.append('&');
        i++;
      } else {
        i = end;
      }
    }
    return out.toString();
  }

  /** Decodes the reference at {@code i} (an '&') into {@code out}; its end, or -1. */
  private static int decodeAt(String s, int i, StringBuilder out) {
    int n = s.length();
    int j = i + 1;
    if (j < n && s.charAt(j) == '#') {
      j++;
      boolean hex = j < n && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
      if (hex) {
        j++;
      }
      int start = j;
      while (j < n && s.charAt(j) == '0' && j - start < 64) {
        j++;
      }
      long v = 0;
      int digits = 0;
      while (j < n && digits <= MAX_DIGITS) {
        int d = Character.digit(s.charAt(j), hex ? 16 : 10);
        if (d < 0) {
          break;
        }
        v = v * (hex ? 16 : 10) + d;
        digits++;
        j++;
      }
      if (j == start || digits > MAX_DIGITS) {
        return -1;
      }
      if (j < n && s.charAt(j) == ';') {
        j++;
      }
      if (v == 0 || v > Character.MAX_CODE_POINT) {
        out.append('\uFFFD');
      } else {
        out.appendCodePoint((int) v);
      }
      return j;
    }
    int start = j;
    while (j < n && j - start < 10 && isAsciiLetter(s.charAt(j))) {
      j++;
    }
    if (j == start) {
      return -1;
    }
    char v = named(s.substring(start, j).toLowerCase(java.util.Locale.ROOT));
    if (v == 0) {
      return -1;
    }
    if (j < n && s.charAt(j) == ';') {
      j++;
    }
    out.append(v);
    return j;
  }

  /** The few named references that rebuild markup or a URL scheme. */
  private static char named(String name) {
    switch (name) {
      case "lt": return '<';
      case "gt": return '>';
      case "quot": return '"';
      case "apos": return '\'';
      case "amp": return '&';
      case "colon": return ':';
      case "tab": return '\t';
      case "newline": return '\n';
      case "lpar": return '(';
      case "rpar": return ')';
      case "sol": return '/';
      case "bsol": return '\\';
      case "period": return '.';
      case "grave": return '`';
      case "equals": return '=';
      case "semi": return ';';
      case "comma": return ',';
      case "excl": return '!';
      case "num": return '#';
      case "plus": return '+';
      case "lsqb": return '[';
      case "rsqb": return ']';
      case "nbsp": return '\u00A0';
      default: return 0;
    }
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
