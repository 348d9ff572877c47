package dev.warden.detect.xss;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.util.Optional;

/**
 * Cross-site scripting: finds markup or script fragments that would run script if the value were
 * reflected into an HTML page, an attribute, a URL or an inline script.
 *
 * <p>How: a hand-written, lenient HTML tokenizer ({@link HtmlScan}) walks tags and attributes the
 * way a browser would tokenize them and flags only script-capable constructs: {@code <script>},
 * frames, plugins and other {@link HtmlScan dangerous tags}, event-handler attributes,
 * {@code javascript:}/{@code vbscript:}/{@code data:text/html} URLs (entity and control-character
 * obfuscation seen through), {@code srcdoc}, CSS {@code expression()}. A second linear pass over
 * the same text looks for fragments that need no tag at all: attribute breakouts
 * ({@code " onmouseover=alert(1)}), string breakouts into inline script ({@code '-alert(1)-'}),
 * script sinks and client-side template expressions. Plain markup ({@code <b>}, {@code <a
 * href="https://...">}), comparisons ({@code a < b}, {@code <3}) and prose pass.
 *
 * <p>Each value is looked at in up to three views: as received, with HTML character references
 * decoded, and with compatibility forms folded (full-width {@code ＜}, UTF-7 {@code +ADw-},
 * 7-bit-stripped Latin-1 {@code ¼script¾}). URL escapes are the normalizer's job.
 *
 * <p>Bounds: only the first {@value #MAX_CHARS} chars of a value are inspected; every scan is
 * linear in that prefix (no regular expressions). Stateless and thread-safe; {@link #inspect}
 * never throws.
 */
public final class XssDetector implements Detector {

  /** Detector id. */
  public static final String ID = "xss";

  /** Longest prefix of a value that is inspected; payloads that matter sit well inside it. */
  static final int MAX_CHARS = 64 * 1024;

  /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
  public XssDetector() {}

  @Override
  public String id() {
    return ID;
  }

  /** Results depend on the text and name flag alone. */
  @Override
  public boolean textOnly() {
    return true;
  }

  /** {@code mayMatch} is false on ASCII text without one of these: each branch needs one. */
  @Override
  public CharMask gate() {
    return GATE;
  }

  private static final CharMask TRIGGERS = CharMask.ascii("<&+{'\"`[\\$");

  /** {@link #TRIGGERS} and the characters the other branches of {@link #mayMatch} start from. */
  private static final CharMask GATE = CharMask.ascii("<&+{'\"`[\\$(:.");

  /** C0 controls: browsers drop them inside a scheme name ({@code java\tscript:}). */
  private static final CharMask CONTROLS = CharMask.ascii(controls());

  private static String controls() {
    StringBuilder sb = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * Markup needs {@code <} (or {@code &}, {@code +} or non-ASCII text that a view decodes into
   * one); calls a back-tick or a parenthesis (which alone lets little through, see
   * {@link #callMayFire}); templates an opening brace; break-outs and quoted
   * handlers a quote; folded sinks {@code [}, a backslash or {@code $}. Without any of these the
   * only view is the text itself, and what can still fire is:
   * <ul>
   *   <li>a script or {@code data:} URL ({@code Schemes.matchScheme}, {@code isDataHtml}): the
   *       scheme name, C0 controls between its letters, then at most a few characters up to
   *       U+0020 and a colon. Unless C0 controls are present, {@code script} (the end of
   *       {@code javascript}, {@code vbscript}, {@code livescript}) or {@code data} (whose media
   *       types all have a slash) then ends right before a colon, blanks between
   *       ({@link #schemeBeforeColon});</li>
   *   <li>an event handler, which without a call or quote only fires on a script URL in its
   *       value (the same scheme name);</li>
   *   <li>a sink named by a dotted chain ({@code Js.sinkCall} without a call: a chain that starts
   *       with {@code document.} or {@code window.}, or ends with {@code .innerHTML}), so one of
   *       those names touching a dot ({@link #dottedSinkName}). {@code /*} comments and white
   *       space may split the name ({@code docu/**}{@code /ment}), so with a comment only its
   *       letters in order are required.</li>
   * </ul>
   * Each test looks only around the colons or dots of the text, found with {@link
   * String#indexOf(int, int)}, so prose costs little more than those searches.
   */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    if (chars.any(TRIGGERS) || chars.nonAscii()) {
      return true;
    }
    String t = in.text();
    if (chars.has('(') && callMayFire(t, chars)) {
      return true;
    }
    if (chars.has(':') && (chars.any(CONTROLS) || schemeBeforeColon(t, chars.has('/')))) {
      return true;
    }
    if (!chars.has('.')) {
      return false;
    }
    if (t.contains("/*")) {
      return Css.inOrder(t, "document") || Css.inOrder(t, "window")
          || Css.inOrder(t, "innerhtml");
    }
    return dottedSinkName(t);
  }

  /**
   * Whether {@code script} (or, when {@code data}, {@code data}) ends right before a colon or
   * before characters up to U+0020 that precede one, ASCII case ignored, within the inspected
   * prefix. Linear: the walk back over blanks stops at the first other character, and a colon is
   * one.
   */
  private static boolean schemeBeforeColon(String t, boolean data) {
    for (int p = t.indexOf(':'); p >= 0 && p < MAX_CHARS; p = t.indexOf(':', p + 1)) {
      int k = p;
      while (k > 0 && t.charAt(k - 1) <= 0x20) {
        k--;
      }
      if (lettersAt(t, k - 6, "script") || data && lettersAt(t, k - 4, "data")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code document} or {@code window} ends right before a dot, or {@code innerhtml}
   * starts right after one, ASCII case ignored, within the inspected prefix.
   */
  private static boolean dottedSinkName(String t) {
    for (int p = t.indexOf('.'); p >= 0 && p < MAX_CHARS; p = t.indexOf('.', p + 1)) {
      if (lettersAt(t, p - 8, "document") || lettersAt(t, p - 6, "window")
          || lettersAt(t, p + 1, "innerhtml")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code lowerLetters} (lower-case ASCII letters only) is at {@code i}, ASCII case
   * ignored (false when it does not fit): setting the 0x20 bit maps exactly the two cases of a
   * letter onto it.
   */
  private static boolean lettersAt(String t, int i, String lowerLetters) {
    int m = lowerLetters.length();
    if (i < 0 || i + m > t.length()) {
      return false;
    }
    for (int k = 0; k < m; k++) {
      if ((t.charAt(i + k) | 0x20) != lowerLetters.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * What a parenthesis adds for ASCII text without any other trigger (no {@code < & + { ' " `
   * [ \ $}): the only view is then the text itself ({@link Entities} needs {@code &},
   * {@link Folding} non-ASCII or {@code +}), no tag can open, and no template, string breakout
   * or quoted handler can fire. Of the tag-less fragments ({@code HtmlScan.fragments}) a
   * parenthesis can only complete:
   * <ul>
   *   <li>an event handler {@code on<event>=...(}: needs {@code =};</li>
   *   <li>a sink call ({@code Js.sinkCall}): a chain whose last part is a sink name, then at most
   *       a few blanks, then {@code (}; a call through {@code document.}/{@code window.} needs a
   *       dot and that name, which the dotted-chain test of {@link #mayMatch} already covers;</li>
   *   <li>a sink hidden by comments, blanks or grouping ({@code Js.foldedSink}): without
   *       {@code [ \ $} it only runs on text holding {@code /*} or {@code )(};</li>
   *   <li>CSS in text ({@code Css.dangerInText}): without a backslash and without {@code /*}
   *       its fold ({@link Css#fold}) only drops characters up to U+0020 and DEL and lower-cases
   *       ASCII, so a parenthesis must have {@code expression} right before it, or {@code url}
   *       before it and {@code javascript} after it, with only such dropped characters between
   *       the letters ({@link #foldedBefore}); the forms with a quote after {@code url(} need a
   *       quote;</li>
   *   <li>a script URL followed by a call: needs the scheme and a colon, covered by the colon
   *       test of {@link #mayMatch}.</li>
   * </ul>
   * So this returns true on {@code =}, {@code /*}, {@code )(}, a sink name before a parenthesis
   * (blanks between, case ignored, any word before it) or those CSS words around a parenthesis
   * (which need their letters in the mask first); each test is looser than the rule it stands
   * for.
   */
  private static boolean callMayFire(String t, CharMask chars) {
    if (chars.has('=') || t.contains("/*") || t.contains(")(")) {
      return true;
    }
    // Letters missing from the mask rule the CSS patterns out without looking around each '('.
    boolean expression = hasLetters(chars, "expression");
    boolean url = hasLetters(chars, "urljavascript");
    for (int p = t.indexOf('('); p >= 0; p = t.indexOf('(', p + 1)) {
      if (sinkNameBefore(t, p) || expression && foldedBefore(t, p, "expression")
          || url && foldedBefore(t, p, "url") && foldedAfter(t, p + 1, "javascript")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the characters before {@code p}, read as {@link Css#fold} reads text without a
   * backslash or a comment (characters up to U+0020 and DEL dropped, ASCII lower-cased), end with
   * {@code lower}. The walk stops at the first character that is neither dropped nor the next
   * letter, so over all parentheses of a text it stays linear (a {@code (} stops it).
   */
  private static boolean foldedBefore(String t, int p, String lower) {
    int k = p;
    for (int m = lower.length() - 1; m >= 0; m--) {
      k--;
      while (k >= 0 && isCssDropped(t.charAt(k))) {
        k--;
      }
      if (k < 0 || (t.charAt(k) | 0x20) != lower.charAt(m)) {
        return false;
      }
    }
    return true;
  }

  /** As {@link #foldedBefore}, forwards: the characters from {@code from} start with {@code lower}. */
  private static boolean foldedAfter(String t, int from, String lower) {
    int k = from - 1;
    for (int m = 0; m < lower.length(); m++) {
      k++;
      while (k < t.length() && isCssDropped(t.charAt(k))) {
        k++;
      }
      if (k >= t.length() || (t.charAt(k) | 0x20) != lower.charAt(m)) {
        return false;
      }
    }
    return true;
  }

  /** What {@link Css#fold} drops outside comments and escapes. */
  private static boolean isCssDropped(char c) {
    return c <= 0x20 || c == 0x7F;
  }

  /** Whether every letter of {@code lowerAscii} is in the text, in either ASCII case. */
  private static boolean hasLetters(CharMask chars, String lowerAscii) {
    for (int i = 0; i < lowerAscii.length(); i++) {
      char c = lowerAscii.charAt(i);
      if (!chars.has(c) && !chars.has((char) (c - 32))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a sink name, ASCII case ignored, ends right before {@code (} at {@code p} or before blanks there. */
  private static boolean sinkNameBefore(String t, int p) {
    int e = p;
    while (e > 0 && HtmlScan.isSpace(t.charAt(e - 1))) {
      e--;
    }
    if (e < 4 || !HtmlScan.isAsciiLetter(t.charAt(e - 1))) {
      return false;
    }
    for (String s : Js.SINK_NAMES) {
      int from = e - s.length();
      if (from >= 0 && (t.charAt(e - 1) | 0x20) == s.charAt(s.length() - 1)
          && t.regionMatches(true, from, s, 0, s.length())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    String raw = in.text();
    String text = raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw;
    // Views whose offsets no longer match the input report the start of the value.
    String decoded = Entities.mayContain(text) ? Entities.decode(text) : text;
    String folded = Folding.fold(text);
    String foldedDecoded = folded != null && Entities.mayContain(folded) ? Entities.decode(folded) : null;
    String[] views = {text, decoded.equals(text) ? null : decoded, folded, foldedDecoded};
    // Markup first in every view, so '&lt;script&gt;alert(1)' is reported as a tag, not a sink.
    for (int pass = 0; pass < 2; pass++) {
      for (int v = 0; v < views.length; v++) {
        if (views[v] == null) {
          continue;
        }
        HtmlScan.Hit hit = pass == 0 ? HtmlScan.scanTags(views[v]) : HtmlScan.scanFragments(views[v]);
        if (hit != null) {
          return Optional.of(v == 0
              ? Finding.of(ID, hit.rule(), in, hit.start(), hit.end())
              : Finding.of(ID, hit.rule(), in));
        }
      }
    }
    return Optional.empty();
  }
}
