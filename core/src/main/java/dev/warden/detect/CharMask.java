package dev.warden.detect;

/**
 * Which characters a text contains, computed in one pass: a bit per ASCII character plus one flag
 * for anything beyond ASCII. Detectors use it in {@link Detector#mayMatch} to rule out, without
 * reading the text again, values that lack every character an attack of their class needs
 * (most benign values: ids, words, numbers, dates).
 *
 * <p>Immutable and thread-safe. Building one is linear in the text and allocates one object; it
 * never throws and accepts any text, however hostile.
 */
public final class CharMask {

  /** The empty mask. */
  public static final CharMask NONE = new CharMask(0, 0, false);

  private final long low;
  private final long high;
  private final boolean nonAscii;

  private CharMask(long low, long high, boolean nonAscii) {
    this.low = low;
    this.high = high;
    this.nonAscii = nonAscii;
  }

  /** The characters of {@code text}. */
  public static CharMask of(CharSequence text) {
    long lo = 0;
    long hi = 0;
    boolean wide = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 64) {
        lo |= 1L << c;
      } else if (c < 128) {
        hi |= 1L << (c - 64);
      } else {
        wide = true;
      }
    }
    return new CharMask(lo, hi, wide);
  }

  /** A set of ASCII characters to test against, e.g. {@code CharMask.of("<>&")}; non-ASCII input is ignored. */
  public static CharMask ascii(String chars) {
    CharMask m = of(chars);
    return new CharMask(m.low, m.high, false);
  }

  /** Whether the text has at least one character of {@code set} (ASCII characters only). */
  public boolean any(CharMask set) {
    return (low & set.low) != 0 || (high & set.high) != 0;
  }

  /** Whether the text has {@code c} (ASCII only; false for any other character). */
  public boolean has(char c) {
    return c < 64 ? (low & (1L << c)) != 0 : c < 128 && (high & (1L << (c - 64))) != 0;
  }

  /** Whether the text has any character at or above U+0080. */
  public boolean nonAscii() {
    return nonAscii;
  }

  /** Whether the text has any character that is neither in {@code set} nor beyond ASCII. */
  public boolean anyOutside(CharMask set) {
    return (low & ~set.low) != 0 || (high & ~set.high) != 0;
  }
}
