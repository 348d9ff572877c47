package dev.warden.detect.path;

import java.util.Locale;

/** The scanner behind {@link PathTraversalDetector}; pure functions, no state. */
final class PathScanner {

  /** Characters of a value examined; a path parameter longer than this is not a file name. */
  static final int MAX_CHARS = 8192;

  /** Longest junk run accepted between two words of a sensitive path ({@code Á%pc}, {@code 0x5c}). */
  static final int MAX_GAP = 8;

  record Hit(String rule, int start, int end) {}

  private PathScanner() {
  }

  static Hit scan(String raw) {
    String t = raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw;
    LaxFold f = LaxFold.of(t);
    String lower = f.text;
    Hit h = wrapper(lower);
    if (h == null) {
      h = traversal(lower);
    }
    if (h == null) {
      h = SensitiveFiles.find(lower);
    }
    if (h != null) {
      return new Hit(h.rule(), f.origin(h.start()), Math.max(f.origin(h.start()), f.origin(h.end())));
    }
    return nullByte(t);
  }

  /**
   * For ASCII text with {@code /} but no backslash or NUL, on which
   * {@link PathTraversalDetector#wordsMayFire} is false: false only when {@link #scan} finds
   * nothing. Such text holds no {@code 0x}, no {@code ..} and no Latin-1 character, so
   * {@link LaxFold} only lower-cases it, index for index, and then:
   * <ul>
   *   <li>{@code wrapper-scheme} needs a {@link #WRAPPERS} name around a colon (checked at each
   *       colon, either case);</li>
   *   <li>{@code dot-dot-traversal} needs a dot-dot segment, so {@code ..} (absent);</li>
   *   <li>{@code sensitive-file}: the device form needs {@code //?/} or {@code //./} after
   *       leading blanks; the segment table needs a segment that
   *       {@link SensitiveFiles#segmentMayMatch} accepts; the loose pairs need {@code etc},
   *       {@code win}, {@code system32} or {@code boot.ini} (absent: wordsMayFire);</li>
   *   <li>{@code null-byte} needs a NUL (absent).</li>
   * </ul>
   * One pass over the examined prefix, plus the colons.
   */
  static boolean slashTextMayFire(String t) {
    int n = Math.min(t.length(), MAX_CHARS);
    for (int p = t.indexOf(':'); p >= 0 && p < n; p = t.indexOf(':', p + 1)) {
      char before = p > 0 ? lower(t.charAt(p - 1)) : 0;
      for (int x = 0; x < WRAPPERS.length; x++) {
        String w = WRAPPERS[x];
        int k = WRAPPER_COLON[x];
        int start = p - k;
        // the letter before the colon first: most colons ("https:", "Weight:") end no wrapper
        if (start >= 0 && before == w.charAt(k - 1) && start + w.length() <= n && lowerAt(t, start, w)) {
          return true;
        }
      }
    }
    int i = 0;
    while (i < n && t.charAt(i) == ' ') {
      i++;
    }
    if (i + 4 <= n && t.charAt(i) == '/' && t.charAt(i + 1) == '/'
        && (t.charAt(i + 2) == '?' || t.charAt(i + 2) == '.') && t.charAt(i + 3) == '/') {
      return true;
    }
    int a = 0;
    while (a <= n) {
      int b = t.indexOf('/', a);
      if (b < 0 || b > n) {
        b = n;
      }
      if (SensitiveFiles.segmentMayMatch(t, a, b)) {
        return true;
      }
      a = b + 1;
    }
    return false;
  }

  /** Whether {@code lower} (lower-case ASCII) is at {@code i} of {@code t}, ASCII case ignored. */
  private static boolean lowerAt(String t, int i, String lower) {
    for (int k = 0; k < lower.length(); k++) {
      if (lower(t.charAt(i + k)) != lower.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  static boolean isSep(char c) {
    // U+EFC8 and U+F025 are the private-use "slashes" of IIS best-fit mapping that evasion lists
    // send as %uEFC8 / %uF025.
    return c == '/' || c == '\\' || c == '\uefc8' || c == '\uf025';
  }

  static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  }

  // ---- wrapper-scheme ----

  private static final String[] WRAPPERS = {
    "php://", "phar://", "zip://", "compress.zlib://", "compress.bzip2://", "expect://",
    "glob://", "zlib:", "jar:file:", "netdoc:", "file:/", "file:\\",
  };

  /** Index of the colon in each of {@link #WRAPPERS}. */
  private static final int[] WRAPPER_COLON = new int[WRAPPERS.length];

  static {
    for (int x = 0; x < WRAPPERS.length; x++) {
      WRAPPER_COLON[x] = WRAPPERS[x].indexOf(':');
    }
  }

  private static Hit wrapper(String s) {
    int colon = s.indexOf(':');
    while (colon >= 0) {
      for (String w : WRAPPERS) {
        int k = w.indexOf(':');
        int start = colon - k;
        if (start >= 0 && s.startsWith(w, start) && (start == 0 || !isAlnum(s.charAt(start - 1)))) {
          return new Hit("wrapper-scheme", start, Math.min(s.length(), start + w.length() + 8));
        }
      }
      colon = s.indexOf(':', colon + 1);
    }
    return null;
  }

  // ---- dot-dot-traversal ----

  /**
   * Walks the segments keeping the depth; fires when a dot-dot segment followed by a separator
   * takes the depth below zero.
   */
  private static Hit traversal(String s) {
    int n = s.length();
    int depth = 0;
    int i = 0;
    while (i <= n) {
      int j = i;
      while (j < n && !isSep(s.charAt(j))) {
        j++;
      }
      // segment [i, j)
      if (isDotDot(s, i, j)) {
        depth--;
        if (depth < 0 && j < n) {
          return new Hit("dot-dot-traversal", i, Math.min(n, j + 1));
        }
      } else if (j > i && !(j == i + 1 && s.charAt(i) == '.')) {
        depth++;
      }
      i = j + 1;
    }
    return null;
  }

  /** Two or more dots, then optionally junk only. */
  static boolean isDotDot(String s, int from, int to) {
    int dots = 0;
    int k = from;
    while (k < to && s.charAt(k) == '.') {
      dots++;
      k++;
    }
    if (dots < 2) {
      return false;
    }
    // Junk after the dots: ";" (Tomcat path parameters), NUL, "%" and undecodable Latin-1 bytes
    // left by evasion encodings ("..%c0\\").
    while (k < to && (s.charAt(k) == ';' || s.charAt(k) == '\0' || s.charAt(k) == '%'
        || (s.charAt(k) >= 0x80 && s.charAt(k) <= 0xff))) {
      k++;
    }
    return k == to;
  }

  // ---- null-byte ----

  private static Hit nullByte(String s) {
    int i = s.indexOf('\0');
    while (i > 0) {
      char p = s.charAt(i - 1);
      boolean pathBefore = isAlnum(p) || p == '.' || isSep(p);
      boolean pathAfter = i + 1 == s.length() || s.charAt(i + 1) == '.' || isSep(s.charAt(i + 1));
      if (pathBefore && pathAfter && hasPathShape(s, i)) {
        return new Hit("null-byte", Math.max(0, i - 16), Math.min(s.length(), i + 8));
      }
      i = s.indexOf('\0', i + 1);
    }
    return null;
  }

  /** A separator or a file extension before the NUL: the value looks like a file name. */
  private static boolean hasPathShape(String s, int nul) {
    for (int k = nul - 1; k >= 0 && nul - k <= 64; k--) {
      char c = s.charAt(k);
      if (isSep(c) || c == '.') {
        return true;
      }
      if (c <= ' ') {
        return false;
      }
    }
    return false;
  }
}
