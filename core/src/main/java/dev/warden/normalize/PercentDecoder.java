package dev.warden.normalize;

import java.nio.charset.StandardCharsets;

/**
 * Decodes one layer of URL escapes: {@code %XX} (bytes, read as UTF-8 where they form valid
 * sequences, otherwise as Latin-1 so nothing is lost) and the non-standard {@code %uXXXX} that
 * IIS accepted and evasion lists still use. {@code +} is left alone: API Gateway and ALB already
 * decode query strings, and inside a decoded value {@code +} is as often an operator as a space.
 */
public final class PercentDecoder implements Decoder {

  @Override
  public String id() {
    return "url";
  }

  @Override
  public String decode(String s) {
    int first = s.indexOf('%');
    if (first < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, first);
    byte[] pending = new byte[s.length() / 3 + 1];
    int np = 0;
    boolean changed = false;
    int i = first;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        pending[np++] = (byte) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
        i += 3;
        changed = true;
        continue;
      }
      if (np > 0) {
        flush(out, pending, np);
        np = 0;
      }
      if (c == '%' && i + 5 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
          && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0 && hex(s.charAt(i + 4)) >= 0
          && hex(s.charAt(i + 5)) >= 0) {
        out.append((char) (hex(s.charAt(i + 2)) << 12 | hex(s.charAt(i + 3)) << 8
            | hex(s.charAt(i + 4)) << 4 | hex(s.charAt(i + 5))));
        i += 6;
        changed = true;
        continue;
      }
      out.append(c);
      i++;
    }
    if (np > 0) {
      flush(out, pending, np);
    }
    return changed ? out.toString() : s;
  }

  /** Appends bytes as UTF-8 where valid, each invalid byte as the Latin-1 character of its value. */
  static void flush(StringBuilder out, byte[] b, int n) {
    int i = 0;
    while (i < n) {
      int b0 = b[i] & 0xff;
      int len = b0 < 0x80 ? 1 : b0 >= 0xc2 && b0 < 0xe0 ? 2 : b0 >= 0xe0 && b0 < 0xf0 ? 3 : b0 >= 0xf0 && b0 < 0xf5 ? 4 : 0;
      if (len > 1 && i + len <= n && continuation(b, i + 1, i + len) && shortest(b0, b[i + 1] & 0xff)) {
        out.append(new String(b, i, len, StandardCharsets.UTF_8));
        i += len;
      } else {
        out.append((char) b0);
        i++;
      }
    }
  }

  /**
   * Rejects overlong 3/4-byte forms ({@code E0 80 AE}), UTF-16 surrogates and values beyond
   * U+10FFFF, so they stay visible as Latin-1 characters for {@link OverlongUtf8Decoder} instead
   * of collapsing into U+FFFD.
   */
  private static boolean shortest(int b0, int b1) {
    return switch (b0) {
      case 0xe0 -> b1 >= 0xa0;
      case 0xed -> b1 <= 0x9f;
      case 0xf0 -> b1 >= 0x90;
      case 0xf4 -> b1 <= 0x8f;
      default -> true;
    };
  }

  private static boolean continuation(byte[] b, int from, int to) {
    for (int k = from; k < to; k++) {
      if ((b[k] & 0xc0) != 0x80) {
        return false;
      }
    }
    return true;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
