package dev.warden.normalize;

/**
 * Decodes overlong UTF-8 forms that survive as Latin-1 characters. After percent decoding, bytes
 * that are not valid UTF-8 appear as U+0080–U+00FF (see {@link PercentDecoder}); old IIS, Tomcat
 * and some Java decoders accepted overlong forms, so {@code %c0%ae} (C0 AE) meant {@code .},
 * {@code %c0%af} meant {@code /}, {@code %c1%9c} meant {@code \}, and likewise the 3- to 6-byte
 * forms {@code E0 80 AE}, {@code F0 80 80 AF}, {@code F8 80 80 80 AE}, {@code FC 80 80 80 80 AE}.
 *
 * <p>Only sequences that are overlong (their value would fit in fewer bytes) are rewritten, to
 * the character they spell; anything else is kept. A lead byte alone or with too few
 * continuation characters is kept as written.
 *
 * <p>Stateless and thread-safe; one pass, each position reads at most 6 characters; never throws.
 */
public final class OverlongUtf8Decoder implements Decoder {

  @Override
  public String id() {
    return "overlong-utf8";
  }

  @Override
  public String decode(String s) {
    int n = s.length();
    int i = firstLead(s);
    if (i < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, i);
    boolean changed = false;
    while (i < n) {
      char c = s.charAt(i);
      int len = length(c);
      if (len > 1 && i + len <= n) {
        int v = c & (0x7f >> len);
        boolean ok = true;
        for (int k = i + 1; k < i + len; k++) {
          char t = s.charAt(k);
          if (t < 0x80 || t > 0xbf) {
            ok = false;
            break;
          }
          v = v << 6 | (t & 0x3f);
        }
        if (ok && v < minimum(len)) {
          out.append((char) v);
          i += len;
          changed = true;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return changed ? out.toString() : s;
  }

  private static int firstLead(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (length(s.charAt(i)) > 1) {
        return i;
      }
    }
    return -1;
  }

  /** Sequence length announced by a lead byte read as a Latin-1 char; 0 when not a lead. */
  static int length(char c) {
    if (c < 0xc0 || c > 0xfd) {
      return 0;
    }
    if (c < 0xe0) {
      return 2;
    }
    if (c < 0xf0) {
      return 3;
    }
    if (c < 0xf8) {
      return 4;
    }
    return c < 0xfc ? 5 : 6;
  }

  /** Smallest value that legitimately needs {@code len} bytes. */
  private static int minimum(int len) {
    return switch (len) {
      case 2 -> 0x80;
      case 3 -> 0x800;
      case 4 -> 0x10000;
      case 5 -> 0x200000;
      default -> 0x4000000;
    };
  }
}
