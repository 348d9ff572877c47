package dev.warden.detect.xxe;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.util.Locale;
import java.util.Optional;

/**
 * XML external entity and entity-expansion attacks: a document type declaration or entity
 * declaration that makes an XML parser read files or URLs, or expand entities without bound,
 * and XInclude, which does the same without a DTD.
 *
 * <p>How: a linear scan for markup declarations ({@code <!DOCTYPE}, {@code <!ENTITY}, case- and
 * white-space-tolerant, also inside CDATA or comments, where second-stage parsers find them),
 * each read by a small declaration lexer (name, {@code %}, external id keyword, literals) and
 * classified:
 * <ul>
 *   <li>{@code external-entity}: {@code <!ENTITY name SYSTEM|PUBLIC ...>};</li>
 *   <li>{@code parameter-entity}: {@code <!ENTITY % name ...>} (out-of-band exfiltration);</li>
 *   <li>{@code entity-expansion}: an internal general entity (billion laughs, quadratic blow-up,
 *       entity-based filter evasion);</li>
 *   <li>{@code external-dtd}: {@code <!DOCTYPE x SYSTEM "...">}, or {@code PUBLIC} with a system
 *       literal off {@code www.w3.org};</li>
 *   <li>{@code xinclude}: an {@code xi:include} element or the XInclude namespace.</li>
 * </ul>
 * A plain document, {@code <!DOCTYPE html>} and the standard XHTML doctypes pass.
 *
 * <p>Bounds: only the first {@value #MAX_CHARS} chars are inspected, each declaration is read
 * for at most {@value #MAX_DECL} chars. Stateless, thread-safe, never throws.
 */
public final class XxeDetector implements Detector {

  /** Detector id. */
  public static final String ID = "xxe";

  static final int MAX_CHARS = 64 * 1024;
  static final int MAX_DECL = 512;
  private static final String XINCLUDE_NS = "http://www.w3.org/2001/xinclude";

  /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
  public XxeDetector() {}

  @Override
  public String id() {
    return ID;
  }

  /** Results depend on the text and name flag alone. */
  @Override
  public boolean textOnly() {
    return true;
  }

  /** {@code mayMatch} is false on ASCII text without one of these: exactly its mask test. */
  @Override
  public CharMask gate() {
    return TRIGGERS;
  }

  private static final CharMask TRIGGERS = CharMask.ascii("<:");

  /** Entities, doctypes and XInclude elements need {@code <}; the XInclude namespace URI needs {@code :}. */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    return chars.any(TRIGGERS);
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    String raw = in.text();
    String t = raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw;
    Hit h = scan(t);
    return h == null ? Optional.empty() : Optional.of(Finding.of(ID, h.rule, in, h.start, h.end));
  }

  record Hit(String rule, int start, int end) {}

  static Hit scan(String t) {
    int n = t.length();
    int i = t.indexOf('<');
    while (i >= 0 && i + 1 < n) {
      char c = t.charAt(i + 1);
      if (c == '!') {
        int p = i + 2;
        if (matches(t, p, "entity")) {
          Hit h = entity(t, i, p + 6);
          if (h != null) {
            return h;
          }
        } else if (matches(t, p, "doctype")) {
          Hit h = doctype(t, i, p + 7);
          if (h != null) {
            return h;
          }
        }
      } else if (matches(t, i + 1, "xi:include") || matches(t, i + 1, "xinclude:include")) {
        return new Hit("xinclude", i, Math.min(n, i + 11));
      }
      i = t.indexOf('<', i + 1);
    }
    int ns = indexOfIgnoreCase(t, XINCLUDE_NS);
    if (ns >= 0) {
      return new Hit("xinclude", ns, ns + XINCLUDE_NS.length());
    }
    return null;
  }

  /** {@code <!ENTITY} at {@code lt}; {@code p} is just after the keyword. */
  private static Hit entity(String t, int lt, int p) {
    Lexer lx = new Lexer(t, p, Math.min(t.length(), p + MAX_DECL));
    if (!lx.skipSpaceRequired()) {
      return null;
    }
    boolean parameter = false;
    if (lx.peek() == '%') {
      parameter = true;
      lx.pos++;
      lx.skipSpaceRequired();
    }
    String name = lx.name();
    if (name.isEmpty()) {
      return null;
    }
    lx.skipSpace();
    String kw = lx.name().toUpperCase(Locale.ROOT);
    int end = Math.min(t.length(), lx.pos + 1);
    if (kw.equals("SYSTEM") || kw.equals("PUBLIC")) {
      return new Hit(parameter ? "parameter-entity" : "external-entity", lt, end);
    }
    if (!kw.isEmpty()) {
      return null;
    }
    char q = lx.peek();
    if (q != '"' && q != '\'') {
      return null;
    }
    return new Hit(parameter ? "parameter-entity" : "entity-expansion", lt, end);
  }

  /** {@code <!DOCTYPE} at {@code lt}; {@code p} is just after the keyword. */
  private static Hit doctype(String t, int lt, int p) {
    int limit = Math.min(t.length(), p + MAX_DECL);
    Lexer lx = new Lexer(t, p, limit);
    lx.skipSpace();
    String root = lx.name();
    if (root.isEmpty()) {
      return null;
    }
    lx.skipSpace();
    String kw = lx.name().toUpperCase(Locale.ROOT);
    if (kw.equals("SYSTEM")) {
      lx.skipSpace();
      String sys = lx.literal();
      return sys == null ? null : new Hit("external-dtd", lt, lx.pos);
    }
    if (kw.equals("PUBLIC")) {
      lx.skipSpace();
      String pub = lx.literal();
      lx.skipSpace();
      String sys = lx.literal();
      if (pub != null && sys != null && !isW3cDtd(sys)) {
        return new Hit("external-dtd", lt, lx.pos);
      }
    }
    // An internal subset '[...]' is read by the entity scan that follows ('<!ENTITY' inside it).
    return null;
  }

  /** The public XHTML/SVG/MathML DTDs browsers and validators know; fetching them is benign. */
  private static boolean isW3cDtd(String sys) {
    String s = sys.toLowerCase(Locale.ROOT);
    return s.startsWith("http://www.w3.org/") || s.startsWith("https://www.w3.org/");
  }

  static boolean matches(String t, int p, String word) {
    return p >= 0 && p + word.length() <= t.length() && t.regionMatches(true, p, word, 0, word.length());
  }

  private static int indexOfIgnoreCase(String t, String lower) {
    int n = t.length();
    int m = lower.length();
    char first = lower.charAt(0);
    for (int i = 0; i + m <= n; i++) {
      if ((t.charAt(i) | 0x20) == first && t.regionMatches(true, i, lower, 0, m)) {
        return i;
      }
    }
    return -1;
  }

  /** A tiny lexer for markup declarations, bounded by {@code limit}. */
  private static final class Lexer {
    final String t;
    int pos;
    final int limit;

    Lexer(String t, int pos, int limit) {
      this.t = t;
      this.pos = pos;
      this.limit = limit;
    }

    char peek() {
      return pos < limit ? t.charAt(pos) : 0;
    }

    boolean skipSpaceRequired() {
      int start = pos;
      skipSpace();
      return pos > start;
    }

    void skipSpace() {
      while (pos < limit && isSpace(t.charAt(pos))) {
        pos++;
      }
    }

    String name() {
      int start = pos;
      while (pos < limit && isNameChar(t.charAt(pos))) {
        pos++;
      }
      return t.substring(start, pos);
    }

    /** A quoted literal's content, or null. */
    String literal() {
      char q = peek();
      if (q != '"' && q != '\'') {
        return null;
      }
      int close = pos + 1;
      while (close < limit && t.charAt(close) != q) {
        close++;
      }
      if (close >= limit) {
        return null;
      }
      String s = t.substring(pos + 1, close);
      pos = close + 1;
      return s;
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u00A0';
    }

    private static boolean isNameChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':';
    }
  }
}
