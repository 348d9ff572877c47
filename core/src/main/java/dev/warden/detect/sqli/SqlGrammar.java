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
  private final int n;
  private final char quote;
  private final String text;

  /** Token types present: bit {@code type} of {@code typesLow} (types below 64) or {@code typesHigh}. */
  private final long typesLow;
  private final long typesHigh;

  /**
   * Whether a {@code `quoted`} bareword is present: its word is not classified, so it may spell
   * a keyword ({@code `order`}) that rules test with {@link Token#isWord}.
   */
  private final boolean backtick;

  /** Which of the words some rules cannot fire without are present ({@code W_} bits). */
  private final int words;
  private static final int W_DELAY_INTO = 1;
  private static final int W_CLAUSE = 2;
  private static final int W_HEX_OR_EXEC = 4;

  /** The first token naming a system object ({@link #isSystemObject(Token)}), or null. */
  private final Token system;

  /** Whether a token of one of these types is present. */
  private boolean has(char... typeList) {
    for (char c : typeList) {
      if (((c < 64 ? typesLow >>> c : typesHigh >>> (c - 64)) & 1) != 0) {
        return true;
      }
    }
    return false;
  }

  private SqlGrammar(String text, Token[] raw, char quote) {
    this.text = text;
    this.raw = raw;
    this.quote = quote;
    int comments = 0;
    long low = 0;
    long high = 0;
    boolean quoted = false;
    int w = 0;
    Token sys = null;
    // One pass gathers what the rules' gates in decide() read, so that a rule which cannot fire
    // costs no pass of its own over the tokens.
    for (Token tok : raw) {
      char c = tok.type(); // every type is an ASCII character
      if (c < 64) {
        low |= 1L << c;
      } else {
        high |= 1L << (c - 64);
      }
      switch (c) {
        case Token.COMMENT:
          comments++;
          break;
        case Token.KEYWORD:
          w |= keywordBits(tok);
          break;
        case Token.VERB:
          if (tok.isWord("exec") || tok.isWord("execute")) {
            w |= W_HEX_OR_EXEC;
          }
          break;
        case Token.NUMBER:
          if (tok.end() - tok.start() >= 12) {
            w |= W_HEX_OR_EXEC;
          }
          break;
        case Token.BAREWORD:
          if (tok.quote() == '`') {
            quoted = true;
          }
          break;
        default:
          break;
      }
      // system-object takes the first bareword, keyword or function naming a system object;
      // comments, which folding removes, are none of these, so the first in raw is the first in t
      if (sys == null && (c == Token.BAREWORD || c == Token.KEYWORD || c == Token.FUNCTION) && isSystemObject(tok)) {
        sys = tok;
      }
    }
    this.typesLow = low;
    this.typesHigh = high;
    this.backtick = quoted;
    this.words = w;
    this.system = sys;
    if (comments == 0) {
      // Most values have no comment: the rules read the lexer's array as it is.
      this.t = raw;
      this.n = raw.length;
      return;
    }
    Token[] folded = new Token[raw.length];
    int k = 0;
    for (Token tok : raw) {
      if (!tok.is(Token.COMMENT)) {
        folded[k++] = tok;
      }
    }
    this.t = folded;
    this.n = k;
  }

  /** The {@code W_} bits of a keyword token. */
  private static int keywordBits(Token k) {
    switch (k.word()) {
      case "delay":
      case "into":
        return W_DELAY_INTO;
      case "order":
      case "group":
      case "having":
        return W_CLAUSE;
      default:
        return 0;
    }
  }

  /** The first rule that fires on these tokens, or null. */
  static Match decide(String text, Token[] raw, char quote) {
    return new SqlGrammar(text, raw, quote).decide();
  }

  /**
   * Runs the rules in order. A rule is skipped when a token type or word it cannot fire without
   * is absent (noted at each gate; the constructor's one pass found what is present), which
   * spares most prose a dozen passes; the result is the same.
   */
  private Match decide() {
    Match m;
    // union-select starts at a UNION token
    if (has(Token.UNION) && (m = unionSelect()) != null) {
      return m;
    }
    // stacked-query: a ";" before the statement, or (in a quote context) a statement verb right
    // after the quote
    if ((has(Token.SEMICOLON) || quote != 0 && has(Token.VERB)) && (m = stackedQuery()) != null) {
      return m;
    }
    // the keywords delay/into or a function name
    if ((has(Token.FUNCTION) || (words & W_DELAY_INTO) != 0) && (m = functions()) != null) {
      return m;
    }
    // starts at a logic operator
    if (has(Token.LOGIC) && (m = logic()) != null) {
      return m;
    }
    // the keywords order/group/having, a `quoted` word (which may spell one), or a ")" as the
    // first token of the as-is context
    if (((words & W_CLAUSE) != 0 || backtick || quote == 0 && n > 0 && t[0].is(Token.RPAREN))
        && (m = clauses()) != null) {
      return m;
    }
    // a comment after the closed quote
    if (has(Token.COMMENT) && (m = commentTruncation()) != null) {
      return m;
    }
    if ((m = fingerprint()) != null) {
      return m;
    }
    if ((m = leadingStatement()) != null) {
      return m;
    }
    if ((m = numberComment()) != null) {
      return m;
    }
    if (system != null) {
      // system-object: the first bareword, keyword or function naming a database-internal
      // object (information_schema.tables, xp_cmdshell, pg_shadow, ...), found by the constructor
      return new Match("system-object", system.start(), system.end());
    }
    if ((m = functionFragment()) != null) {
      return m;
    }
    // exec/execute (exec(@v)) or a number of 12 characters or more (a long 0x number)
    if ((words & W_HEX_OR_EXEC) != 0 && (m = hexEncoded()) != null) {
      return m;
    }
    if ((m = bareTautology()) != null) {
      return m;
    }
    // both need a comment token
    if (!has(Token.COMMENT)) {
      return null;
    }
    if ((m = commentObfuscation()) != null) {
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
      boolean edge = i > 0 && sqlEdge(t[i - 1]);
      if (edge && (j >= n || t[j].is(Token.NUMBER) && j + 1 < n && t[j + 1].is(Token.COMMA)
          || t[j].isWord("exec") || t[j].isWord("execute"))) {
        return span("union-select", i, Math.min(j, n - 1));
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
    if (quote != 0 && n > 2 && t[0].closed() && (t[1].is(Token.VERB)) && statement(1)) {
      // "x' insert into ...", "' create user ...": MSSQL runs a second statement without ";"
      return span("stacked-query", 0, 2);
    }
    for (int i = 0; i + 1 < n; i++) {
      if (!t[i].is(Token.SEMICOLON)) {
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
    if (v == null || !(t[j].is(Token.VERB) || t[j].is(Token.KEYWORD) || t[j].is(Token.BAREWORD))) {
      return false;
    }
    Token a = j + 1 < n ? t[j + 1] : null;
    Token b = j + 2 < n ? t[j + 2] : null;
    switch (v) {
      case "select":
        return a != null && selectList(j + 1);
      case "drop":
      case "create":
      case "alter":
      case "truncate":
        if (v.equals("drop") && a != null && a.is(Token.BAREWORD) && (j + 2 >= n || t[j + 2].is(Token.SEMICOLON))) {
          return true;
        }
        return a != null && (a.is(Token.KEYWORD) && (a.isWord("table") || a.isWord("database")
            || a.isWord("schema") || a.isWord("view") || a.isWord("procedure") || a.isWord("function")
            || a.isWord("index") || a.isWord("trigger")) || a.isWord("user") || a.isWord("login"));
      case "insert":
        return a != null && a.isWord("into");
      case "update":
        return a != null && a.is(Token.BAREWORD) && b != null && b.isWord("set");
      case "delete":
        return a != null && (a.isWord("from") || b != null && b.isWord("from"));
      case "if":
        return a != null && (a.isWord("exists") || a.isWord("not") || expression(j + 1) > 0
            && expression(j + 1) < n && isCmp(t[expression(j + 1)]));
      case "load":
        return a != null && (a.isWord("data") || a.isWord("xml"));
      case "call":
        return a != null && a.is(Token.BAREWORD) && b != null && b.is(Token.LPAREN);
      case "set":
        return a != null && a.is(Token.VARIABLE);
      case "grant":
        return a != null && b != null && (b.isWord("to") || a.isWord("all") || a.isWord("select"));
      case "use":
        return a != null && (a.isWord("master") || a.isWord("mysql"));
      case "desc":
      case "describe":
        return a != null && a.is(Token.BAREWORD) && (j + 2 >= n || t[j + 2].is(Token.SEMICOLON));
      case "exec":
      case "execute":
        return a != null && (a.is(Token.VARIABLE) || a.is(Token.LPAREN) || a.is(Token.STRING)
            || a.isWord("immediate") || a.is(Token.BAREWORD) && (a.word().startsWith("xp_")
            || a.word().startsWith("sp_") || a.word().startsWith("master") || a.word().indexOf('.') > 0));
      case "declare":
        return a != null && (a.is(Token.VARIABLE) || a.is(Token.BAREWORD) && b != null && b.isWord("cursor"));
      case "shutdown":
        return a == null || a.isWord("with") || a.is(Token.SEMICOLON);
      case "begin":
        return a != null && (a.is(Token.VERB) || a.isWord("declare"));
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
        case "randomblob":
          if (arg != null && (arg.isOperand() || arg.is(Token.LPAREN) || arg.is(Token.FUNCTION))) {
            return span("blind-time", i, i + 2);
          }
          break;
        case "receive_message":
          // Oracle dbms_pipe.receive_message(('a'),10): a timed wait
          return span("blind-time", i, i + 1);
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
      boolean or = t[i].isWord("or") || t[i].isWord("||") || t[i].isWord("xor");
      String rule = or ? "tautology" : "blind-boolean";
      int j = i + 1;
      int guard = 0;
      while (j < n && guard++ < 16 && (t[j].isWord("not") || t[j].isWord("!") || t[j].is(Token.LPAREN)
          && j + 1 < n && !t[j + 1].isWord("select"))) {
        j++;
      }
      if (j >= n) {
        continue;
      }
      if (!leftOk) {
        // "HOPE AND 8=3", "hi or a=a": literal-only comparisons need no SQL-shaped left side
        int k0 = expression(j);
        if (k0 > 0 && k0 < n && isCmp(t[k0])) {
          int m0 = expression(k0 + 1);
          if (m0 > 0 && (constant(j, k0) && constant(k0 + 1, m0) && (t[j].type() == t[k0 + 1].type()
              || t[j].is(Token.LPAREN) || t[k0 + 1].is(Token.LPAREN) || t[j].is(Token.OPERATOR)
              || t[k0 + 1].is(Token.OPERATOR)) || sameWord(j, k0, k0 + 1, m0) && t[k0].isWord("="))) {
            return span(rule, i, m0 - 1);
          }
        }
        continue;
      }
      if (j >= n) {
        continue;
      }
      Token a = t[j];
      // "and (select ...", "or exists(select"
      if (a.is(Token.LPAREN) && j + 1 < n && t[j + 1].isWord("select")) {
        return span("blind-boolean", i, j + 1);
      }
      if (a.is(Token.VERB) && a.isWord("select") && leftOk && j + 1 < n && selectList(j + 1)) {
        return span("blind-boolean", i, j + 1);
      }
      if (a.isWord("exists") && j + 2 < n && t[j + 1].is(Token.LPAREN) && t[j + 2].isWord("select")) {
        return span("blind-boolean", i, j + 2);
      }
      int k = expression(j);
      if (k < 0) {
        continue;
      }
      boolean funcLeft = a.is(Token.FUNCTION) || a.is(Token.LPAREN) || a.is(Token.VARIABLE)
          || a.isWord("current_user") || a.isWord("system_user") || a.isWord("session_user");
      if (k + 1 < n && t[k].isWord("not") && isCmp(t[k + 1])) {
        k++;
      }
      if (k == n - 1 && isCmp(t[k]) && (quoteStart || i > 0 && sqlEdge(t[i - 1]) || i == 0 && quote == 0)
          && (isLiteral(j, k) || t[j].is(Token.BAREWORD) && k == j + 1)
          && (isLiteral(j, k) || quoteStart || i == 0 && quote == 0)) {
        // "admin' or 'x' <": a probe that leaves the comparison for the server to complete
        return span(rule, i, k);
      }

      if (k < n && isCmp(t[k])) {
        int m = expression(k + 1);
        if (m < 0) {
          continue;
        }
        boolean litLeft = isLiteral(j, k);
        boolean litRight = isLiteral(skipNot(k + 1), m);
        if (sameWord(j, k, k + 1, m) && t[k].isWord("=")) {
          return span("tautology", i, m - 1);
        }
        boolean funcRight = k + 1 < n && (t[k + 1].is(Token.FUNCTION) || t[k + 1].is(Token.VARIABLE));
        boolean toEnd = m >= n || t[m].is(Token.SEMICOLON) && m == n - 1;
        if (i == 0 && quote == 0 && toEnd && (litLeft || litRight || funcLeft || funcRight
            || constant(j, k) || constant(k + 1, m))) {
          // the value starts inside a WHERE clause: " or 'a' = 'a'+''", "OR name = \""
          return span(rule, i, Math.min(m, n) - 1);
        }
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
      if (or && quoteStart && atEnd && isTruthy(j, k)
          && (k < n || trailingComment() || !t[k - 1].closed() || t[k - 1].is(Token.NUMBER))) {
        return span(rule, i, k - 1);
      }
    }
    return null;
  }

  /** True when the last raw token is a comment (truncating the rest of the server's query). */
  private boolean trailingComment() {
    return raw.length > 0 && raw[raw.length - 1].is(Token.COMMENT);
  }

  private int skipNot(int i) {
    int guard = 0;
    while (i < n && guard++ < 8 && (t[i].isWord("not") || t[i].isWord("-") || t[i].isWord("!"))) {
      i++;
    }
    return i;
  }

  /** Only numbers, short strings, arithmetic and parentheses: "-8", "(3)", "1+2". */
  private boolean constant(int from, int to) {
    if (from < 0 || to > n || to <= from) {
      return false;
    }
    boolean literal = false;
    for (int i = from; i < to; i++) {
      Token a = t[i];
      if (a.is(Token.NUMBER) || a.is(Token.STRING) && a.end() - a.start() <= 8) {
        literal = true;
      } else if (!(a.is(Token.LPAREN) || a.is(Token.RPAREN) || isArith(a))) {
        return false;
      }
    }
    return literal;
  }

  /** {@code a = a}: the same single bareword on both sides. */
  private boolean sameWord(int a0, int a1, int b0, int b1) {
    return a1 - a0 == 1 && b1 - b0 == 1 && t[a0].is(Token.BAREWORD) && t[b0].is(Token.BAREWORD)
        && t[a0].word().equals(t[b0].word());
  }

  /** A literal MySQL reads as true: a number, a string starting with a digit, TRUE. */
  private boolean isTruthy(int from, int to) {
    if (to - from != 1) {
      return false;
    }
    Token a = t[from];
    if (a.is(Token.STRING)) {
      int body = a.start() + 1;
      return body < a.end() && body < text.length() && text.charAt(body) >= '1' && text.charAt(body) <= '9';
    }
    return a.is(Token.NUMBER) || a.isWord("true");
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
        case "<@":
        case "@>":
        case "->":
        case "->>":
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
    while (j < n && (t[j].isWord("-") || t[j].isWord("+") || t[j].isWord("~") || t[j].isWord("!")
        || t[j].isWord("not"))) {
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


  // ------------------------------------------------- expression parser (fingerprint rule)

  private static final int EV_CMP = 1;
  private static final int EV_LOGIC = 2;
  private static final int EV_ARITH = 4;
  private static final int EV_FUNC = 8;
  private static final int EV_SELECT = 16;
  private static final int EV_VAR = 32;
  private static final int EV_WORDOP = 64;
  private static final int EV_NUMLOGIC = 128;
  private static final int EV_CASE = 256;
  private static final int EV_CALL = 512;
  private static final int EV_CAST = 1024;
  private static final int MAX_DEPTH = 24;

  /** Evidence bits collected by the current parse. */
  private int ev;
  /** Parse steps left; keeps the parser linear-bounded on any token stream. */
  private int budget;

  /**
   * Parses {@code t[p..]} as one SQL expression. Returns the index after it, or -1 when the
   * tokens do not form an expression. Unclosed groups at the very end are accepted (truncated
   * payloads rely on the server's query to close them).
   */
  private int expr(int p, int depth) {
    if (depth > MAX_DEPTH || --budget < 0) {
      return -1;
    }
    int q = unaryPrimary(p, depth);
    int guard = 0;
    while (q > 0 && q < n && guard++ < 64 && --budget >= 0) {
      Token op = t[q];
      int next;
      if (op.is(Token.LOGIC)) {
        ev |= EV_LOGIC;
        next = q + 1;
      } else if (isCmp(op)) {
        ev |= op.is(Token.OPERATOR) && !op.isWord("sounds") && !op.isWord("like") && !op.isWord("rlike")
            && !op.isWord("regexp") && !op.isWord("glob") ? EV_CMP : EV_CMP | EV_WORDOP;
        next = q + 1;
        if (op.isWord("sounds") && next < n && t[next].isWord("like")) {
          next++;
        }
        if (op.isWord("is")) {
          while (next < n && t[next].isWord("not")) {
            next++;
          }
        }
      } else if (isArith(op)) {
        ev |= op.is(Token.OPERATOR) ? EV_ARITH : EV_WORDOP;
        next = q + 1;
      } else if (op.isWord("not") && q + 1 < n && (isCmp(t[q + 1]))) {
        ev |= EV_CMP | EV_WORDOP;
        next = q + 2;
      } else if (op.isWord("collate") && q + 1 < n && t[q + 1].isOperand()) {
        ev |= EV_WORDOP;
        q += 2;
        continue;
      } else if (op.isWord("::") && q + 1 < n && (t[q + 1].is(Token.BAREWORD) || t[q + 1].is(Token.KEYWORD))) {
        // PostgreSQL cast "x::int", "::double precision"
        ev |= EV_CAST;
        q += 2;
        if (q < n && t[q].is(Token.BAREWORD) && t[q - 1].isWord("double")) {
          q++;
        }
        continue;
      } else {
        break;
      }
      int r = unaryPrimary(next, depth);
      if (r < 0) {
        return -1;
      }
      if ((op.is(Token.LOGIC)) && (t[next].is(Token.NUMBER) || t[q - 1].is(Token.NUMBER))) {
        ev |= EV_NUMLOGIC;
      }
      q = r;
    }
    return q;
  }

  private int unaryPrimary(int p, int depth) {
    int guard = 0;
    while (p < n && guard++ < 64 && (t[p].isWord("-") || t[p].isWord("+") || t[p].isWord("!")
        || t[p].isWord("~") || t[p].isWord("not") || t[p].isWord("binary"))) {
      if (t[p].isWord("binary")) {
        ev |= EV_WORDOP; // MySQL "BINARY x" cast
      }
      p++;
    }
    if (p >= n) {
      return -1;
    }
    Token a = t[p];
    switch (a.type()) {
      case Token.NUMBER:
      case Token.STRING:
        return p + 1;
      case Token.BAREWORD:
        if (p + 1 < n && t[p + 1].is(Token.LPAREN) && t[p + 1].start() == a.end()) {
          ev |= EV_CALL; // user-defined or unlisted function
          return group(p + 1, depth, true);
        }
        return p + 1;
      case Token.VARIABLE:
        ev |= EV_VAR;
        return p + 1;
      case Token.FUNCTION:
        if (p + 1 < n && t[p + 1].is(Token.LPAREN)) {
          int before = ev;
          ev = 0;
          int r = group(p + 1, depth, true);
          int inner = ev;
          ev = before | inner | EV_CALL | (r < 0 ? 0 : funcEvidence(a, p + 1, r, inner));
          return r;
        }
        return -1;
      case Token.LPAREN:
        return group(p, depth, false);
      case Token.KEYWORD:
        if (a.isWord("null") || a.isWord("true") || a.isWord("false") || a.isWord("unknown")
            || a.isWord("current_user") || a.isWord("session_user") || a.isWord("system_user")) {
          return p + 1;
        }
        if (a.isWord("case")) {
          if (p + 1 < n && (t[p + 1].isWord("when") || p + 3 < n && t[p + 2].isWord("when"))) {
            ev |= EV_CASE;
          }
          for (int i = p + 1; i < n && --budget >= 0; i++) {
            if (t[i].isWord("end")) {
              return i + 1;
            }
            if (t[i].is(Token.OTHER) || t[i].is(Token.SEMICOLON)) {
              return -1;
            }
          }
          return n;
        }
        if (a.isWord("exists") && p + 1 < n && t[p + 1].is(Token.LPAREN)) {
          return group(p + 1, depth, false);
        }
        return -1;
      default:
        return -1;
    }
  }

  /** Evidence a call contributes: SQL-shaped arguments, not "Version (2.0)" in a product name. */
  private int funcEvidence(Token f, int open, int end, int inner) {
    int args = end - open - 2;
    if (args <= 0 || (inner & (EV_FUNC | EV_VAR | EV_SELECT)) != 0) {
      return EV_FUNC;
    }
    int commas = 0;
    for (int i = open + 1; i < end && i < n; i++) {
      if (t[i].is(Token.COMMA)) {
        commas++;
      }
    }
    return commas > 0 && SqlWords.isStrongFunction(f.word()) ? EV_FUNC : 0;
  }

  /** {@code ( expr-list )}, {@code ( select ... )}; {@code t[open]} is the parenthesis. */
  private int group(int open, int depth, boolean call) {
    int p = open + 1;
    if (p >= n) {
      return n;
    }
    if (t[p].is(Token.RPAREN)) {
      return p + 1;
    }
    if (t[p].is(Token.VERB) && t[p].isWord("select")) {
      ev |= EV_SELECT;
      int d = 0;
      for (int i = p + 1; i < n && --budget >= 0; i++) {
        Token x = t[i];
        if (x.is(Token.OTHER) || x.is(Token.SEMICOLON)) {
          return -1;
        }
        if (x.is(Token.FUNCTION)) {
          ev |= EV_FUNC;
        }
        if (x.is(Token.LPAREN)) {
          d++;
        } else if (x.is(Token.RPAREN)) {
          if (d == 0) {
            return i + 1;
          }
          d--;
        }
      }
      return n;
    }
    int guard = 0;
    while (guard++ < 64) {
      p = expr(p, depth + 1);
      if (p < 0) {
        return -1;
      }
      if (p >= n) {
        return n;
      }
      if (t[p].is(Token.RPAREN)) {
        return p + 1;
      }
      if (t[p].is(Token.COMMA) || call && (t[p].isWord("as") || t[p].isWord("from") || t[p].isWord("for")
          || t[p].isWord("using"))) {
        p++;
        if (p < n && isSqlType(t[p].word()) && call) {
          p++;
          if (p < n && t[p].is(Token.RPAREN)) {
            return p + 1;
          }
        }
        continue;
      }
      return -1;
    }
    return -1;
  }

  /**
   * {@code A' = 'B}: an operator alone between the closing and the reopening quote. Data such as
   * {@code SMALL "&" SIGN} has the same tokens, so only short single-quoted operands count.
   */
  private boolean shortOperandsAroundOperator() {
    return quote == '\'' && t[0].end() - t[0].start() <= 4 && t[2].end() - t[2].start() <= 4;
  }

  /** A trailing comment that a database would honour, not "word--" at the end of a token. */
  private boolean qualifiedTrailingComment() {
    if (!trailingComment()) {
      return false;
    }
    Token c = raw[raw.length - 1];
    if (!"--".equals(c.word())) {
      return true;
    }
    boolean blankBefore = c.start() > 0 && SqlLexer.isBlank(text.charAt(c.start() - 1));
    boolean blankAfter = c.start() + 2 < text.length() && SqlLexer.isBlank(text.charAt(c.start() + 2));
    boolean afterParen = raw.length > 1 && (raw[raw.length - 2].is(Token.RPAREN) || raw[raw.length - 2].is(Token.STRING));
    // in a quote context "x'=email--" ends the query right there
    boolean atEnd = quote != 0 && c.end() == text.length() && c.end() - c.start() == 2;
    return blankBefore || blankAfter || afterParen || atEnd;
  }

  /**
   * The whole value is one SQL expression with SQL-only evidence: operators between literals
   * closed off by a comment, a sub-select, SQL function calls, or (in a quote context) an
   * expression that the server's own closing quote completes ({@code A' = 'B}).
   */
  private Match fingerprint() {
    if (n == 0) {
      return null;
    }
    ev = 0;
    budget = 4096;
    int from = 0;
    if (quote == 0 && t[0].is(Token.LOGIC) && n > 1) {
      // " or 1 --", " OR x=y--": the value continues a WHERE clause
      ev |= EV_LOGIC;
      from = 1;
    }
    int e = expr(from, 0);
    if (e < 0) {
      return null;
    }
    int end = e;
    if (end + 2 == n && t[end].isWord("as") && t[end + 1].isOperand() && (ev & EV_SELECT) != 0) {
      end = n;
    }
    if (end < n && t[end].is(Token.SEMICOLON) && end == n - 1) {
      end = n;
    }
    if (end != n) {
      return null;
    }
    boolean comment = qualifiedTrailingComment() || trailingComment() && (ev & EV_VAR) != 0;
    if (quote != 0) {
      if (!t[0].is(Token.STRING) || !t[0].closed() || n < 2) {
        return null;
      }
      Token last = t[n - 1];
      boolean completes = last.is(Token.STRING) && !last.closed() && last.quote() == quote;
      int strong = EV_CMP | EV_ARITH | EV_WORDOP | EV_FUNC | EV_SELECT | EV_VAR | EV_NUMLOGIC | EV_CASE | EV_CALL;
      if (n == 3 && !comment) {
        if (!shortOperandsAroundOperator()) {
          return null;
        }
        strong |= EV_LOGIC;
      }
      if ((completes || comment) && (ev & strong) != 0) {
        return span("fingerprint", 0, n - 1);
      }
      return null;
    }
    if (comment && ev != 0) {
      return span("fingerprint", 0, n - 1);
    }
    if ((ev & (EV_SELECT | EV_FUNC)) != 0 && (ev & (EV_SELECT | EV_VAR | EV_CMP | EV_ARITH | EV_WORDOP)) != 0) {
      return span("fingerprint", 0, n - 1);
    }
    if ((ev & EV_SELECT) != 0 || (ev & EV_FUNC) != 0 && n >= 3 || (ev & EV_CASE) != 0) {
      return span("fingerprint", 0, n - 1);
    }
    if ((ev & EV_CAST) != 0 && (ev & (EV_CALL | EV_CMP | EV_LOGIC)) != 0) {
      return span("fingerprint", 0, n - 1);
    }
    if ((ev & EV_LOGIC) != 0 && (ev & EV_CMP) != 0 && constantsOnly()) {
      return span("fingerprint", 0, n - 1);
    }
    return null;
  }

  /** "1=1" alone: a tautology probe with nothing else in the value. */
  private Match bareTautology() {
    if (quote == 0 && n == 3 && t[0].is(Token.NUMBER) && t[1].isWord("=") && t[2].is(Token.NUMBER)
        && text.regionMatches(t[0].start(), text, t[2].start(), Math.max(t[0].end() - t[0].start(), t[2].end() - t[2].start()))) {
      return span("tautology", 0, 2);
    }
    return null;
  }

  /** "(1)or(1)=(1)": boolean algebra on constants only, which no text spells. */
  private boolean constantsOnly() {
    for (int i = 0; i < n; i++) {
      if (t[i].is(Token.BAREWORD) || t[i].is(Token.STRING) && t[i].end() - t[i].start() > 6) {
        return false;
      }
    }
    return true;
  }


  /**
   * A value that is itself a statement: "select 1,concat(user,0x3a,pass) from admin--",
   * "select @@version", "drop sampletable;--". Plain "select x from y where" stays quiet: the
   * select list must hold literals, variables or calls, which column names in prose do not.
   */
  private Match leadingStatement() {
    int i = quote == 0 ? 0 : 1;
    if (quote != 0 && (n < 2 || !t[0].closed())) {
      return null;
    }
    while (i < n && t[i].is(Token.LPAREN) && i < 4) {
      i++;
    }
    if (i >= n) {
      return null;
    }
    Token v = t[i];
    if (v.isWord("select")) {
      int j = i + 1;
      while (j < n && (t[j].isWord("distinct") || t[j].isWord("all"))) {
        j++;
      }
      if (j < n && t[j].isWord("top") && j + 1 < n && t[j + 1].is(Token.NUMBER)) {
        j += 2;
      }
      if (j + 2 < n && t[j].isWord("*") && t[j + 1].isWord("from") && t[j + 2].is(Token.BAREWORD)
          && quote == 0 && (j + 3 == n || t[j + 3].is(Token.SEMICOLON) || trailingComment() && j + 3 == n)) {
        return span("select-statement", i, j + 2);
      }
      ev = 0;
      budget = 4096;
      int first = j;
      int guard = 0;
      while (j < n && guard++ < 64) {
        int e = expr(j, 0);
        if (e < 0) {
          return null;
        }
        j = e;
        if (j < n && t[j].isWord("as") && j + 1 < n && t[j + 1].isOperand()) {
          j += 2;
        } else if (j < n && t[j].is(Token.BAREWORD) && (ev & (EV_VAR | EV_CALL)) != 0
            && (j + 1 == n || t[j + 1].is(Token.COMMA) || t[j + 1].isWord("from"))) {
          j++; // "select @version foo": an alias
        }
        if (j < n && t[j].is(Token.COMMA)) {
          j++;
          continue;
        }
        break;
      }
      int lit = first;
      while (lit < n && lit < first + 8 && (t[lit].is(Token.LPAREN) || t[lit].isWord("-"))) {
        lit++;
      }
      boolean listLiteral = lit < n && (t[lit].is(Token.NUMBER) || t[lit].is(Token.STRING)
          || t[lit].is(Token.VARIABLE) || t[lit].isWord("null") || t[lit].isWord("current_user"));
      for (int x = first; x < j && !listLiteral; x++) {
        listLiteral = t[x].is(Token.NUMBER) || t[x].is(Token.VARIABLE);
      }
      boolean end = j >= n || t[j].isWord("from") || t[j].isWord("into") || t[j].isWord("limit")
          || t[j].is(Token.UNION) || t[j].is(Token.SEMICOLON) || t[j].is(Token.RPAREN) || t[j].isWord("where");
      boolean strong = (ev & (EV_FUNC | EV_VAR | EV_SELECT | EV_CALL)) != 0
          || listLiteral && j < n && t[j].is(Token.SEMICOLON)
          || listLiteral && j < n && (t[j].isWord("from") || t[j].isWord("into"))
          || listLiteral && j > first + 1 && t[j - 1].isOperand() && hasComma(first, j);
      if (end && strong) {
        return span("select-statement", i, Math.max(i, j - 1));
      }
      return null;
    }
    if (quote == 0 && i == 0 && (v.isWord("drop") || v.isWord("exec") || v.isWord("execute")
        || v.isWord("declare") || v.isWord("shutdown") || v.isWord("waitfor") || v.isWord("truncate")
        || v.isWord("insert") || v.isWord("delete") || v.isWord("create"))) {
      if (statement(i)) {
        return span("stacked-query", i, Math.min(i + 1, n - 1));
      }
      if (v.isWord("drop") && i + 1 < n && t[i + 1].is(Token.BAREWORD)
          && (i + 2 == n && trailingComment() || i + 2 < n && t[i + 2].is(Token.SEMICOLON))) {
        return span("stacked-query", i, i + 1);
      }
    }
    return null;
  }

  private boolean hasComma(int from, int to) {
    for (int i = from; i < to && i < n; i++) {
      if (t[i].is(Token.COMMA)) {
        return true;
      }
    }
    return false;
  }

  /** "-1#", "1 --", "1/*": a bare number whose remainder of the query is commented out. */
  private Match numberComment() {
    if (quote != 0 || !trailingComment() || n == 0 || n > 2) {
      return null;
    }
    boolean number = n == 1 && t[0].is(Token.NUMBER) || n == 2 && t[0].isWord("-") && t[1].is(Token.NUMBER);
    if (!number) {
      return null;
    }
    Token c = raw[raw.length - 1];
    int body = c.start() + c.word().length();
    boolean separated = "/*".equals(c.word()) || body >= text.length() || SqlLexer.isBlank(text.charAt(body))
        || c.start() > 0 && SqlLexer.isBlank(text.charAt(c.start() - 1));
    // "1#IND" / "1#SNAN" are number formats, "-1#" and "1 -- x" are truncations
    return separated ? new Match("comment-truncation", t[0].start(), c.end()) : null;
  }

  /** Word prefixes naming database-internal objects ({@link #isSystemObject(Token)}). */
  static final java.util.List<String> SYSTEM_PREFIXES = java.util.List.of(
      "information_schema", "xp_cmdshell", "master..", "mysql.user", "sysibm.", "syscat.");

  /** Whole words naming database-internal objects ({@link #isSystemObject(Token)}). */
  static final java.util.Set<String> SYSTEM_NAMES = java.util.Set.of(
      "xp_dirtree", "xp_regread", "xp_fileexist", "sp_password", "sp_executesql", "sp_oacreate",
      "sp_makewebtask", "sp_addlogin", "pg_catalog", "pg_shadow", "sysobjects", "syscolumns",
      "sysdatabases", "msysaccessobjects", "sqlite_master", "mysql.db", "tempdb", "msdb",
      "all_tables", "user_tables");

  /**
   * Bit {@code c0 << 7 | c1} set when a system prefix or name starts with the ASCII characters
   * {@code c0 c1}, and the length of the shortest: most words are rejected on these looks,
   * without hashing them.
   */
  private static final long[] SYSTEM_PAIRS = new long[128 * 128 / 64];
  private static final int SYSTEM_MIN;

  // Loops, not streams: class initialisation runs at cold start, interpreted.
  static {
    int min = Integer.MAX_VALUE;
    for (java.util.Collection<String> words : java.util.List.of(SYSTEM_PREFIXES, SYSTEM_NAMES)) {
      for (String w : words) {
        int pair = w.charAt(0) << 7 | w.charAt(1); // every entry is ASCII and longer than one
        SYSTEM_PAIRS[pair >> 6] |= 1L << (pair & 63);
        min = Math.min(min, w.length());
      }
    }
    SYSTEM_MIN = min == Integer.MAX_VALUE ? 0 : min;
  }

  /**
   * False when the token's word is too short or its first two characters start no system
   * prefix or name (both ASCII, so a non-ASCII character there rules the word out).
   */
  private static boolean maybeSystemObject(Token a) {
    if (a.wordLength() < SYSTEM_MIN) {
      return false;
    }
    char c0 = a.wordCharAt(0);
    char c1 = a.wordCharAt(1);
    if (c0 >= 128 || c1 >= 128) {
      return false;
    }
    int pair = c0 << 7 | c1;
    return (SYSTEM_PAIRS[pair >> 6] & (1L << (pair & 63))) != 0;
  }

  /** Whether the token's word names a system object, read without making a lazy word's string. */
  private static boolean isSystemObject(Token a) {
    if (!maybeSystemObject(a)) {
      return false;
    }
    for (String prefix : SYSTEM_PREFIXES) {
      if (a.wordStartsWith(prefix)) {
        return true;
      }
    }
    // One look-up by hash instead of comparing with each name.
    int h = a.wordHash();
    for (int i = systemSlot(h, SYSTEM_TABLE.length); SYSTEM_TABLE[i] != null; i = (i + 1) & (SYSTEM_TABLE.length - 1)) {
      if (SYSTEM_TABLE[i].hashCode() == h && a.isWord(SYSTEM_TABLE[i])) {
        return true;
      }
    }
    return false;
  }

  /** {@link #SYSTEM_NAMES} in an open-addressing table by {@link String#hashCode}; size a power of two. */
  private static final String[] SYSTEM_TABLE = systemTable();

  private static String[] systemTable() {
    String[] t = new String[Integer.highestOneBit(SYSTEM_NAMES.size() * 4)];
    for (String w : SYSTEM_NAMES) {
      int i = systemSlot(w.hashCode(), t.length);
      while (t[i] != null) {
        i = (i + 1) & (t.length - 1);
      }
      t[i] = w;
    }
    return t;
  }

  private static int systemSlot(int h, int size) {
    return (h ^ (h >>> 16)) * 0x9E3779B1 >>> 16 & (size - 1);
  }

  /**
   * 0x73656c656374...: a hex literal that spells SQL (ASCII or UTF-16LE), the shape of
   * "declare @s varchar(99) select @s = 0x... exec(@s)". Decodes at most 96 bytes per literal.
   */
  private Match hexEncoded() {
    for (int i = 0; i < n; i++) {
      Token a = t[i];
      if (a.is(Token.VERB) && (a.isWord("exec") || a.isWord("execute")) && i + 2 < n && t[i + 1].is(Token.LPAREN)
          && t[i + 2].is(Token.VARIABLE)) {
        return span("stacked-query", i, i + 2);
      }
      if (!a.is(Token.NUMBER) || a.end() - a.start() < 12 || text.charAt(a.start()) != '0'
          || (text.charAt(a.start() + 1) | 0x20) != 'x') {
        continue;
      }
      StringBuilder sb = new StringBuilder();
      int limit = Math.min(a.end(), a.start() + 2 + 192);
      for (int p = a.start() + 2; p + 1 < limit; p += 2) {
        int b = Character.digit(text.charAt(p), 16) * 16 + Character.digit(text.charAt(p + 1), 16);
        if (b > 0) {
          sb.append(Character.toLowerCase((char) b));
        }
      }
      String d = sb.toString();
      if (d.contains("select") || d.contains("waitfor") || d.contains("union") || d.contains("exec")
          || d.contains("drop ") || d.contains("insert") || d.contains("declare") || d.contains("sleep(")
          || d.contains("@@version")) {
        return span("hex-encoded", i, i);
      }
    }
    return null;
  }

  /** "benchmark(", "concat (": a probe that ends right after an SQL function's parenthesis. */
  private Match functionFragment() {
    if (n < 2 || n > 8 || !t[n - 1].is(Token.LPAREN) || !t[n - 2].is(Token.FUNCTION) || trailingComment()) {
      return null;
    }
    return span("fingerprint", n - 2, n - 1);
  }

  /** ORDER BY n, GROUP BY ... HAVING, HAVING with a comparison, after a literal. */
  private Match clauses() {
    for (int i = 0; i + 2 < n + 1; i++) {
      Token a = t[i];
      // every branch needs the word order/group/having, which only a keyword or a `quoted`
      // bareword carries, or a ")": skip the rest without computing the edge
      if (!(a.is(Token.KEYWORD) || a.is(Token.RPAREN) || a.is(Token.BAREWORD) && a.quote() == '`')) {
        continue;
      }
      boolean start = i == 0 && quote == 0 || quote != 0 && i == 1 && t[0].closed();
      boolean edge = start || i > 0 && sqlEdge(t[i - 1]);
      if (a.isWord("order") && i + 3 < n && t[i + 1].isWord("by") && t[i + 2].is(Token.FUNCTION)
          && t[i + 3].is(Token.LPAREN) && i > 0 && sqlEdge(t[i - 1])) {
        return span("order-by", i, i + 3);
      }
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
      if (a.is(Token.RPAREN) && i == 0 && quote == 0 && i + 3 < n && t[i + 1].isWord("as")
          && (t[i + 2].isOperand()) && t[i + 3].isWord("from")) {
        // ") AS alias FROM": the tail of an injected select list
        return span("fingerprint", i, i + 3);
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
    while (i < raw.length && (raw[i].is(Token.RPAREN) || raw[i].is(Token.SEMICOLON)) && i < 4) {
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

  /**
   * SELECT/**{@literal /}password, UN/**{@literal /}ION: a block comment used as a separator or
   * inside a keyword. Comments glued to SQL keywords on both sides are not how text uses them.
   */
  private Match commentObfuscation() {
    for (int i = 1; i + 1 < raw.length; i++) {
      Token c = raw[i];
      if (!c.is(Token.COMMENT) || !"/*".equals(c.word()) || !c.closed()) {
        continue;
      }
      Token a = raw[i - 1];
      Token b = raw[i + 1];
      if (a.end() != c.start() || b.start() != c.end()) {
        continue;
      }
      boolean sqlA = a.is(Token.UNION) || a.is(Token.VERB) || a.is(Token.LOGIC) || a.is(Token.KEYWORD) && !a.isWord("null");
      boolean sqlB = b.is(Token.UNION) || b.is(Token.VERB) || b.isWord("from") || b.isWord("where");
      boolean split = a.word() != null && b.word() != null && (a.is(Token.BAREWORD) && b.is(Token.BAREWORD))
          && a.word().length() + b.word().length() <= 12 && splitKeyword(a.word() + b.word());
      if (sqlA && (b.isOperand() || b.is(Token.FUNCTION) || sqlB || b.is(Token.LPAREN)) && !b.is(Token.STRING)
          || sqlB && (a.isOperand() || a.is(Token.RPAREN)) || split) {
        return new Match("comment-obfuscation", a.start(), b.end());
      }
    }
    return null;
  }

  private static boolean splitKeyword(String w) {
    char c = SqlWords.classOf(w);
    return c == 'U' || c == 'E' || c == '&' || "from".equals(w) || "where".equals(w);
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
