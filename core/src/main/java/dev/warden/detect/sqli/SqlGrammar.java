package dev.warden.detect.sqli;

/**
 * Decision stage: grammar-aware rules over the token stream of one quote context.
 *
 * <p>Comments are folded out first (an attacker uses them as whitespace, {@code UNION/**}{@code /SELECT}),
 * but remembered: a string closed by the attacker and followed by a trailing comment is the
 * classic truncation shape. Each rule looks for a short SQL construct that data does not form,
 * and requires an SQL-shaped neighbourhood (a literal, a closing quote or parenthesis, a function
 * call) so that English using the same words ("7 AND A HALF", "select x from y where") stays
 * quiet.
 *
 * <p>Stateless; all work is bounded by the token count ({@link SqlLexer#MAX_TOKENS}): a few
 * passes, each operand scan bounded by the token count, so at worst quadratic in a constant.
 */
final class SqlGrammar {

  /** A rule that fired, with the token span it covers in the original text. */
  record Match(String rule, int start, int end) {}

  private final Token[] raw;
  private final Token[] t;
  private final int[] rawIndex;
  private final int n;
  private final char quote;
  private final String text;

  private SqlGrammar(String text, Token[] raw, char quote) {
    this.text = text;
    this.raw = raw;
    this.quote = quote;
    Token[] folded = new Token[raw.length];
    int[] idx = new int[raw.length];
    int k = 0;
    for (int i = 0; i < raw.length; i++) {
      if (!raw[i].is(Token.COMMENT)) {
        folded[k] = raw[i];
        idx[k] = i;
        k++;
      }
    }
    this.t = folded;
    this.rawIndex = idx;
    this.n = k;
  }

  /** The first rule that fires on these tokens, or null. */
  static Match decide(String text, Token[] raw, char quote) {
    return new SqlGrammar(text, raw, quote).decide();
  }

  private Match decide() {
    Match m;
    if ((m = unionSelect()) != null) {
      return m;
    }
    if ((m = stackedQuery()) != null) {
      return m;
    }
    if ((m = functions()) != null) {
      return m;
    }
    if ((m = logic()) != null) {
      return m;
    }
    if ((m = clauses()) != null) {
      return m;
    }
    if ((m = commentTruncation()) != null) {
      return m;
    }
    return versionedComment();
  }

  // ---------------------------------------------------------------- rules

  /** UNION [ALL|DISTINCT] [(] SELECT followed by a select list. */
  private Match unionSelect() {
    for (int i = 0; i < n; i++) {
      if (!t[i].is(Token.UNION)) {
        continue;
      }
      int j = i + 1;
      if (j < n && t[j].is(Token.KEYWORD) && (t[j].isWord("all") || t[j].isWord("distinct"))) {
        j++;
      }
      int parens = 0;
      while (j < n && t[j].is(Token.LPAREN) && parens < 4) {
        j++;
        parens++;
      }
      if (j < n && t[j].is(Token.VERB) && t[j].isWord("select")) {
        if (j + 1 >= n || selectList(j + 1) || i > 0 && sqlEdge(t[i - 1])) {
          return span("union-select", i, Math.min(j + 1, n - 1));
        }
      }
    }
    return null;
  }

  /** What can follow SELECT in a query (and not in "union select is ..."). */
  private boolean selectList(int j) {
    Token a = t[j];
    switch (a.type()) {
      case Token.NUMBER:
      case Token.FUNCTION:
      case Token.VARIABLE:
      case Token.STRING:
      case Token.LPAREN:
        return true;
      case Token.OPERATOR:
        return a.isWord("*") || a.isWord("-");
      case Token.KEYWORD:
        return a.isWord("null") || a.isWord("distinct") || a.isWord("all") || a.isWord("top")
            || a.isWord("case") || a.isWord("char") || a.isWord("current_user") || a.isWord("true")
            || a.isWord("false") || a.isWord("session_user") || a.isWord("system_user");
      case Token.BAREWORD:
        return j + 1 >= n || t[j + 1].is(Token.COMMA) || t[j + 1].isWord("from") || t[j + 1].is(Token.DOT)
            || t[j + 1].is(Token.OPERATOR) || t[j + 1].isWord("as") || t[j + 1].isWord("into");
      default:
        return false;
    }
  }

  /** A token after which an injected clause starts: end of a literal or of an expression. */
  private static boolean sqlEdge(Token p) {
    return p.is(Token.NUMBER) || p.is(Token.STRING) || p.is(Token.RPAREN) || p.is(Token.VARIABLE);
  }

  /** ; followed by a statement that data never spells: "; drop table", "; exec xp_..." */
  private Match stackedQuery() {
    for (int i = 0; i + 1 < n; i++) {
      if (!t[i].is(Token.SEMICOLON) || !t[i + 1].is(Token.VERB)) {
        continue;
      }
      if (statement(i + 1)) {
        return span("stacked-query", i, Math.min(i + 2, n - 1));
      }
    }
    return null;
  }

  private boolean statement(int j) {
    String v = t[j].word();
    Token a = j + 1 < n ? t[j + 1] : null;
    Token b = j + 2 < n ? t[j + 2] : null;
    switch (v) {
      case "select":
        return a != null && selectList(j + 1);
      case "drop":
      case "create":
      case "alter":
      case "truncate":
        return a != null && (a.is(Token.KEYWORD) && (a.isWord("table") || a.isWord("database")
            || a.isWord("schema") || a.isWord("view") || a.isWord("procedure") || a.isWord("function")
            || a.isWord("index") || a.isWord("trigger")) || a.isWord("user") || a.isWord("login"));
      case "insert":
        return a != null && a.isWord("into");
      case "update":
        return a != null && a.is(Token.BAREWORD) && b != null && b.isWord("set");
      case "delete":
        return a != null && a.isWord("from");
      case "exec":
      case "execute":
        return a != null && (a.is(Token.VARIABLE) || a.is(Token.LPAREN) || a.is(Token.STRING)
            || a.word() != null && (a.word().startsWith("xp_") || a.word().startsWith("sp_")
            || a.word().startsWith("master")));
      case "declare":
        return a != null && a.is(Token.VARIABLE);
      case "shutdown":
        return a == null || a.isWord("with");
      case "waitfor":
        return a != null && (a.isWord("delay") || a.isWord("time"));
      default:
        return false;
    }
  }

  /** Function calls that only attacks make: time delays, error-based extraction, file access. */
  private Match functions() {
    for (int i = 0; i < n; i++) {
      Token a = t[i];
      if (a.is(Token.KEYWORD) && a.isWord("delay") && i > 0 && t[i - 1].isWord("waitfor") && i + 1 < n
          && t[i + 1].is(Token.STRING)) {
        return span("blind-time", i - 1, i + 1);
      }
      if (a.is(Token.KEYWORD) && a.isWord("into") && i + 1 < n
          && (t[i + 1].isWord("outfile") || t[i + 1].isWord("dumpfile"))) {
        return span("file-access", i, i + 1);
      }
      if (!a.is(Token.FUNCTION) || i + 1 >= n || !t[i + 1].is(Token.LPAREN)) {
        continue;
      }
      Token arg = i + 2 < n ? t[i + 2] : null;
      switch (a.word()) {
        case "sleep":
        case "pg_sleep":
        case "benchmark":
          if (arg != null && (arg.isOperand() || arg.is(Token.LPAREN) || arg.is(Token.FUNCTION))) {
            return span("blind-time", i, i + 2);
          }
          break;
        case "receive_message":
          if (a.word() != null) {
            return span("blind-time", i, i + 1);
          }
          break;
        case "extractvalue":
        case "updatexml":
        case "name_const":
        case "gtid_subset":
        case "json_keys":
        case "st_latfromgeohash":
        case "st_longfromgeohash":
        case "st_pointfromgeohash":
        case "xmltype":
        case "get_host_name":
          if (arg != null) {
            return span("error-based", i, i + 2);
          }
          break;
        case "convert":
          if (arg != null && arg.is(Token.BAREWORD) && isSqlType(arg.word()) || arg != null && arg.is(Token.KEYWORD)
              && isSqlType(arg.word())) {
            return span("error-based", i, i + 2);
          }
          break;
        case "floor":
          if (arg != null && arg.is(Token.FUNCTION) && arg.isWord("rand")) {
            return span("error-based", i, i + 2);
          }
          break;
        case "exp":
          if (arg != null && arg.isWord("~")) {
            return span("error-based", i, i + 2);
          }
          break;
        case "load_file":
          if (arg != null && (arg.is(Token.STRING) || arg.is(Token.NUMBER) || arg.is(Token.FUNCTION))) {
            return span("file-access", i, i + 2);
          }
          break;
        default:
          break;
      }
    }
    return null;
  }

  private static boolean isSqlType(String w) {
    if (w == null) {
      return false;
    }
    switch (w) {
      case "int":
      case "integer":
      case "varchar":
      case "nvarchar":
      case "char":
      case "nchar":
      case "numeric":
      case "decimal":
      case "bigint":
      case "text":
      case "sysname":
      case "binary":
        return true;
      default:
        return false;
    }
  }

  /** Tautologies after OR, boolean probes after AND. */
  private Match logic() {
    for (int i = 0; i < n; i++) {
      if (!t[i].is(Token.LOGIC)) {
        continue;
      }
      boolean quoteStart = quote != 0 && i == 1 && t[0].is(Token.STRING) && t[0].closed();
      boolean leftOk = i == 0 || quoteStart || sqlEdge(t[i - 1]);
      if (!leftOk) {
        continue;
      }
      boolean or = t[i].isWord("or") || t[i].isWord("||") || t[i].isWord("xor");
      String rule = or ? "tautology" : "blind-boolean";
      int j = i + 1;
      while (j < n && (t[j].isWord("not") || t[j].isWord("!"))) {
        j++;
      }
      if (j >= n) {
        continue;
      }
      Token a = t[j];
      // "and (select ...", "or exists(select"
      if (a.is(Token.LPAREN) && j + 1 < n && t[j + 1].isWord("select")) {
        return span("blind-boolean", i, j + 1);
      }
      if (a.isWord("exists") && j + 2 < n && t[j + 1].is(Token.LPAREN) && t[j + 2].isWord("select")) {
        return span("blind-boolean", i, j + 2);
      }
      int k = expression(j);
      if (k < 0) {
        continue;
      }
      boolean funcLeft = a.is(Token.FUNCTION) || a.is(Token.LPAREN);
      if (k < n && isCmp(t[k])) {
        int m = expression(k + 1);
        if (m < 0) {
          continue;
        }
        boolean litLeft = isLiteral(j, k);
        boolean litRight = isLiteral(k + 1, m);
        if (litLeft && litRight || funcLeft && i > 0 || (quoteStart || i > 0 && sqlEdge(t[i - 1]))
            && (litLeft || litRight || funcLeft)) {
          return span(rule, i, Math.min(m, n) - 1);
        }
        continue;
      }
      boolean atEnd = k >= n || t[k].is(Token.SEMICOLON) || t[k].is(Token.RPAREN) || t[k].is(Token.LOGIC);
      if (a.is(Token.FUNCTION) && SqlWords.isStrongFunction(a.word()) && i > 0 && atEnd) {
        return span("blind-boolean", i, k - 1);
      }
      if (quoteStart && atEnd && isLiteral(j, k) && (k < n || trailingComment() || !t[k - 1].closed())) {
        return span(rule, i, k - 1);
      }
    }
    return null;
  }

  /** True when the last raw token is a comment (truncating the rest of the server's query). */
  private boolean trailingComment() {
    return raw.length > 0 && raw[raw.length - 1].is(Token.COMMENT);
  }

  private boolean isLiteral(int from, int to) {
    if (to - from != 1) {
      return false;
    }
    Token a = t[from];
    return a.is(Token.NUMBER) || a.is(Token.STRING) || a.isWord("true") || a.isWord("false") || a.isWord("null");
  }

  private static boolean isCmp(Token a) {
    if (a.is(Token.OPERATOR)) {
      switch (a.word()) {
        case "=":
        case "<":
        case ">":
        case "<=":
        case ">=":
        case "<>":
        case "!=":
        case "<=>":
        case "==":
        case "!<":
        case "!>":
          return true;
        default:
          return a.isWord("like") || a.isWord("rlike") || a.isWord("regexp") || a.isWord("glob")
              || a.isWord("sounds");
      }
    }
    return a.is(Token.KEYWORD) && (a.isWord("is") || a.isWord("in") || a.isWord("between"));
  }

  /**
   * End index of an expression starting at {@code j} (operands joined by arithmetic operators),
   * or -1 when none starts there. Parenthesised groups and call arguments are skipped balanced
   * (an unclosed group runs to the end, as in truncated payloads).
   */
  private int expression(int j) {
    int k = operand(j);
    int guard = 0;
    while (k > 0 && k < n && guard++ < 16 && isArith(t[k])) {
      int next = operand(k + 1);
      if (next < 0) {
        break;
      }
      k = next;
    }
    return k;
  }

  private static boolean isArith(Token a) {
    if (a.is(Token.OPERATOR)) {
      switch (a.word()) {
        case "+":
        case "-":
        case "*":
        case "/":
        case "%":
        case "^":
        case "|":
        case "&":
        case "<<":
        case ">>":
          return true;
        default:
          return a.isWord("div") || a.isWord("mod");
      }
    }
    return false;
  }

  private int operand(int j) {
    while (j < n && (t[j].isWord("-") || t[j].isWord("+") || t[j].isWord("~") || t[j].isWord("!"))) {
      j++;
    }
    if (j >= n) {
      return -1;
    }
    Token a = t[j];
    if (a.is(Token.FUNCTION) && j + 1 < n && t[j + 1].is(Token.LPAREN)) {
      return balanced(j + 1);
    }
    if (a.is(Token.LPAREN)) {
      return balanced(j);
    }
    if (a.isOperand() || a.isWord("null") || a.isWord("true") || a.isWord("false")
        || a.isWord("current_user")) {
      return j + 1;
    }
    return -1;
  }

  private int balanced(int open) {
    int depth = 0;
    for (int i = open; i < n; i++) {
      if (t[i].is(Token.LPAREN)) {
        depth++;
      } else if (t[i].is(Token.RPAREN)) {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    return n;
  }

  /** ORDER BY n, GROUP BY ... HAVING, HAVING with a comparison, after a literal. */
  private Match clauses() {
    for (int i = 0; i + 2 < n + 1; i++) {
      Token a = t[i];
      boolean start = i == 0 && quote == 0 || quote != 0 && i == 1 && t[0].closed();
      boolean edge = start || i > 0 && sqlEdge(t[i - 1]);
      if (a.isWord("order") && i + 2 < n && t[i + 1].isWord("by") && t[i + 2].is(Token.NUMBER) && edge) {
        int k = i + 3;
        if (k >= n || t[k].is(Token.COMMA) || t[k].is(Token.SEMICOLON) || t[k].is(Token.RPAREN)
            || t[k].isWord("desc") || t[k].isWord("asc") || t[k].is(Token.LOGIC)) {
          return span("order-by", i, i + 2);
        }
      }
      if (a.isWord("group") && i + 2 < n && t[i + 1].isWord("by") && edge) {
        int k = expression(i + 2);
        if (k > 0 && (k >= n || t[k].isWord("having") || t[k].is(Token.COMMA) && i + 2 < n)) {
          return span("having", i, Math.min(k, n - 1));
        }
      }
      if (a.isWord("having") && (edge || i > 0 && t[i - 1].is(Token.BAREWORD))) {
        int k = expression(i + 1);
        if (k > 0 && k < n && isCmp(t[k]) && expression(k + 1) > 0) {
          return span("having", i, k);
        }
      }
    }
    return null;
  }

  /** admin'-- : the attacker closes the literal and comments out the rest of the query. */
  private Match commentTruncation() {
    if (quote == 0 || raw.length < 2 || !raw[0].is(Token.STRING) || !raw[0].closed()) {
      return null;
    }
    int i = 1;
    while (i < raw.length && raw[i].is(Token.RPAREN) && i < 4) {
      i++;
    }
    if (i != raw.length - 1 || !raw[i].is(Token.COMMENT)) {
      return null;
    }
    Token c = raw[i];
    if (!"--".equals(c.word()) && !"#".equals(c.word()) && !"/*".equals(c.word())) {
      return null;
    }
    return bodyIsWordLike(raw[0]) ? new Match("comment-truncation", raw[0].start(), c.end()) : null;
  }

  private boolean bodyIsWordLike(Token str) {
    // "admin'--" / "1')#": a value, not a sentence ending in a quote
    return str.end() - str.start() <= 33 && blankFree(str);
  }

  private boolean blankFree(Token str) {
    for (int i = str.start(); i < str.end(); i++) {
      if (SqlLexer.isBlank(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** /*!50000 ...: a MySQL versioned comment whose body is SQL. */
  private Match versionedComment() {
    for (int i = 0; i + 1 < raw.length; i++) {
      if (raw[i].is(Token.COMMENT) && "/*!".equals(raw[i].word())) {
        char nt = raw[i + 1].type();
        if (nt == Token.UNION || nt == Token.VERB || nt == Token.FUNCTION || nt == Token.LOGIC
            || nt == Token.KEYWORD) {
          return new Match("versioned-comment", raw[i].start(), raw[i + 1].end());
        }
      }
    }
    return null;
  }

  private Match span(String rule, int from, int to) {
    int a = Math.max(0, Math.min(from, n - 1));
    int b = Math.max(a, Math.min(to, n - 1));
    return new Match(rule, t[a].start(), t[b].end());
  }
}
