package dev.warden.policy;

/**
 * Turns one detector (or {@code *}, all) off for locations matching a glob. In the pattern
 * {@code *} matches any run of characters, so {@code body.comment}, {@code body.notes.*} and
 * {@code header.x-*} all work. Written {@code detector@pattern} in {@code WARDEN_EXCLUSIONS}.
 */
public record Exclusion(String detector, String pathPattern) {

  public Exclusion {
    if (detector == null || !(detector.equals("*") || Ids.isValid(detector))) {
      throw new IllegalArgumentException("exclusion detector must be a kebab-case id or '*': " + detector);
    }
    if (pathPattern == null || pathPattern.isBlank() || pathPattern.length() > 512) {
      throw new IllegalArgumentException("exclusion path pattern must be 1..512 characters: " + pathPattern);
    }
  }

  /** Parses {@code detector@pattern}. */
  public static Exclusion parse(String spec) {
    int at = spec.indexOf('@');
    if (at <= 0 || at == spec.length() - 1) {
      throw new IllegalArgumentException("exclusion must look like detector@path.pattern: " + spec);
    }
    return new Exclusion(spec.substring(0, at).trim(), spec.substring(at + 1).trim());
  }

  /** True when this exclusion switches {@code detectorId} off at {@code path}. */
  public boolean matches(String detectorId, String path) {
    return (detector.equals("*") || detector.equals(detectorId)) && glob(pathPattern, path);
  }

  /**
   * Wildcard match with {@code *} only. Iterative with one remembered star, so the cost is at most
   * pattern length × path length; both are bounded (pattern by config, path by the extractor).
   */
  static boolean glob(String p, String s) {
    int pi = 0;
    int si = 0;
    int star = -1;
    int mark = 0;
    while (si < s.length()) {
      if (pi < p.length() && p.charAt(pi) != '*' && p.charAt(pi) == s.charAt(si)) {
        pi++;
        si++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = si;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
