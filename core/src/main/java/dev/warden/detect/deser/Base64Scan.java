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

  /**
   * The shifts (bit {@code s} for {@code shift = s}) at which {@link #decode decode(t, start, end,
   * shift)} may yield bytes that {@link DeserializationDetector} can flag: the stream magic
   * {@code AC ED 00 05}, or a run of {@value #KEYWORD_RUN} letters or dots (every gadget keyword is
   * such a run, see {@code GadgetTable.findInBytes}). Zero when no shift can; then nothing needs
   * decoding, which is the case for the many base64-shaped words of ordinary text.
   *
   * <p>Two facts rule most runs out before any decoding: an encoding of the magic holds one of
   * the {@link #MAGIC_CORES}; seven letters or dots are 56 bits, more than 8 characters carry, since a shift's
   * virtual leading zeros end at most 2 bits into a byte that is still a dot (a byte with more
   * leading zeros is below {@code '.'}). Otherwise one
   * pass decodes all four alignments at once: shift {@code s} puts byte boundaries at bit offsets
   * {@code -6s} (mod 8), so with 6 bits per character every even bit offset ends a byte of one
   * shift: three bytes per character, no arrays of bytes.
   */
  static int mayHold(String t, int start, int end) {
    return mayHold(t, start, end, hasMagicCore(t, start, end));
  }

  /**
   * {@link #mayHold(String, int, int)} for a caller that already knows whether {@code t[start,
   * end)} holds one of the {@link #MAGIC_CORES} ({@code magicPossible}).
   */
  static int mayHold(String t, int start, int end, boolean magicPossible) {
    int chars = end - start;
    if (chars < KEYWORD_CHARS && !magicPossible) {
      return 0;
    }
    if (!magicPossible) {
      return letterRuns(t, start, end);
    }
    int[] magic = new int[4];
    int[] letters = new int[4];
    int acc = 0;
    int shifts = 0;
    for (int k = 0; k < chars; k++) {
      char c = t.charAt(start + k);
      int v = c < 128 ? VALUES[c] : -1;
      if (v < 0) {
        return 0; // decode yields null at every shift
      }
      acc = ((acc << 6) | v) & 0xFFFFF;
      int total = 6 * (k + 1);
      for (int back = 4; back >= 0; back -= 2) {
        int b = (acc >>> back) & 0xFF; // a byte of bits [total - back - 8, total - back)
        int s = ((total - back) & 7) >>> 1;
        if (magicPossible) {
          // AC ED 00 05 has no prefix that is also a suffix: a mismatch restarts at AC or nothing.
          magic[s] = b == MAGIC[magic[s]] ? magic[s] + 1 : b == MAGIC[0] ? 1 : 0;
          if (magic[s] == MAGIC.length) {
            shifts |= 1 << s;
            magic[s] = 0;
          }
        }
        letters[s] = LETTER_OR_DOT[b] ? letters[s] + 1 : 0;
        if (letters[s] >= KEYWORD_RUN) {
          shifts |= 1 << s;
        }
      }
    }
    return shifts;
  }

  /**
   * The letters-and-dots half of {@link #mayHold}, alone: the same bytes, the same runs, without
   * arrays. Shift {@code s} takes the byte ending {@code back} bits before the end of character
   * {@code k} when {@code (6(k+1) - back) mod 8 = 2s}; {@code 6(k+1) mod 8} cycles 6, 4, 2, 0 with
   * {@code k mod 4}, which gives the shifts named in each case below. The three bytes ending 4, 2
   * and 0 bits before the end of character {@code k} lie within characters {@code k-1} and
   * {@code k}, so {@link #PAIR_LETTERS} answers for all three with one look-up.
   */
  private static int letterRuns(String t, int start, int end) {
    int prev = 0;
    int r0 = 0;
    int r1 = 0;
    int r2 = 0;
    int r3 = 0;
    int shifts = 0;
    for (int k = 0, chars = end - start; k < chars; k++) {
      char c = t.charAt(start + k);
      int v = c < 128 ? VALUES[c] : -1;
      if (v < 0) {
        return 0;
      }
      int bits = PAIR_LETTERS[(prev << 6) | v];
      prev = v;
      int b4 = bits >> 2;
      int b2 = (bits >> 1) & 1;
      int b0 = bits & 1;
      // A run grows by one when the byte is a letter or a dot and restarts at zero otherwise:
      // (r + 1) * b, without a branch.
      switch (k & 3) {
        case 0: // back 4, 2, 0 -> shifts 1, 2, 3
          r1 = (r1 + 1) * b4;
          r2 = (r2 + 1) * b2;
          r3 = (r3 + 1) * b0;
          break;
        case 1: // -> shifts 0, 1, 2
          r0 = (r0 + 1) * b4;
          r1 = (r1 + 1) * b2;
          r2 = (r2 + 1) * b0;
          break;
        case 2: // -> shifts 3, 0, 1
          r3 = (r3 + 1) * b4;
          r0 = (r0 + 1) * b2;
          r1 = (r1 + 1) * b0;
          break;
        default: // -> shifts 2, 3, 0
          r2 = (r2 + 1) * b4;
          r3 = (r3 + 1) * b2;
          r0 = (r0 + 1) * b0;
          break;
      }
      if ((r0 | r1 | r2 | r3) >= KEYWORD_RUN) {
        shifts |= (r0 >= KEYWORD_RUN ? 1 : 0) | (r1 >= KEYWORD_RUN ? 2 : 0) | (r2 >= KEYWORD_RUN ? 4 : 0)
            | (r3 >= KEYWORD_RUN ? 8 : 0);
      }
    }
    return shifts;
  }

  /**
   * For two consecutive base64 values {@code (p << 6) | v}: bit 2 set when the byte of bits
   * {@code [4, 12)} of those twelve bits, counted from the end, is a letter or a dot; bit 1 for
   * bits {@code [2, 10)}; bit 0 for bits {@code [0, 8)}.
   */
  private static final byte[] PAIR_LETTERS = new byte[4096];

  /** Base64 value of each ASCII character (both alphabets), -1 outside them. */
  private static final byte[] VALUES = new byte[128];

  /** Bytes that may be part of a gadget keyword: ASCII letters and the dot. */
  private static final boolean[] LETTER_OR_DOT = new boolean[256];

  static {
    for (char c = 0; c < 128; c++) {
      VALUES[c] = (byte) value(c);
      LETTER_OR_DOT[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.';
    }
    for (int pair = 0; pair < 4096; pair++) {
      PAIR_LETTERS[pair] = (byte) ((LETTER_OR_DOT[(pair >>> 4) & 0xFF] ? 4 : 0)
          | (LETTER_OR_DOT[(pair >>> 2) & 0xFF] ? 2 : 0) | (LETTER_OR_DOT[pair & 0xFF] ? 1 : 0));
    }
  }

  /**
   * The base64 values of the characters that lie wholly inside the 32 bits of {@code AC ED 00 05}
   * when the magic starts 0, 2 or 4 bits into a character: with {@code shift} virtual leading
   * characters, byte {@code j} starts {@code 8j - 6 shift} bits after the first real character,
   * which is 0, 2 or 4 modulo 6. Any run whose decoding at some shift holds the magic therefore
   * holds one of these (in either alphabet, so they are compared as values); each holds a zero
   * ({@code A}) from the magic's 13 zero bits in a row ({@code 00 05}). Computed, not written
   * out: {@code rO0AB}, {@code ztAA}, {@code s7QAF} in the standard alphabet.
   */
  static final byte[][] MAGIC_CORES = magicCores();

  private static byte[][] magicCores() {
    long magic = 0xACED0005L;
    byte[][] cores = new byte[3][];
    for (int o = 0; o < 3; o++) {
      int offset = 2 * o; // bits of the first character before the magic starts
      int first = (offset + 5) / 6; // the first character that starts inside the magic
      int last = (offset + 32) / 6 - 1; // the last that ends inside it
      byte[] core = new byte[last - first + 1];
      for (int k = first; k <= last; k++) {
        int bit = 6 * k - offset; // of the magic, from its first bit
        core[k - first] = (byte) ((magic >>> (32 - bit - 6)) & 63);
      }
      cores[o] = core;
    }
    return cores;
  }

  /**
   * Whether {@code t[start, end)} holds one of the {@link #MAGIC_CORES}; found from each
   * {@code A}, the character every core holds, so ordinary text costs one comparison per
   * character.
   */
  static boolean hasMagicCore(String t, int start, int end) {
    for (int i = start; i < end; i++) {
      if (t.charAt(i) != 'A') {
        continue;
      }
      for (byte[] core : MAGIC_CORES) {
        int zero = 0;
        while (core[zero] != 0) {
          zero++;
        }
        int from = i - zero;
        if (from >= start && from + core.length <= end && matches(t, from, core)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matches(String t, int from, byte[] core) {
    for (int k = 0; k < core.length; k++) {
      char c = t.charAt(from + k);
      if (c >= 128 || VALUES[c] != core[k]) {
        return false;
      }
    }
    return true;
  }

  /** Fewest characters whose decoding can hold {@value #KEYWORD_RUN} letters at some shift. */
  static final int KEYWORD_CHARS = 9;

  /** The Java serialization stream magic and version, {@code AC ED 00 05}. */
  private static final int[] MAGIC = {0xAC, 0xED, 0x00, 0x05};

  /** Shortest letters-and-dots run a gadget keyword needs. */
  static final int KEYWORD_RUN = GadgetTable.SHORTEST_KEYWORD;

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
