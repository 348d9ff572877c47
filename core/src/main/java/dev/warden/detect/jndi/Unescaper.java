package dev.warden.detect.jndi;

import java.util.Locale;

/**
 * Undoes the escapes that hide a lookup opener from text matching but not from the component
 * that later un-escapes the value before logging it: JSON/Java {@code \}{@code uXXXX}, HTML
 * character references ({@code &lbrace;}, {@code &#36;}, {@code &#x7b;}, semicolon optional) and
 * ASCII {@code %XX}. Applied for up to {@value #ROUNDS} rounds so stacked escapes
 * ({@code \}{@code u002524} is {@code %24} is {@code $}) unwind. Linear per round; package-private.
 */
final class Unescaper {

  static final int ROUNDS = 3;

  private Unescaper() {}

  static String unescape(String s) {
    String cur = s;
    for (int r = 0; r < ROUNDS; r++) {
      String next = once(cur);
      if (next.equals(cur)) {
        break;
      }
      cur = next;
    }
    return cur;
  }

  private static String once(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('&') < 0 && s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\' && i + 5 < n && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')) {
        int v = hex(s, i + 2, 4);
        if (v >= 0) {
          sb.append((char) v);
          i += 6;
          continue;
        }
      } else if (c == '%' && i + 2 < n) {
        int v = hex(s, i + 1, 2);
        if (v >= 0 && v < 0x80) {
          sb.append((char) v);
          i += 3;
          continue;
        }
      } else if (c == '&') {
        int consumed = entity(s, i, sb);
        if (consumed > 0) {
          i += consumed;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }

  private static final String[][] NAMED = {
    {"lbrace", "{"}, {"lcub", "{"}, {"rbrace", "}"}, {"rcub", "}"}, {"dollar", "$"},
    {"colon", ":"}, {"sol", "/"}, {"period", "."}
  };

  /** Characters consumed for an entity at {@code i} (appended to sb), or 0. */
  private static int entity(String s, int i, StringBuilder sb) {
    int n = s.length();
    if (i + 1 < n && s.charAt(i + 1) == '#') {
      int k = i + 2;
      int radix = 10;
      if (k < n && (s.charAt(k) == 'x' || s.charAt(k) == 'X')) {
        radix = 16;
        k++;
      }
      int start = k;
      int v = 0;
      while (k < n && k - start < 6 && Character.digit(s.charAt(k), radix) >= 0 && s.charAt(k) < 128) {
        v = v * radix + Character.digit(s.charAt(k), radix);
        k++;
      }
      if (k == start || v >= 0x80 || v == 0) {
        return 0;
      }
      if (k < n && s.charAt(k) == ';') {
        k++;
      }
      sb.append((char) v);
      return k - i;
    }
    for (String[] e : NAMED) {
      String name = e[0];
      if (i + 1 + name.length() <= n
          && s.substring(i + 1, i + 1 + name.length()).toLowerCase(Locale.ROOT).equals(name)) {
        int k = i + 1 + name.length();
        if (k < n && s.charAt(k) == ';') {
          k++;
        }
        sb.append(e[1]);
        return k - i;
      }
    }
    return 0;
  }

  private static int hex(String s, int from, int len) {
    if (from + len > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = from; k < from + len; k++) {
      char c = s.charAt(k);
      int d = c < 128 ? Character.digit(c, 16) : -1;
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
