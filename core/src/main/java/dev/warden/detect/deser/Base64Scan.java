package dev.warden.detect.deser;

/**
 * Lenient base64 decoding of a run of characters, standard or URL-safe alphabet, no padding
 * needed. {@code shift} virtual leading {@code 'A'} characters realign a fragment that was cut out
 * of a longer base64 text, so that bytes at any of the possible bit offsets come out whole.
 * Linear; package-private.
 */
final class Base64Scan {

  private Base64Scan() {}

  static byte[] decode(String t, int start, int end, int shift) {
    int chars = end - start + shift;
    // Exactly the whole bytes that 6 bits per character make: no second array to trim.
    byte[] out = new byte[chars * 6 / 8];
    int o = 0;
    int acc = 0;
    int bits = 0;
    for (int k = 0; k < chars; k++) {
      int v = k < shift ? 0 : value(t.charAt(start + k - shift));
      if (v < 0) {
        return null;
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (acc >>> bits);
        acc &= (1 << bits) - 1;
      }
    }
    return out;
  }

  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '+' || c == '-') {
      return 62;
    }
    if (c == '/' || c == '_') {
      return 63;
    }
    return -1;
  }
}
