package dev.warden.event;

import java.util.List;

/**
 * Builds the evidence excerpt a finding may carry into a log line.
 *
 * <p>Security-critical: this is the only way untrusted text reaches a security event. An excerpt
 * is at most {@link #MAX_CHARS} characters of the input around the suspicious span; secret shapes
 * found by {@link Redactor} anywhere that overlaps the window are replaced by a marker such as
 * {@code [REDACTED:aws-access-key-id]} (the scan looks past the window's edges so that a secret cut
 * by the window is still recognised); control characters, ANSI escapes, line and paragraph
 * separators are rendered as visible hex escapes (backslash-x-NN) so the excerpt can never forge a log
 * line. Linear in the window size; never throws for any input.
 */
public final class Evidence {

  /** Upper bound on the excerpt length before escaping. */
  public static final int MAX_CHARS = 128;

  /** How far past the window the secret scan looks, so a secret cut by the window is seen whole. */
  static final int SCAN_MARGIN = 4096;

  private Evidence() {}

  /** Excerpt of {@code text} around {@code [start, end)}; offsets are clamped to the text. */
  public static String excerpt(CharSequence text, int start, int end) {
    return excerpt(text, start, end, MAX_CHARS);
  }

  private static String excerpt(CharSequence text, int start, int end, int max) {
    int len = text.length();
    start = Math.max(0, Math.min(start, len));
    end = Math.max(start, Math.min(end, len));
    int a;
    int b;
    if (end - start >= max) {
      a = start;
      b = start + max;
    } else {
      int slack = max - (end - start);
      a = Math.max(0, start - slack / 2);
      b = Math.min(len, a + max);
      a = Math.max(0, Math.min(a, b - max));
    }
    List<Redactor.Span> spans =
        Redactor.active().secretSpans(text, Math.max(0, a - SCAN_MARGIN), Math.min(len, b + SCAN_MARGIN));
    StringBuilder out = new StringBuilder(b - a + 16);
    if (a > 0) {
      out.append('…');
    }
    int si = 0;
    int i = a;
    while (i < b) {
      while (si < spans.size() && spans.get(si).end() <= i) {
        si++;
      }
      if (si < spans.size() && spans.get(si).start() <= i) {
        Redactor.Span s = spans.get(si);
        out.append("[REDACTED:").append(s.kind()).append(']');
        i = s.end();
        continue;
      }
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < b && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(i + 1));
        i += 2;
        continue;
      }
      appendNeutral(out, c);
      i++;
    }
    if (b < len) {
      out.append('…');
    }
    return out.toString();
  }

  /** Marker that replaces the whole evidence of a value found at a secret location. */
  public static final String SECRET_LOCATION = "[REDACTED:secret-location]";

  /**
   * Evidence as it may leave the process: {@link #SECRET_LOCATION} when {@code location} names a
   * secret (Authorization, Cookie, password fields…); otherwise {@code evidence} scanned again by
   * {@code redactor}, bounded and neutralised. Applied by the engine and the renderer to every
   * finding, so a detector that built its evidence by hand cannot leak a secret or forge a line.
   */
  public static String sanitize(String evidence, String location, Redactor redactor) {
    if (evidence == null || evidence.isEmpty()) {
      return "";
    }
    if (redactor.isSecretLocation(location)) {
      return SECRET_LOCATION;
    }
    try (Redactor.Scope s = Redactor.bind(redactor)) {
      // Well-formed evidence (MAX_CHARS plus ellipses and markers) passes whole; anything longer
      // was built by hand and is cut to the bound.
      int max = MAX_CHARS + 64;
      return excerpt(evidence, 0, Math.min(evidence.length(), max), max);
    }
  }

  /** Appends {@code c}, rendering characters that could break or forge a log line as escapes. */
  static void appendNeutral(StringBuilder out, char c) {
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
      out.append("\\x").append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
    } else if (c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\ufeff') {
      // Line separators and bidi controls can reorder or split what a person reads.
      out.append(String.format("\\u%04x", (int) c));
    } else if (Character.isSurrogate(c)) {
      // Pairs are copied by the caller; an orphan makes some JSON encoders fail.
      out.append('\ufffd');
    } else {
      out.append(c);
    }
  }
}
