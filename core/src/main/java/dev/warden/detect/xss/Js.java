package dev.warden.detect.xss;

import java.util.Locale;

/**
 * Tag-less script fragments: calls of script sinks ({@code alert(1)}, {@code eval(...)},
 * {@code String.fromCharCode(...)}), DOM properties attackers read or set
 * ({@code document.cookie}), string breakouts into inline script ({@code ';alert(1)//},
 * {@code "-prompt(8)-"}) and client-side template expressions ({@code {{constructor.constructor(
 * 'alert(1)')()}}}). The sink table is small on purpose: these are the calls payloads use to
 * prove execution, and they are rare in ordinary text followed by an open parenthesis.
 * All methods look at a bounded window.
 */
final class Js {

  private static final int MAX_IDENT = 64;

  private Js() {}

  /** After a script scheme: does script follow (an identifier then a call, assignment...)? */
  static boolean callFollows(String t, int p) {
    int n = t.length();
    int i = p;
    while (i < n && i - p < 16 && HtmlScan.isSpace(t.charAt(i))) {
      i++;
    }
    if (i + 1 < n && t.charAt(i) == '/' && t.charAt(i + 1) == '/') {
      return true; // javascript://comment%0Aalert(1)
    }
    int start = i;
    while (i < n && i - start < 64) {
      char c = t.charAt(i);
      if (c == '(' || c == '`' || c == '=' || c == '[') {
        return i > start || c == '(' || c == '[';
      }
      if (HtmlScan.isSpace(c)) {
        return false;
      }
      i++;
    }
    return false;
  }

  /**
   * A sink call or sink property starting at identifier position {@code i}: the end of the
   * match, or -1.
   */
  static int sinkCall(String t, int i) {
    int n = t.length();
    int k = i;
    while (k < n && k - i < MAX_IDENT && (HtmlScan.isWordChar(t.charAt(k)) || t.charAt(k) == '.')) {
      k++;
    }
    if (k == i) {
      return -1;
    }
    // The chain is ASCII (word characters and dots), so ASCII case folding in place is the same
    // as lower-casing a copy; most words are no sink, and are ruled out without one.
    if (chainStarts(t, i, k, "document.cookie") || chainStarts(t, i, k, "document.domain")
        || chainStarts(t, i, k, "document.location") || chainStarts(t, i, k, "window.location")
        || chainStarts(t, i, k, "document.write")
        || k - i >= 10 && t.regionMatches(true, k - 10, ".innerhtml", 0, 10)) {
      return k;
    }
    int p = k;
    while (p < n && p - k < 8 && HtmlScan.isSpace(t.charAt(p))) {
      p++;
    }
    if (p >= n || (t.charAt(p) != '(' && t.charAt(p) != '`')) {
      return -1;
    }
    String chain = t.substring(i, k).toLowerCase(Locale.ROOT);
    boolean dom = chain.startsWith("document.") || chain.startsWith("window.");
    int dot = chain.lastIndexOf('.');
    String last = chain.substring(dot + 1);
    // Any call through document.* / window.* is DOM scripting, not prose.
    return isSink(last) || dom && chain.indexOf('.') < chain.length() - 1 ? p + 1 : -1;
  }

  /** Whether the chain {@code t[i, k)} starts with {@code lower} (lower-case ASCII), case ignored. */
  private static boolean chainStarts(String t, int i, int k, String lower) {
    return k - i >= lower.length() && t.regionMatches(true, i, lower, 0, lower.length());
  }

  /** Functions payloads call to prove or gain script execution, lower case. */
  static final java.util.List<String> SINK_NAMES = java.util.List.of(
      "alert", "prompt", "confirm", "eval", "settimeout", "setinterval", "execscript", "fromcharcode", "atob");

  private static final java.util.Set<String> SINK_SET = java.util.Set.copyOf(SINK_NAMES);

  /** Whether {@code name} (lower case) is one of {@link #SINK_NAMES}. */
  static boolean isSink(String name) {
    return SINK_SET.contains(name);
  }

  /**
   * After a quote at {@code from - 1}: an operator that ends the string expression, then a sink
   * ({@code '-alert(1)-'}, {@code ";alert(1);//}, {@code ';a=prompt,a()//}). End or -1.
   */
  static int stringBreakout(String t, int from) {
    int n = t.length();
    int p = from;
    int ops = 0;
    while (p < n && p - from < 12) {
      char c = t.charAt(p);
      if (c == ';' || c == '-' || c == '+' || c == '*' || c == '|' || c == '&' || c == ','
          || c == ')' || c == '}' || c == '^' || c == '%') {
        ops++;
        p++;
      } else if (HtmlScan.isSpace(c)) {
        p++;
      } else {
        break;
      }
    }
    if (ops == 0 || p >= n) {
      return -1;
    }
    int end = sinkCall(t, p);
    if (end > 0) {
      return end;
    }
    // 'a=prompt,a()': a sink aliased through an assignment.
    int k = p;
    while (k < n && k - p < MAX_IDENT && HtmlScan.isWordChar(t.charAt(k))) {
      k++;
    }
    if (k > p && k < n && t.charAt(k) == '=') {
      int s = k + 1;
      int e = s;
      while (e < n && e - s < MAX_IDENT && HtmlScan.isWordChar(t.charAt(e))) {
        e++;
      }
      if (e > s && isSink(t.substring(s, e).toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    return -1;
  }

  /**
   * A client-side template expression after an opening <code>&#123;&#123;</code> (content starts at {@code from}): the content
   * reaches the Function constructor or a sink ({@code constructor}, {@code $eval}, a sink call).
   * End of the match or -1.
   */
  static int templateExpression(String t, int from, int window) {
    int close = t.indexOf("}}", from);
    int limit = Math.min(t.length(), from + window);
    if (close < 0 || close > limit) {
      return -1;
    }
    String body = t.substring(from, close);
    String lower = body.toLowerCase(Locale.ROOT);
    if (lower.contains("constructor") || lower.contains("$eval") || lower.contains("$on.")) {
      return close + 2;
    }
    for (int i = 0; i < body.length(); i++) {
      if ((i == 0 || !HtmlScan.isWordChar(body.charAt(i - 1))) && Character.isLetter(body.charAt(i))
          && sinkCall(body, i) > 0) {
        return close + 2;
      }
    }
    return -1;
  }

  /**
   * Sinks hidden by JavaScript syntax rather than markup: comments and white space between
   * tokens ({@code document/**}{@code /.cookie}), escapes ({@code al\u0065rt}), bracket access and
   * string concatenation ({@code top["al"+"ert"](1)}), grouping ({@code (alert)(1)}) and sinks
   * interpolated into tagged templates ({@code [].sort.call`${alert}1`}). Only run when such
   * syntax is present. The folded text is scanned like the raw text; returns a position or -1.
   */
  static int foldedSink(String t) {
    if (t.indexOf("/*") < 0 && t.indexOf('[') < 0 && t.indexOf('\\') < 0 && t.indexOf("${") < 0
        && t.indexOf(")(") < 0) {
      return -1;
    }
    String f = fold(t);
    int n = f.length();
    for (int i = 0; i < n; i++) {
      char c = f.charAt(i);
      if (HtmlScan.isAsciiLetter(c) && (i == 0 || !HtmlScan.isWordChar(f.charAt(i - 1)))) {
        int k = i;
        while (k < n && k - i < MAX_IDENT && (HtmlScan.isWordChar(f.charAt(k)) || f.charAt(k) == '.')) {
          k++;
        }
        if (sinkCall(f, i) > 0) {
          return i;
        }
        String chain = f.substring(i, k).toLowerCase(Locale.ROOT);
        String last = chain.substring(chain.lastIndexOf('.') + 1);
        boolean interpolated = i >= 2 && f.charAt(i - 1) == '{' && f.charAt(i - 2) == '$'
            && k < n && f.charAt(k) == '}';
        boolean grouped = i >= 1 && f.charAt(i - 1) == '(' && k + 1 < n && f.charAt(k) == ')'
            && f.charAt(k + 1) == '(';
        if ((interpolated || grouped) && isSink(last)) {
          return i;
        }
        i = k - 1;
      }
    }
    return -1;
  }

  /** Comments and white space removed, escapes decoded, {@code "a"+"b"} joined, {@code ["x"]} to {@code .x}. */
  static String fold(String t) {
    int n = t.length();
    StringBuilder a = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      if (c == '/' && i + 1 < n && t.charAt(i + 1) == '*') {
        int close = t.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
        continue;
      }
      if (c == '\\' && i + 1 < n) {
        char e = t.charAt(i + 1);
        int digits = e == 'u' ? 4 : e == 'x' ? 2 : 0;
        if (e == 'u' && i + 2 < n && t.charAt(i + 2) == '{') {
          int close = t.indexOf('}', i + 3);
          int v = close > 0 && close - i <= 10 ? hex(t, i + 3, close) : -1;
          if (v > 0) {
            a.appendCodePoint(v);
            i = close + 1;
            continue;
          }
        } else if (digits > 0 && i + 2 + digits <= n) {
          int v = hex(t, i + 2, i + 2 + digits);
          if (v > 0) {
            a.append((char) v);
            i += 2 + digits;
            continue;
          }
        } else if (e >= '0' && e <= '7') {
          int j = i + 1;
          int v = 0;
          while (j < n && j - i <= 3 && t.charAt(j) >= '0' && t.charAt(j) <= '7') {
            v = v * 8 + (t.charAt(j) - '0');
            j++;
          }
          a.append((char) v);
          i = j;
          continue;
        }
      }
      if (!HtmlScan.isSpace(c)) {
        a.append(c);
      }
      i++;
    }
    StringBuilder j = new StringBuilder(a.length());
    for (int k = 0; k < a.length(); k++) {
      char c = a.charAt(k);
      if ((c == '"' || c == '\'') && k + 2 < a.length() && a.charAt(k + 1) == '+' && a.charAt(k + 2) == c) {
        k += 2; // "al"+"ert"
        continue;
      }
      j.append(c);
    }
    a = j;
    StringBuilder b = new StringBuilder(a.length());
    for (int k = 0; k < a.length(); k++) {
      char c = a.charAt(k);
      if (c == '[' && k + 1 < a.length() && (a.charAt(k + 1) == '"' || a.charAt(k + 1) == '\'')) {
        char q = a.charAt(k + 1);
        int m = k + 2;
        while (m < a.length() && m - k < MAX_IDENT && HtmlScan.isWordChar(a.charAt(m))) {
          m++;
        }
        if (m + 1 < a.length() && m > k + 2 && a.charAt(m) == q && a.charAt(m + 1) == ']') {
          b.append('.').append(a, k + 2, m);
          k = m + 1;
          continue;
        }
      }
      b.append(c);
    }
    return b.toString();
  }

  private static int hex(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = Character.digit(t.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }
}
