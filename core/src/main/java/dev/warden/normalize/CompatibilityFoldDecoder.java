package dev.warden.normalize;

/**
 * Folds Unicode compatibility look-alikes to ASCII, a small NFKC subset chosen for attacks:
 * fullwidth ASCII U+FF01–U+FF5E (e.g. {@code ．．／} after {@code %uff0e}), the ideographic and
 * other typographic spaces, small form variants of {@code < > & ' " ( ) . ; , : -}, and slash /
 * dot look-alikes that path-traversal lists use ({@code ∕} U+2215, {@code ∖} U+2216, {@code ⁄}
 * U+2044, {@code ․} U+2024, {@code ‥} U+2025). Java applications that apply NFKC (or a database
 * collation that folds width) would see the ASCII form. The ellipsis U+2026 is deliberately not
 * folded: it is common in prose and would fabricate {@code ...}.
 *
 * <p>Stateless and thread-safe; one pass, linear; never throws.
 */
public final class CompatibilityFoldDecoder implements Decoder {

  @Override
  public String id() {
    return "compat";
  }

  @Override
  public String decode(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && fold(s.charAt(i)) == null) {
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, i);
    for (; i < n; i++) {
      char c = s.charAt(i);
      String f = fold(c);
      if (f == null) {
        out.append(c);
      } else {
        out.append(f);
      }
    }
    return out.toString();
  }

  /** The ASCII folding of {@code c}, or null when it is kept. */
  static String fold(char c) {
    if (c < 0x00a0) {
      return null;
    }
    if (c >= 0xff01 && c <= 0xff5e) {
      return String.valueOf((char) (c - 0xfee0));
    }
    return switch (c) {
      case '\u00a0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007',
          '\u2008', '\u2009', '\u200a', '\u202f', '\u205f', '\u3000' -> " ";
      case '\u2024', '\ufe52' -> ".";
      case '\u2025' -> "..";
      case '\u2215', '\u2044', '\u29f8' -> "/";
      case '\u2216', '\u29f9', '\ufe68' -> "\\";
      case '\ufe64' -> "<";
      case '\ufe65' -> ">";
      case '\ufe60' -> "&";
      case '\ufe59' -> "(";
      case '\ufe5a' -> ")";
      case '\ufe54' -> ";";
      case '\ufe50' -> ",";
      case '\ufe55' -> ":";
      case '\ufe63' -> "-";
      case '\ufe5f' -> "#";
      case '\ufe69' -> "$";
      case '\ufe6a' -> "%";
      case '\ufe6b' -> "@";
      case '\ufe61' -> "*";
      case '\ufe62' -> "+";
      case '\ufe66' -> "=";
      default -> null;
    };
  }
}
