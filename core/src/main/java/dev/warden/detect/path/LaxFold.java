package dev.warden.detect.path;

import java.util.Arrays;

/**
 * Path-only folding of encodings that no standard decoder accepts but that old servers did, as
 * found in encoding-evasion lists (dotdotpwn):
 * <ul>
 *   <li>IIS's lax UTF-8 decoding, which ignored the top bits of continuation bytes:
 *       a Latin-1 lead C0..FD followed by one to five further characters is read as the low six
 *       bits of the last one (plus the lead's payload for two-character forms), and kept only when
 *       that spells {@code .}, {@code /} or {@code \} ({@code %c1%1c} → {@code \},
 *       {@code %c0%2e} → {@code .}, {@code E0 AE} → {@code .});</li>
 *   <li>{@code 2f} / {@code 5c} right after dot-dot ({@code ..2f..2f});</li>
 *   <li>the {@code 0x2e} / {@code 0x2f} / {@code 0x5c} hex notation for {@code . / \};</li>
 *   <li>ASCII upper case to lower case.</li>
 * </ul>
 * Done here and not as a general {@code Decoder} because the folds are only plausible inside a
 * path: elsewhere they would invent dots in ordinary accented text. The result keeps an index map
 * back to the original so findings point into the input. Linear; never throws.
 */
final class LaxFold {

  final String text;
  private final int[] origin;

  private LaxFold(String text, int[] origin) {
    this.text = text;
    this.origin = origin;
  }

  /** Index in the original text of folded index {@code i} ({@code i} may equal the length). */
  int origin(int i) {
    if (origin == null) {
      return Math.min(i, text.length()); // nothing folded but case: indexes are the same
    }
    return i >= origin.length ? origin[origin.length - 1] : origin[i];
  }

  /**
   * True when none of the folds below can apply: no Latin-1 lead character, no {@code 0x}, no
   * {@code ..}. Then the folded text is the ASCII lower case of the input, index for index.
   */
  private static boolean caseOnly(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0xc0 && c <= 0xfd
          || c == '0' && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
          || c == '.' && i + 1 < n && s.charAt(i + 1) == '.') {
        return false;
      }
    }
    return true;
  }

  /** ASCII upper case to lower case only; the same instance when there is none. */
  private static String asciiLower(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && !(s.charAt(i) >= 'A' && s.charAt(i) <= 'Z')) {
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] c = s.toCharArray();
    for (; i < n; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] = (char) (c[i] + 32);
      }
    }
    return new String(c);
  }

  static LaxFold of(String s) {
    if (caseOnly(s)) {
      // Most values: no allocation of an index map, no copy when already lower case.
      return new LaxFold(asciiLower(s), null);
    }
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    int[] map = new int[n + 1];
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      int consumed = 0;
      char folded = 0;
      if (c >= 0xc0 && c <= 0xfd && i + 1 < n) {
        int maxLen = Math.min(6, n - i);
        // Longest run of continuation characters first, then the two-character lax form.
        int k = 1;
        while (k < maxLen && s.charAt(i + k) >= 0x80 && s.charAt(i + k) <= 0xbf) {
          k++;
        }
        if (k > 1) {
          char f = (char) (s.charAt(i + k - 1) & 0x3f);
          if (k == 2 && c == 0xc1) {
            f = (char) (f | 0x40);
          }
          if (f == '.' || f == '/' || f == '\\') {
            folded = f;
            consumed = k;
          }
        }
        if (consumed == 0 && (c == 0xc0 || c == 0xc1)) {
          char f = (char) (((c & 0x1f) << 6) | (s.charAt(i + 1) & 0x3f));
          if (f == '.' || f == '/' || f == '\\') {
            folded = f;
            consumed = 2;
          }
        }
      } else if (c == '0' && i + 3 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
        char h = s.charAt(i + 2);
        char l = Character.toLowerCase(s.charAt(i + 3));
        if (h == '2' && l == 'e') {
          folded = '.';
        } else if (h == '2' && l == 'f') {
          folded = '/';
        } else if (h == '5' && l == 'c') {
          folded = '\\';
        }
        consumed = folded == 0 ? 0 : 4;
      }
      if (consumed == 0 && c == '.' && i + 2 < n && i > 0 && s.charAt(i - 1) == '.') {
        // "..2f" / "..5c": hex of the separator written without "%" or "0x".
        char h = s.charAt(i + 1);
        char l = Character.toLowerCase(s.charAt(i + 2));
        if ((h == '2' && l == 'f') || (h == '5' && l == 'c')) {
          map[out.length()] = i;
          out.append('.');
          map[out.length()] = i + 1;
          out.append(h == '2' ? '/' : '\\');
          i += 3;
          continue;
        }
      }
      map[out.length()] = i;
      if (consumed > 0) {
        out.append(folded);
        i += consumed;
      } else {
        out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        i++;
      }
    }
    map[out.length()] = n;
    return new LaxFold(out.toString(), Arrays.copyOf(map, out.length() + 1));
  }
}
