package dev.warden.normalize;

/**
 * Decodes HTML character references: decimal {@code &#46;}, hex {@code &#x2e;} (with or without
 * the closing {@code ;}, leading zeros allowed, as browsers do) and the small set of named
 * references that matter for injection ({@code &lt;}, {@code &sol;}, {@code &period;}, ...).
 * Unknown names, code points above U+10FFFF, surrogates and NUL are kept as written.
 *
 * <p>Stateless and thread-safe; one left-to-right pass, linear in the input (each reference reads
 * at most {@value #MAX_REF} characters); never throws.
 */
public final class HtmlEntityDecoder implements Decoder {

  /** Longest reference examined, {@code &#x} plus zeros and digits or a name, before giving up. */
  static final int MAX_REF = 32;

  // Names as in the HTML5 table, restricted to ASCII punctuation used by injection payloads.
  private static final String[] NAMES = {
    "lt", "<", "gt", ">", "amp", "&", "quot", "\"", "apos", "'", "sol", "/", "bsol", "\\",
    "period", ".", "colon", ":", "semi", ";", "lpar", "(", "rpar", ")", "num", "#",
    "percnt", "%", "dollar", "$", "grave", "`", "excl", "!", "equals", "=", "lsqb", "[",
    "rsqb", "]", "lbrack", "[", "rbrack", "]", "lcub", "{", "rcub", "}", "lbrace", "{", "rbrace", "}",
    "comma", ",", "Tab", "\t", "NewLine", "\n", "nbsp", "\u00a0", "vert", "|", "verbar", "|",
    "ast", "*", "plus", "+", "quest", "?", "commat", "@", "Hat", "^", "lowbar", "_", "hyphen", "-",
  };

  /** Legacy names browsers also accept without the semicolon. */
  private static final String[] NO_SEMI = {"lt", "gt", "amp", "quot"};

  @Override
  public String id() {
    return "html";
  }

  @Override
  public String decode(String s) {
    int i = s.indexOf('&');
    if (i < 0) {
      return s;
    }
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    while (i >= 0 && i < n) {
      int end;
      String rep;
      if (i + 2 < n && s.charAt(i + 1) == '#') {
        long[] r = numeric(s, i + 2);
        end = (int) r[1];
        rep = r[0] < 0 ? null : new String(Character.toChars((int) r[0]));
      } else {
        int j = i + 1;
        while (j < n && j - i <= MAX_REF && isAlnum(s.charAt(j))) {
          j++;
        }
        String name = s.substring(i + 1, j);
        boolean semi = j < n && s.charAt(j) == ';';
        rep = semi ? lookup(name) : legacy(name);
        end = semi ? j + 1 : j;
      }
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(s, copied, i).append(rep);
        copied = end;
        i = s.indexOf('&', end);
      } else {
        i = s.indexOf('&', i + 1);
      }
    }
    if (out == null) {
      return s;
    }
    out.append(s, copied, n);
    return out.toString();
  }

  /** {code point or -1, end index} for the digits starting at {@code p} (after {@code &#}). */
  private static long[] numeric(String s, int p) {
    int n = s.length();
    boolean hex = s.charAt(p) == 'x' || s.charAt(p) == 'X';
    int j = hex ? p + 1 : p;
    int start = j;
    long v = 0;
    while (j < n && j - start < MAX_REF) {
      int d = hex ? PercentDecoder.hex(s.charAt(j)) : digit(s.charAt(j));
      if (d < 0) {
        break;
      }
      v = Math.min(v * (hex ? 16 : 10) + d, 0x110000L);
      j++;
    }
    if (j == start || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      return new long[] {-1, p};
    }
    if (j < n && s.charAt(j) == ';') {
      j++;
    }
    return new long[] {v, j};
  }

  private static String lookup(String name) {
    for (int k = 0; k < NAMES.length; k += 2) {
      if (NAMES[k].equals(name)) {
        return NAMES[k + 1];
      }
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    for (String l : NO_SEMI) {
      if (l.equals(lower)) {
        return lookup(l);
      }
    }
    return null;
  }

  private static String legacy(String name) {
    for (String l : NO_SEMI) {
      if (l.equals(name)) {
        return lookup(l);
      }
    }
    return null;
  }

  private static int digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : -1;
  }

  private static boolean isAlnum(char c) {
    return c < 128 && Character.isLetterOrDigit(c);
  }
}
