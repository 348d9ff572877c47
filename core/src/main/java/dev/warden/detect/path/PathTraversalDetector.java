package dev.warden.detect.path;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.util.Optional;

/**
 * Path traversal, local file inclusion and sensitive-file access.
 *
 * <p>The value is split into path segments on both separators ({@code /} and {@code \}); a
 * segment made only of two or more dots (optionally followed by {@code ;} or NUL, the Tomcat
 * {@code ..;/} and truncation tricks) moves one level up, any other non-empty segment one level
 * down. Rules, in the order they are checked:
 * <ul>
 *   <li>{@code wrapper-scheme}: a stream wrapper or file URL ({@code php://filter},
 *       {@code file:///etc}, {@code zip://}, {@code phar://}, {@code expect://}, ...).</li>
 *   <li>{@code dot-dot-traversal}: the path climbs above its starting directory through a
 *       dot-dot segment that is followed by a separator ({@code ../x}, {@code ..\..\x},
 *       {@code ....//}, {@code ..;/}). A dot-dot that stays inside the path
 *       ({@code docs/../README.md}) is benign: it cannot leave the directory the application
 *       joins it to, and such paths occur in ordinary links.</li>
 *   <li>{@code sensitive-file}: a small table of files attackers read (see {@link SensitiveFiles}):
 *       {@code /etc/passwd}, {@code /proc/self/environ}, {@code /var/task}, {@code ~/.ssh},
 *       {@code .aws/credentials}, {@code boot.ini}, {@code \\?\} device paths ... Encoding
 *       evasion lists put junk between the words ({@code etcÁ%pcpasswd}), so the Unix
 *       {@code etc}/file pairs and Windows system paths also match across short junk gaps.</li>
 *   <li>{@code null-byte}: a NUL right after a path-like character ({@code x.php\0.jpg},
 *       {@code ../etc/passwd\0}), which truncates the name in C-based file APIs.</li>
 * </ul>
 * URLs, prose, file names with dots ({@code v1.2..3}) and relative paths do not match.
 *
 * <p>Cost: at most {@value PathScanner#MAX_CHARS} characters of each value are examined, each a
 * bounded number of times; never throws. Stateless and thread-safe.
 */
public final class PathTraversalDetector implements Detector {

  /** Detector id used in configuration and events. */
  public static final String ID = "path";

  /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
  public PathTraversalDetector() {
  }

  @Override
  public String id() {
    return ID;
  }

  /** Results depend on the text and name flag alone. */
  @Override
  public boolean textOnly() {
    return true;
  }

  /**
   * Text with a backslash, a NUL or non-ASCII characters (which {@link LaxFold} may fold into a
   * separator or a dot) goes to {@link #inspect}. Other text is ASCII, and then
   * {@link LaxFold} only lower-cases it unless it holds {@code 0x} or {@code ..}; one segment
   * without a separator cannot climb ({@code dot-dot-traversal} needs a separator after the
   * dot-dot) nor be a rooted or device path; so only these remain, found by
   * {@link #wordsMayFire}: a leading dot ({@code .env}), the loose word pairs of
   * encoding-evasion lists ({@code etc%pcpasswd}, {@code windows?system32}, {@code boot.ini})
   * and the wrappers without a slash ({@code zlib:}, {@code netdoc:}, {@code jar:file:}).
   * Text with a slash but none of those needs what {@link PathScanner#slashTextMayFire} looks
   * for (a wrapper at a colon, a device path, a segment named in the table, a dot-name or a
   * drive), so URLs, media types and user agents stop here too.
   */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    if (chars.nonAscii() || chars.any(BACKSLASH_NUL)) {
      return true;
    }
    String t = in.text();
    return wordsMayFire(t) || chars.has('/') && PathScanner.slashTextMayFire(t);
  }

  /** A backslash or NUL: with one of them any rule may apply. */
  private static final CharMask BACKSLASH_NUL = CharMask.ascii("\\\0");

  /**
   * The words {@link #wordsMayFire} looks for, by first character (each starts with a different
   * one): lax hex, dot-dot, the first words of the loose pairs, and the slash-less wrappers.
   */
  private static final String[] WORD_BY_FIRST = new String[128];

  static {
    for (String w : new String[] {"0x", "..", "etc", "win", "system32", "boot.ini", "zlib:", "netdoc:", "jar:file:"}) {
      WORD_BY_FIRST[w.charAt(0)] = w;
    }
  }

  /**
   * See {@link #mayMatch}: one pass over the examined prefix of ASCII text, case ignored; a
   * second-character check keeps the full comparison off most letters.
   */
  static boolean wordsMayFire(String t) {
    int n = Math.min(t.length(), PathScanner.MAX_CHARS);
    if (n > 0 && t.charAt(0) == '.') {
      return true;
    }
    for (int i = 0; i + 1 < n; i++) {
      int c = t.charAt(i) | 0x20;
      String w = c < 128 ? WORD_BY_FIRST[c] : null;
      if (w != null && (t.charAt(i + 1) | 0x20) == w.charAt(1) && i + w.length() <= n && looselyAt(t, i, w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code w} at {@code i} comparing each character with its 0x20 bit set: ASCII case is ignored,
   * and a few control characters also pass for punctuation, which only makes the filter let more
   * through.
   */
  private static boolean looselyAt(String t, int i, String w) {
    for (int k = 2; k < w.length(); k++) {
      if ((t.charAt(i + k) | 0x20) != w.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    PathScanner.Hit h = PathScanner.scan(in.text());
    return h == null ? Optional.empty() : Optional.of(Finding.of(ID, h.rule(), in, h.start(), h.end()));
  }
}
