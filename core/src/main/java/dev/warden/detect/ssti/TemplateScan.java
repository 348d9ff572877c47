package dev.warden.detect.ssti;

import dev.warden.detect.ssti.ExprLexer.Kind;
import dev.warden.detect.ssti.ExprLexer.Token;
import java.util.List;
import java.util.Locale;

/**
 * Finds template openers, cuts out their content and classifies it. Security-critical: decides
 * what is reported as template injection. Stateless.
 */
final class TemplateScan {

  record Hit(String rule, int start, int end) {}

  /** Longest prefix of a value inspected. */
  static final int MAX_CHARS = 64 * 1024;
  /** Openers examined per value: bounds total work to MAX_OPENERS * MAX_CONTENT. */
  static final int MAX_OPENERS = 64;
  /** Longest template content read after an opener. */
  static final int MAX_CONTENT = 1024;

  private TemplateScan() {}

  static Hit scan(String raw) {
    String t = raw.length() > MAX_CHARS ? raw.substring(0, MAX_CHARS) : raw;
    int n = t.length();
    int openers = 0;
    for (int i = 0; i + 1 < n && openers < MAX_OPENERS; i++) {
      char c = t.charAt(i);
      char d = t.charAt(i + 1);
      Hit h = null;
      if (c == '{' && d == '{') {
        openers++;
        h = mustache(t, i);
      } else if (c == '{' && d == '%') {
        openers++;
        h = statementTag(t, i, "%}");
      } else if (c == '<' && d == '%') {
        openers++;
        h = scriptlet(t, i);
      } else if (d == '{' && (c == '$' || c == '#' || c == '*' || c == '@' || c == '~' || c == '%')) {
        openers++;
        h = braced(t, i);
      } else if ((c == '<' || c == '[') && d == '#' && i + 2 < n && Character.isLetter(t.charAt(i + 2))) {
        // FreeMarker directive: <#assign ...>, [#assign ...] (square-bracket syntax).
        openers++;
        h = new Hit("template-statement", i, Math.min(n, i + 8));
      } else if (c == '#' && Character.isLetter(d)) {
        h = velocityDirective(t, i);
      } else if (c == '@' && d == '(') {
        openers++;
        h = delimited(t, i, i + 2, ")");
      } else if (c == '[' && d == '[') {
        openers++;
        h = delimited(t, i, i + 2, "]]");
      }
      if (h != null) {
        return h;
      }
    }
    return null;
  }

  /** {@code {{ ... }}}: Jinja/Twig/Handlebars/Angular. */
  private static Hit mustache(String t, int i) {
    int from = i + 2;
    int close = find(t, from, "}}");
    if (close < 0) {
      return null;
    }
    String content = t.substring(from, close).trim();
    if (!content.isEmpty()) {
      char first = content.charAt(0);
      // Handlebars/Mustache blocks ({{#each}}, {{/with}}) and Underscore evaluate ({{= x }}).
      if ((first == '#' || first == '/' || first == '=') && content.length() > 1
          && (Character.isLetter(content.charAt(1)) || Character.isWhitespace(content.charAt(1)))) {
        return new Hit("template-statement", i, close + 2);
      }
    }
    String rule = classify(content, true);
    return rule == null ? null : new Hit(rule, i, close + 2);
  }

  /** {@code {% word ... %}}: a statement tag of Jinja/Twig/Django/Liquid/Nunjucks. */
  private static Hit statementTag(String t, int i, String closer) {
    int from = i + 2;
    int close = find(t, from, closer);
    if (close < 0) {
      return null;
    }
    String content = t.substring(from, close).trim();
    if (!content.isEmpty() && content.charAt(0) == '-') {
      content = content.substring(1).trim(); // whitespace control: {%- ... -%}
    }
    if (!content.isEmpty() && Character.isLetter(content.charAt(0))) {
      return new Hit("template-statement", i, close + 2);
    }
    String rule = classify(content, false);
    return rule == null ? null : new Hit(rule, i, close + 2);
  }

  /** {@code <% ... %>}: ERB, JSP, EJS, ASP code blocks. Any code in one is server code. */
  private static Hit scriptlet(String t, int i) {
    int from = i + 2;
    int close = find(t, from, "%>");
    if (close < 0) {
      return null;
    }
    String content = t.substring(from, close).trim();
    if (content.startsWith("=") || content.startsWith("-") || content.startsWith("#")) {
      content = content.substring(1).trim();
    }
    if (content.isEmpty()) {
      return null;
    }
    return new Hit("template-statement", i, close + 2);
  }

  /** {@code ${...} #{...} *{...} @{...} ~{...} %{...}}: EL, SpEL, OGNL (Struts), FreeMarker, Mako, Thymeleaf. */
  private static Hit braced(String t, int i) {
    int from = i + 2;
    int close = matchBrace(t, from);
    if (close < 0) {
      return null;
    }
    String content = t.substring(from, close).trim();
    if (content.startsWith("=")) {
      return content.length() > 1 ? new Hit("template-statement", i, close + 1) : null;
    }
    if (t.charAt(i) == '$' && content.startsWith("{")) {
      // '${{7*7}}': a mustache behind a dollar.
      String inner = content.endsWith("}") ? content.substring(1, content.length() - 1) : content.substring(1);
      String rule = classify(inner, true);
      return rule == null ? null : new Hit(rule, i, close + 1);
    }
    if (isLookup(content)) {
      return null; // ${env:HOME}, ${jndi:...}: property and Log4j lookups, not expressions
    }
    String rule = classify(content, false);
    return rule == null ? null : new Hit(rule, i, close + 1);
  }

  /** {@code @( ... )} Razor, {@code [[ ... ]]} Thymeleaf inlining: expression content only. */
  private static Hit delimited(String t, int i, int from, String closer) {
    int close = find(t, from, closer);
    if (close < 0) {
      return null;
    }
    String rule = classify(t.substring(from, close), false);
    return rule == null ? null : new Hit(rule, i, close + closer.length());
  }

  /** Velocity {@code #set(}, {@code #foreach(}, {@code #evaluate(}... */
  private static Hit velocityDirective(String t, int i) {
    if (i > 0 && Character.isLetterOrDigit(t.charAt(i - 1))) {
      return null;
    }
    int j = i + 1;
    while (j < t.length() && j - i < 16 && Character.isLetter(t.charAt(j))) {
      j++;
    }
    String word = t.substring(i + 1, j).toLowerCase(Locale.ROOT);
    int p = j;
    while (p < t.length() && p - j < 4 && t.charAt(p) == ' ') {
      p++;
    }
    if (p < t.length() && t.charAt(p) == '(') {
      switch (word) {
        case "set":
        case "foreach":
        case "evaluate":
        case "include":
        case "parse":
        case "define":
        case "macro":
        case "if":
          return new Hit("template-statement", i, p + 1);
        default:
          return null;
      }
    }
    return null;
  }

  /**
   * The rule for an expression's content, or null when it is a plain reference or prose.
   * {@code mustache} is true inside {@code {{ }}}, where a filter pipeline is also an expression.
   */
  static String classify(String content, boolean mustache) {
    String lower = content.toLowerCase(Locale.ROOT);
    if (hasInternals(lower)) {
      return "class-access";
    }
    List<Token> toks = ExprLexer.lex(content);
    if (toks.isEmpty()) {
      return null;
    }
    for (int k = 0; k < toks.size(); k++) {
      Token a = toks.get(k);
      Token b = k + 1 < toks.size() ? toks.get(k + 1) : null;
      Token c = k + 2 < toks.size() ? toks.get(k + 2) : null;
      if (a.kind() == Kind.IDENT && b != null && b.isOp('(')) {
        if (a.text().equals("T") && c != null && c.kind() == Kind.IDENT) {
          return "class-access"; // SpEL type reference T(java.lang.Runtime)
        }
        return "method-call";
      }
      if ((a.kind() == Kind.NUMBER || a.kind() == Kind.STRING) && b != null && isArith(b)
          && c != null && c.kind() == Kind.NUMBER) {
        return "arithmetic-probe";
      }
      if (a.isOp('@') && b != null && b.kind() == Kind.IDENT && k + 2 < toks.size() && toks.get(k + 2).isOp('.')) {
        return "class-access"; // OGNL static access @java.lang.Runtime@getRuntime
      }
      if (mustache && a.isOp('|') && b != null && b.kind() == Kind.IDENT) {
        return "template-statement"; // {{ x|filter }}
      }
    }
    Token first = toks.get(0);
    if (first.kind() == Kind.IDENT && isEngineGlobal(first.text())) {
      boolean member = toks.size() > 1 && (toks.get(1).isOp('.') || toks.get(1).isOp('[')
          || toks.get(1).kind() != Kind.OP);
      // Alone, only the globals that dump the engine itself: '${session}' may be a plain variable.
      boolean dumps = toks.size() == 1 && (first.text().equals("self") || first.text().equals("_self")
          || first.text().equals("config") || first.text().equals("this") || first.text().equals("_context"));
      if (member || dumps) {
        return "object-access";
      }
    }
    return null;
  }

  /** Reflection and interpreter internals: never part of a legitimate value. */
  private static boolean hasInternals(String lower) {
    return lower.contains("__class__") || lower.contains("__mro__") || lower.contains("__subclasses__")
        || lower.contains("__globals__") || lower.contains("__builtins__") || lower.contains("__import__")
        || lower.contains("__init__") || lower.contains("_templatereference") || lower.contains("_memberaccess")
        || lower.contains("getclass") || lower.contains("forname") || lower.contains("getruntime")
        || lower.contains("processbuilder") || lower.contains("freemarker.template.utility")
        || lower.contains("?new(") || lower.contains("java.lang.");
  }

  /** Globals of template engines that hand out the application, request or interpreter. */
  private static boolean isEngineGlobal(String ident) {
    switch (ident) {
      case "self":
      case "_self":
      case "this":
      case "config":
      case "request":
      case "settings":
      case "_context":
      case "lipsum":
      case "cycler":
      case "joiner":
      case "namespace":
      case "url_for":
      case "get_flashed_messages":
      case "pageContext":
      case "applicationScope":
      case "sessionScope":
      case "facesContext":
      case "application":
      case "session":
      case "os":
        return true;
      default:
        return false;
    }
  }

  private static boolean isArith(Token t) {
    return t.kind() == Kind.OP && "*+-/%".indexOf(t.text().charAt(0)) >= 0;
  }

  /** {@code name:...} at the start: a lookup prefix (Log4j, Spring placeholders with defaults). */
  private static boolean isLookup(String content) {
    int k = 0;
    while (k < content.length() && k < 32
        && (Character.isLetterOrDigit(content.charAt(k)) || content.charAt(k) == '_' || content.charAt(k) == '-'
            || content.charAt(k) == '.')) {
      k++;
    }
    return k > 0 && k < content.length() && content.charAt(k) == ':';
  }

  /** Index of {@code closer} within MAX_CONTENT chars after {@code from}, or -1. */
  private static int find(String t, int from, String closer) {
    int limit = Math.min(t.length() - closer.length(), from + MAX_CONTENT);
    for (int k = from; k <= limit; k++) {
      if (t.startsWith(closer, k)) {
        return k;
      }
    }
    return -1;
  }

  /** The '}' closing a brace opened just before {@code from}, skipping quoted strings; or -1. */
  private static int matchBrace(String t, int from) {
    int depth = 1;
    char quote = 0;
    int limit = Math.min(t.length(), from + MAX_CONTENT);
    for (int k = from; k < limit; k++) {
      char c = t.charAt(k);
      if (quote != 0) {
        if (c == '\\') {
          k++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return k;
      }
    }
    return -1;
  }
}
