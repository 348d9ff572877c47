package dev.warden.normalize;

/**
 * Removes NUL characters. C-based file and shell APIs stop at NUL, and filters that compare
 * strings do not, so attackers interleave NUL ({@code .%00./}) to split keywords; the variant
 * without them shows the keyword. Null-byte truncation itself ({@code file.php%00.jpg}) stays
 * visible in the raw and percent-decoded variants.
 *
 * <p>Stateless and thread-safe; one pass, linear; never throws.
 */
public final class NulRemovalDecoder implements Decoder {

  @Override
  public String id() {
    return "nul";
  }

  @Override
  public String decode(String s) {
    int i = s.indexOf('\0');
    if (i < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\0') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
