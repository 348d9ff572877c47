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

  /** Separators, the wrapper colon, dots and NUL: one of them is in every path this detector reports. */
  private static final CharMask TRIGGERS = CharMask.ascii("/\\:.\0");

  /**
   * Every rule needs a separator, a colon, a dot or NUL ({@link PathScanner}), or non-ASCII text
   * that {@link LaxFold} may fold into one; the exceptions are the lax hex forms ({@code 0x2f})
   * and the loose word pairs of encoding-evasion lists ({@code etc%pcpasswd},
   * {@code windows?system32}), found by their first words.
   */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    if (chars.any(TRIGGERS) || chars.nonAscii()) {
      return true;
    }
    String t = in.text();
    return containsIgnoreCase(t, "0x") || containsIgnoreCase(t, "etc") || containsIgnoreCase(t, "win")
        || containsIgnoreCase(t, "system32");
  }

  static boolean containsIgnoreCase(String s, String lowerAscii) {
    char first = lowerAscii.charAt(0);
    int m = lowerAscii.length();
    for (int i = 0, last = Math.min(s.length(), PathScanner.MAX_CHARS) - m; i <= last; i++) {
      char c = s.charAt(i);
      if ((c | 0x20) == first && s.regionMatches(true, i, lowerAscii, 0, m)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    PathScanner.Hit h = PathScanner.scan(in.text());
    return h == null ? Optional.empty() : Optional.of(Finding.of(ID, h.rule(), in, h.start(), h.end()));
  }
}
