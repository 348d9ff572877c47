package dev.warden.posture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A denied artifact version range in Maven's range notation: {@code [2.0,2.17.1)},
 * {@code (,1.10.0)}, {@code [1.2.3]}, {@code [3.0,)}. Versions compare the way Maven orders
 * them for release versions: numeric parts numerically, then a qualifier ({@code -beta9},
 * {@code -rc1}) sorts before the plain release. Immutable.
 */
public record VersionRange(String group, String artifact, String lower, boolean lowerInclusive,
    String upper, boolean upperInclusive) {

  public VersionRange {
    Objects.requireNonNull(artifact, "artifact");
    group = Objects.requireNonNullElse(group, "");
  }

  /** Parses {@code group:artifact:range}, e.g. {@code org.apache.logging.log4j:log4j-core:[2.0-beta9,2.17.1)}. */
  public static VersionRange parse(String spec) {
    int c1 = spec.indexOf(':');
    int c2 = c1 < 0 ? -1 : spec.indexOf(':', c1 + 1);
    if (c1 <= 0 || c2 <= c1 + 1) {
      throw new IllegalArgumentException("denied dependency must look like group:artifact:[low,high): " + spec);
    }
    String range = spec.substring(c2 + 1).trim();
    if (range.length() < 3 || "[(".indexOf(range.charAt(0)) < 0 || "])".indexOf(range.charAt(range.length() - 1)) < 0) {
      throw new IllegalArgumentException("version range must look like [low,high), (,high] or [exact]: " + spec);
    }
    boolean li = range.charAt(0) == '[';
    boolean ui = range.charAt(range.length() - 1) == ']';
    String body = range.substring(1, range.length() - 1);
    int comma = body.indexOf(',');
    String lo;
    String hi;
    if (comma < 0) {
      if (!li || !ui) {
        throw new IllegalArgumentException("an exact version is written [1.2.3]: " + spec);
      }
      lo = body.trim();
      hi = lo;
    } else {
      lo = body.substring(0, comma).trim();
      hi = body.substring(comma + 1).trim();
    }
    return new VersionRange(spec.substring(0, c1).trim(), spec.substring(c1 + 1, c2).trim(), lo, li, hi, ui);
  }

  /** True when the component is this artifact and its version lies in the range. */
  public boolean matches(Component c) {
    if (!c.artifact().equals(artifact) || (!group.isEmpty() && !c.group().isEmpty() && !c.group().equals(group))) {
      return false;
    }
    if (c.version().isEmpty()) {
      return false;
    }
    if (!lower.isEmpty()) {
      int cmp = compare(c.version(), lower);
      if (cmp < 0 || (cmp == 0 && !lowerInclusive)) {
        return false;
      }
    }
    if (!upper.isEmpty()) {
      int cmp = compare(c.version(), upper);
      if (cmp > 0 || (cmp == 0 && !upperInclusive)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return group + ":" + artifact + ":" + (lowerInclusive ? "[" : "(") + lower
        + (lower.equals(upper) && lowerInclusive && upperInclusive ? "" : "," + upper) + (upperInclusive ? "]" : ")");
  }

  /** Compares release-style versions: {@code 2.17.1 > 2.17.0 > 2.17.0-rc1 > 2.9}. */
  static int compare(String a, String b) {
    List<Object> x = parts(a);
    List<Object> y = parts(b);
    int n = Math.max(x.size(), y.size());
    for (int i = 0; i < n; i++) {
      Object p = i < x.size() ? x.get(i) : null;
      Object q = i < y.size() ? y.get(i) : null;
      int c = comparePart(p, q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int comparePart(Object p, Object q) {
    if (p == null && q == null) {
      return 0;
    }
    // A missing part equals zero against a number and outranks a qualifier (1.0 > 1.0-beta).
    if (p == null) {
      return q instanceof Long ? Long.compare(0, (Long) q) : 1;
    }
    if (q == null) {
      return p instanceof Long ? Long.compare((Long) p, 0) : -1;
    }
    if (p instanceof Long && q instanceof Long) {
      return Long.compare((Long) p, (Long) q);
    }
    if (p instanceof Long) {
      return 1;
    }
    if (q instanceof Long) {
      return -1;
    }
    return ((String) p).compareToIgnoreCase((String) q);
  }

  private static List<Object> parts(String v) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    while (i < v.length() && out.size() < 32) {
      char c = v.charAt(i);
      if (Character.isDigit(c)) {
        int s = i;
        while (i < v.length() && Character.isDigit(v.charAt(i)) && i - s < 18) {
          i++;
        }
        out.add(Long.parseLong(v.substring(s, i)));
      } else if (Character.isLetter(c)) {
        int s = i;
        while (i < v.length() && Character.isLetter(v.charAt(i))) {
          i++;
        }
        String q = v.substring(s, i).toLowerCase(java.util.Locale.ROOT);
        // "final", "ga" and "release" mean the release itself.
        if (!q.equals("final") && !q.equals("ga") && !q.equals("release")) {
          out.add(q);
        }
      } else {
        i++;
      }
    }
    return out;
  }
}
