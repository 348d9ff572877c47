package dev.warden.detect.xss;

/**
 * URL schemes that run script when navigated to or loaded: {@code javascript:}, {@code vbscript:},
 * {@code livescript:}, and {@code data:} URLs with an HTML, XML, SVG or script media type.
 * Browsers drop ASCII tab, newline and other C0 controls inside a URL before reading its scheme,
 * so {@code jav&#x09;ascript:} and {@code j\0avascript:} are matched as {@code javascript:}.
 * All matching is bounded (scheme name, at most {@value #MAX_GAP} skipped chars per gap).
 */
final class Schemes {

  private static final String[] SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript"};
  /** Media types that make a {@code data:} URL a document or a script. */
  private static final String[] DATA_TYPES = {
    "text/html", "text/xml", "text/javascript", "text/ecmascript", "text/vbscript", "image/svg",
    "application/xhtml", "application/xml", "application/javascript", "application/ecmascript",
    "application/x-"
  };
  private static final int MAX_GAP = 8;

  private Schemes() {}

  /** Index just after the ':' of a script scheme starting at {@code i}, or -1. */
  static int matchScheme(String t, int i) {
    for (String s : SCRIPT_SCHEMES) {
      int end = matchWord(t, i, s);
      if (end > 0) {
        return end;
      }
    }
    return -1;
  }

  /** True when a {@code data:} URL with a document or script media type starts at {@code i}. */
  static boolean isDataHtml(String t, int i) {
    int p = matchWord(t, i, "data");
    if (p < 0) {
      return false;
    }
    while (p < t.length() && p - i < 32 && HtmlScan.isSpace(t.charAt(p))) {
      p++;
    }
    for (String type : DATA_TYPES) {
      if (t.regionMatches(true, p, type, 0, type.length())) {
        return true;
      }
    }
    return false;
  }

  /** A script scheme or script {@code data:} URL at the start of an attribute value. */
  static boolean scriptSchemeAtStart(String v) {
    int p = 0;
    while (p < v.length() && p < 64 && (v.charAt(p) <= 0x20 || v.charAt(p) == '\u00A0')) {
      p++;
    }
    return matchScheme(v, p) > 0 || isDataHtml(v, p);
  }

  /**
   * Matches {@code word} (lower-case ASCII) then ':' at {@code i}, case-insensitively, skipping
   * C0 controls between letters and spaces before the colon; the index after ':' or -1.
   */
  private static int matchWord(String t, int i, String word) {
    int n = t.length();
    int p = i;
    for (int w = 0; w < word.length(); w++) {
      int gap = 0;
      while (w > 0 && p < n && t.charAt(p) < 0x20 && gap < MAX_GAP) {
        p++;
        gap++;
      }
      if (p >= n || (t.charAt(p) | 0x20) != word.charAt(w)) {
        return -1;
      }
      p++;
    }
    int gap = 0;
    while (p < n && t.charAt(p) <= 0x20 && gap < MAX_GAP) {
      p++;
      gap++;
    }
    return p < n && t.charAt(p) == ':' ? p + 1 : -1;
  }
}
