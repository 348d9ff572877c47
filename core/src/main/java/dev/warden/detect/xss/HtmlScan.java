package dev.warden.detect.xss;

import java.util.Locale;

/**
 * One linear scan of one view of a value: a lenient HTML tokenizer (tags and attributes) followed
 * by a pass over the whole text for tag-less fragments. Security-critical: this decides what is
 * reported as XSS. Instances are confined to one call.
 *
 * <p>Leniency is deliberate: the tokenizer accepts the broken markup attack lists are made of
 * ({@code <script/src=...>}, {@code <img """><script>}, unterminated quotes) and restarts a tag at
 * a stray {@code <} so that {@code <scr<script>ipt>} is still seen. Quoted attribute values that
 * contain markup are scanned once more (one level deep) because browsers' comment and attribute
 * rules differ from ours.
 */
final class HtmlScan {

  /** A rule that fired, with its span in the scanned text. */
  record Hit(String rule, int start, int end) {}

  /** Max candidate tag-less fragments examined per kind and view (bounds rescans). */
  private static final int MAX_CANDIDATES = 64;
  /** How far past an event-handler '=' or a template opener we look for script syntax. */
  private static final int WINDOW = 256;

  private final String t;
  private final int n;
  private final int depth;
  /** Next-occurrence cursors for ', ", ` and '>' (amortise searches for unterminated quotes). */
  private final int[] next = {-2, -2, -2, -2};
  private final int[] nextFrom = {0, 0, 0, 0};
  /** Index of the first char that is not a space, quote or control; computed on demand. */
  private int firstSignificant = -1;

  private HtmlScan(String t, int depth) {
    this.t = t;
    this.n = t.length();
    this.depth = depth;
  }

  /** Scans {@code text}; {@code depth} 0 for a whole value, 1 for an attribute value. */
  static Hit scan(String text, int depth) {
    HtmlScan s = new HtmlScan(text, depth);
    Hit h = s.tags();
    if (h == null) {
      h = s.fragments();
    }
    return h;
  }

  /** Only the tokenizer pass over a whole value. */
  static Hit scanTags(String text) {
    return new HtmlScan(text, 0).tags();
  }

  /** Only the tag-less fragment pass over a whole value. */
  static Hit scanFragments(String text) {
    return new HtmlScan(text, 0).fragments();
  }

  // ---------------------------------------------------------------------------------------------
  // Tags

  private Hit tags() {
    int i = t.indexOf('<');
    while (i >= 0 && i < n) {
      int j = i + 1;
      if (j + 1 < n && t.charAt(j) == '?' && isProcessingInstructionDangerous(j + 1)) {
        return new Hit("dangerous-tag", i, Math.min(n, j + 8));
      }
      if (t.startsWith("!--[if", j) || t.startsWith("![if", j)) {
        // IE conditional comment: markup hidden from every parser but the targeted browser.
        return new Hit("dangerous-tag", i, Math.min(n, j + 6));
      }
      if (j < n && t.charAt(j) == '/' && t.regionMatches(true, j + 1, "script", 0, 6)) {
        // '</script>' ends the page's own script block: the breakout out of an inline script.
        return new Hit("script-tag", i, Math.min(n, j + 7));
      }
      if (j + 1 < n && t.charAt(j) == ':' && isNameStart(t.charAt(j + 1))) {
        j++; // '<:vmlframe': an empty namespace prefix
      }
      if (j < n && isNameStart(t.charAt(j))) {
        int nameEnd = j;
        while (nameEnd < n && isNameChar(t.charAt(nameEnd)) && nameEnd - j < 64) {
          nameEnd++;
        }
        TagResult r = tag(i, j, nameEnd);
        if (r.hit != null) {
          return r.hit;
        }
        i = r.end > i ? r.end : i + 1;
      } else {
        // '</x', '<!--', '<?', '< 3', '<<': nothing opens here; keep scanning the content.
        i = j;
      }
      i = i < n ? t.indexOf('<', i) : -1;
    }
    return null;
  }

  private record TagResult(Hit hit, int end) {}

  private TagResult tag(int lt, int nameStart, int nameEnd) {
    String name = t.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
    // '<scr\0ipt>': NUL inside a tag name is dropped by old parsers and by many filters.
    while (!name.equals("script") && !isDangerousTag(name) && nameEnd + 1 < n && t.charAt(nameEnd) == 0 && isNameStart(t.charAt(nameEnd + 1))) {
      int more = nameEnd + 1;
      while (more < n && isNameChar(t.charAt(more)) && more - nameStart < 64) {
        more++;
      }
      name = name + t.substring(nameEnd + 1, more).toLowerCase(Locale.ROOT);
      nameEnd = more;
    }
    int colon = name.lastIndexOf(':');
    if (colon >= 0 && colon + 1 < name.length()) {
      String prefix = name.substring(0, colon);
      if (prefix.equals("svg") || prefix.equals("math")) {
        // Namespaced SVG/MathML content switches the parser into foreign-content rules.
        return new TagResult(new Hit("dangerous-tag", lt, nameEnd), nameEnd);
      }
      name = name.substring(colon + 1); // <x:script>: the local name counts.
    }
    if (name.equals("script")) {
      return new TagResult(new Hit("script-tag", lt, nameEnd), nameEnd);
    }
    if (isDangerousTag(name)) {
      return new TagResult(new Hit("dangerous-tag", lt, nameEnd), nameEnd);
    }
    boolean meta = name.equals("meta");
    boolean link = name.equals("link");
    int p = nameEnd;
    int end = n;
    while (p < n) {
      char c = t.charAt(p);
      if (c == '>') {
        end = p + 1;
        break;
      }
      if (c == '<') {
        end = p; // restart the tokenizer at the stray '<'
        break;
      }
      if (isSpace(c) || c == '/' || c == '"' || c == '\'' || c == '`' || c == '=') {
        p++;
        continue;
      }
      int an = p;
      while (p < n && !isAttrNameEnd(t.charAt(p))) {
        p++;
      }
      int anEnd = p;
      int q = skipSpaces(p);
      int vs = -1;
      int ve = -1;
      if (q < n && t.charAt(q) == '=') {
        q = skipSpaces(q + 1);
        if (q < n) {
          char qc = t.charAt(q);
          if (qc == '"' || qc == '\'' || qc == '`') {
            vs = q + 1;
            int close = nextOf(qc, vs);
            if (close < 0) {
              // Unterminated quote: end the value at the next '>' so later tags are still seen.
              int gt = nextOf('>', vs);
              ve = gt < 0 ? n : gt;
              p = ve;
            } else {
              ve = close;
              p = close + 1;
            }
          } else {
            vs = q;
            ve = q;
            while (ve < n && !isSpace(t.charAt(ve)) && t.charAt(ve) != '>') {
              ve++;
            }
            p = ve;
          }
        } else {
          p = q;
        }
      }
      Hit h = attribute(name, an, anEnd, vs, ve, meta, link);
      if (h != null) {
        return new TagResult(h, end);
      }
    }
    if (name.equals("style") && end < n) {
      Hit h = styleBody(lt, end);
      if (h != null) {
        return new TagResult(h, end);
      }
    }
    return new TagResult(null, end);
  }

  private Hit attribute(String name, int an, int anEnd, int vs, int ve, boolean meta, boolean link) {
    String attr = t.substring(an, anEnd).toLowerCase(Locale.ROOT);
    boolean hasValue = vs >= 0;
    if (hasValue && isEventHandlerName(attr)) {
      return new Hit("event-handler", an, Math.max(anEnd, ve));
    }
    if (!hasValue) {
      return null;
    }
    if (attr.equals("srcdoc")) {
      return new Hit("srcdoc", an, ve);
    }
    String raw = t.substring(vs, ve);
    String value = Entities.mayContain(raw) ? Entities.decode(raw) : raw;
    if (Schemes.scriptSchemeAtStart(value)) {
      return new Hit("script-url", an, ve);
    }
    if (attr.equals("style") || attr.endsWith("style")) {
      String rule = Css.danger(value);
      if (rule != null) {
        return new Hit(rule, an, ve);
      }
    }
    if (meta && (attr.equals("http-equiv") || attr.equals("charset"))) {
      // refresh redirects (to javascript:), set-cookie fixes sessions, a charset switch
      // (UTF-7, x-imap4-modified-utf7) turns harmless bytes into markup.
      return new Hit("dangerous-tag", an, ve);
    }
    if ((name.equals("set") || name.equals("animate")) && attr.equals("attributename")) {
      String target = value.trim().toLowerCase(Locale.ROOT);
      if (target.equals("href") || target.equals("xlink:href") || target.startsWith("on")) {
        // SVG animation rewriting a link target or a handler after sanitisation.
        return new Hit("dangerous-attribute", an, ve);
      }
    }
    if (name.equals("xml") && attr.equals("src")) {
      // IE XML data island loading a remote document (paired with data binding).
      return new Hit("dangerous-tag", an, ve);
    }
    String local = attr.substring(attr.lastIndexOf(':') + 1);
    if (attr.equals("datasrc") || attr.equals("dataformatas") || local.equals("handler")) {
      // IE data binding renders bound data as HTML; XML Events handler attributes run script.
      // IE data binding renders bound data as HTML.
      return new Hit("dangerous-attribute", an, ve);
    }
    if (meta && attr.equals("content")) {
      int u = value.toLowerCase(Locale.ROOT).indexOf("url=");
      if (u >= 0 && Schemes.scriptSchemeAtStart(value.substring(u + 4))) {
        return new Hit("script-url", an, ve);
      }
    }
    if (link && attr.equals("rel") && (value.toLowerCase(Locale.ROOT).contains("import")
        || value.toLowerCase(Locale.ROOT).contains("stylesheet"))) {
      // HTML imports run script; a foreign stylesheet can (expression(), bindings, exfiltration).
      return new Hit("dangerous-tag", an, ve);
    }
    if (depth == 0 && (value.indexOf('<') >= 0 || value.indexOf('\uFF1C') >= 0)) {
      // Markup inside an attribute value: '<img title="--><script>...">' and friends.
      Hit inner = scan(value, depth + 1);
      if (inner != null) {
        return new Hit(inner.rule(), vs, ve);
      }
    }
    return null;
  }

  /** A {@code <style>} element whose body can run script (IE expression, @import, bindings). */
  private Hit styleBody(int lt, int bodyStart) {
    // The body ends at the next '<' (normally '</style>'): bodies stay disjoint, so a run of
    // unclosed '<style>' tags cannot make this quadratic.
    int close = t.indexOf('<', bodyStart);
    int bodyEnd = close < 0 ? n : close;
    String body = t.substring(bodyStart, bodyEnd);
    String rule = Css.danger(body);
    if (rule == null && (body.indexOf('{') >= 0 || body.indexOf('@') >= 0)) {
      // A page-wide stylesheet from the request: @import of foreign CSS, attribute-selector
      // exfiltration, UI redressing. Plain markup never needs one.
      rule = "dangerous-tag";
    }
    return rule == null ? null : new Hit(rule, lt, bodyEnd);
  }

  /** {@code <?import ...>}, {@code <?xml-stylesheet ...>}, {@code <?xml:namespace ...>} (IE behaviours, XSLT). */
  private boolean isProcessingInstructionDangerous(int p) {
    return t.regionMatches(true, p, "import", 0, 6) || t.regionMatches(true, p, "xml-stylesheet", 0, 14)
        || t.regionMatches(true, p, "xml:namespace", 0, 13);
  }

  /**
   * Tags that can load or run script, or retarget where it comes from, whatever their
   * attributes: frames, plugins, {@code <base>}, {@code <form>} (action hijacking), foreign-content
   * roots ({@code <svg>}, {@code <math>}) whose parsing rules differ, legacy IE/Netscape vectors.
   */
  static boolean isDangerousTag(String name) {
    switch (name) {
      case "iframe":
      case "frame":
      case "frameset":
      case "object":
      case "embed":
      case "applet":
      case "base":
      case "form":
      case "svg":
      case "math":
      case "import":
      case "noscript":
      case "xmp":
      case "plaintext":
      case "isindex":
      case "vmlframe":
      case "bgsound":
      case "layer":
      case "ilayer":
      case "portal":
      case "xss":
        return true;
      default:
        return false;
    }
  }

  /**
   * {@code on<event>}: the name's leading or trailing letter run is "on" plus at least three
   * letters, so junk around it ({@code \x27onerror}, {@code onerror\x09}) does not hide it.
   */
  static boolean isEventHandlerName(String attr) {
    int i = 0;
    while (i < attr.length() && isLower(attr.charAt(i))) {
      i++;
    }
    if (isHandler(attr, 0, i)) {
      return true;
    }
    int j = attr.length();
    while (j > 0 && isLower(attr.charAt(j - 1))) {
      j--;
    }
    return j > 0 && isHandler(attr, j, attr.length());
  }

  private static boolean isHandler(String s, int from, int to) {
    return to - from >= 5 && s.charAt(from) == 'o' && s.charAt(from + 1) == 'n';
  }

  // ---------------------------------------------------------------------------------------------
  // Tag-less fragments

  private Hit fragments() {
    int handlers = 0;
    int templates = 0;
    int breakouts = 0;
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      char lc = (char) (c | 0x20);
      boolean boundary = i == 0 || !isWordChar(t.charAt(i - 1));
      if ((lc == 'j' || lc == 'v' || lc == 'l') && boundary) {
        int after = Schemes.matchScheme(t, i);
        if (after > 0 && (startOfValue(i) && after < n && !isSpace(t.charAt(after))
            || Js.callFollows(t, after))) {
          return new Hit("script-url", i, after);
        }
      }
      if (lc == 'd' && boundary && Schemes.isDataHtml(t, i)) {
        return new Hit("script-url", i, Math.min(n, i + 5));
      }
      if (lc == 'o' && handlers < MAX_CANDIDATES && handlerBoundary(i)) {
        int end = handlerAttribute(i);
        if (end > 0) {
          handlers++;
          if (end > i + 1) {
            boolean quoteBefore = i > 0 && isQuote(t.charAt(skipSpacesBack(i)));
            return new Hit(quoteBefore ? "attribute-breakout" : "event-handler", i, end);
          }
          // No script syntax in the value, but the value opens by closing an attribute quote
          // ('" type=image onerror=KCF') or is itself a quoted handler ("onload='x'").
          int lead = skipSpaces(0);
          boolean opensWithQuote = lead < i && isQuote(t.charAt(lead));
          if (opensWithQuote || startOfValue(i) && quotedValue(i)) {
            return new Hit("attribute-breakout", i, Math.min(n, i + 2));
          }
        }
      }
      if (c == '{' && i + 1 < n && t.charAt(i + 1) == '{' && templates < MAX_CANDIDATES) {
        templates++;
        int end = Js.templateExpression(t, i + 2, WINDOW);
        if (end > 0) {
          return new Hit("template-expression", i, end);
        }
      }
      if (isQuote(c) && breakouts < MAX_CANDIDATES * 16) {
        breakouts++;
        int end = Js.stringBreakout(t, i + 1);
        if (end > 0) {
          return new Hit("js-breakout", i, end);
        }
      }
      if (boundary && isAsciiLetter(c)) {
        int end = Js.sinkCall(t, i);
        if (end > 0) {
          return new Hit("script-sink", i, end);
        }
      }
    }
    int js = Js.foldedSink(t);
    if (js >= 0) {
      return new Hit("script-sink", 0, Math.min(n, 64));
    }
    String css = Css.dangerInText(t);
    if (css != null) {
      return new Hit(css, 0, Math.min(n, 64));
    }
    return null;
  }

  /** True when position {@code i} starts the value (only spaces, quotes, controls before it). */
  private boolean startOfValue(int i) {
    if (firstSignificant < 0) {
      int k = 0;
      while (k < n && (isSpace(t.charAt(k)) || isQuote(t.charAt(k)) || t.charAt(k) < 0x20)) {
        k++;
      }
      firstSignificant = k;
    }
    return i <= firstSignificant;
  }

  /** 'on' may start a handler attribute only after a separator an attribute could follow. */
  private boolean handlerBoundary(int i) {
    if (i == 0) {
      return true;
    }
    char p = t.charAt(i - 1);
    return isSpace(p) || isQuote(p) || p == '/' || p == ';' || p == '\u00A0' || p == '>' || p == ',';
  }

  /**
   * An {@code on<event>=value} fragment at {@code i} whose value contains script syntax (a call,
   * a template literal, a scheme): its end; -1 when it is not one. Plain pairs such as
   * {@code online=1} stay quiet.
   */
  private int handlerAttribute(int i) {
    if (i + 1 >= n || (t.charAt(i + 1) | 0x20) != 'n') {
      return -1;
    }
    int k = i + 2;
    while (k < n && isAsciiLetter(t.charAt(k)) && k - i < 40) {
      k++;
    }
    if (k - i < 5) {
      return -1;
    }
    int e = skipSpaces(k);
    if (e >= n || t.charAt(e) != '=') {
      return -1;
    }
    int v = skipSpaces(e + 1);
    if (v >= n || t.charAt(v) == '&' || t.charAt(v) == '\n') {
      return -1; // no value
    }
    int limit = Math.min(n, v + WINDOW);
    for (int m = v; m < limit; m++) {
      char c = t.charAt(m);
      if (c == '(' || c == '`') {
        return m + 1;
      }
      if (c == '&' || c == '\n' || c == '>') {
        break;
      }
      if ((c | 0x20) == 'j' && Schemes.matchScheme(t, m) > 0) {
        return m + 1;
      }
    }
    return 1; // a handler-shaped name without script: counted, not reported
  }

  /** Whether the handler-shaped name at {@code i} has a quoted value. */
  private boolean quotedValue(int i) {
    int e = i;
    while (e < n && e - i < 48 && t.charAt(e) != '=') {
      e++;
    }
    int v = skipSpaces(e + 1);
    return v < n && isQuote(t.charAt(v));
  }

  // ---------------------------------------------------------------------------------------------
  // Character helpers

  private int nextOf(char c, int from) {
    int slot = c == '\'' ? 0 : c == '"' ? 1 : c == '`' ? 2 : 3;
    if (next[slot] == -1 && nextFrom[slot] <= from) {
      return -1;
    }
    if (next[slot] >= from && nextFrom[slot] <= from) {
      return next[slot];
    }
    int r = t.indexOf(c, from);
    next[slot] = r;
    nextFrom[slot] = from;
    return r;
  }

  private int skipSpaces(int p) {
    while (p < n && isSpace(t.charAt(p))) {
      p++;
    }
    return p;
  }

  private int skipSpacesBack(int i) {
    int p = i - 1;
    while (p > 0 && isSpace(t.charAt(p))) {
      p--;
    }
    return Math.max(p, 0);
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B || c == 0;
  }

  static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '`';
  }

  private static boolean isNameStart(char c) {
    return isAsciiLetter(c);
  }

  private static boolean isNameChar(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
  }

  private static boolean isAttrNameEnd(char c) {
    return isSpace(c) || c == '/' || c == '>' || c == '=' || c == '<' || c == '"' || c == '\'';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  static boolean isWordChar(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '$';
  }
}
