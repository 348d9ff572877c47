package dev.warden.detect.xss;

/**
 * Compatibility folding for markup smuggled in other character forms: full-width ASCII
 * ({@code ＜script＞}, which some back ends NFKC-normalise), UTF-7 ({@code +ADw-script+AD4-}, for
 * pages served without a charset) and Latin-1 with the high bit set ({@code ¼script¾}, which
 * 7-bit US-ASCII decoders strip back to {@code <script>}). Linear, bounded by the input length.
 */
final class Folding {

  private Folding() {}

  /** The folded text, or null when no fold applies (the caller then skips this view). */
  static String fold(String s) {
    boolean fullWidth = false;
    boolean sevenBit = false;
    boolean utf7 = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') {
        fullWidth = true;
      } else if (c == '\u00BC') {
        // '¼' is '<' | 0x80: the marker of a high-bit-stripping payload.
        sevenBit = true;
      } else if (c == '+' && i + 3 < s.length() && s.charAt(i + 1) == 'A' && s.charAt(i + 2) == 'D') {
        utf7 = true;
      }
    }
    if (!fullWidth && !sevenBit && !utf7) {
      return null;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (utf7 && c == '+') {
        int end = decodeUtf7(s, i + 1, out);
        if (end > 0) {
          i = end;
          continue;
        }
      }
      if (fullWidth && c >= '\uFF01' && c <= '\uFF5E') {
        out.append((char) (c - 0xFEE0));
      } else if (sevenBit && c >= '\u00A0' && c <= '\u00FF') {
        out.append((char) (c & 0x7F));
      } else {
        out.append(c);
      }
      i++;
    }
    return out.toString();
  }

  /** Decodes a modified-base64 run starting at {@code from}; its end, or -1 if none. */
  private static int decodeUtf7(String s, int from, StringBuilder out) {
    int bits = 0;
    int nbits = 0;
    int i = from;
    StringBuilder chunk = new StringBuilder();
    while (i < s.length() && i - from < 4096) {
      int v = b64(s.charAt(i));
      if (v < 0) {
        break;
      }
      bits = (bits << 6) | v;
      nbits += 6;
      if (nbits >= 16) {
        nbits -= 16;
        chunk.append((char) ((bits >> nbits) & 0xFFFF));
        bits &= (1 << nbits) - 1;
      }
      i++;
    }
    if (chunk.length() == 0) {
      return -1;
    }
    if (i < s.length() && s.charAt(i) == '-') {
      i++;
    }
    out.append(chunk);
    return i;
  }

  private static int b64(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '+') {
      return 62;
    }
    if (c == '/') {
      return 63;
    }
    return -1;
  }
}
