package dev.warden.detect.sqli;

import java.util.ArrayList;
import java.util.List;

/**
 * Second look of {@link SqlPrefilter} at a value that holds SQL punctuation: proves, without
 * lexing the whole value, that no rule of {@link SqlGrammar} fires on it. Aimed at what requests
 * carry every time: prose with parentheses, semicolons and {@code %}, {@code Accept} and
 * {@code Accept-Language} headers, user agents, URLs.
 *
 * <p><b>What the value must be.</b> {@link #ruledOut} says "yes" only when the value is at most
 * {@link SqliDetector#MAX_CHARS} long and has none of {@code ' " ` @ #}, no {@code --},
 * {@code ||}, {@code &&}, {@code ::}, {@code :=}, {@code /*!}, no {@code /*} that a later
 * {@code *}{@code /} closes, no non-ASCII letter, no {@code 0x} followed by ten hex digits. Then
 * only the as-is context is lexed (quote contexts need a quote), for the value and, when it starts
 * with {@code name=}, for the rest ({@link SqliDetector#valueAfterName}); and up to the first
 * {@code /*} (the "end"; a comment that runs to the end of the value, so the last raw token) the
 * lexer makes no string, variable, backtick word, line or closed comment, {@code ||}/{@code &&},
 * {@code ::} or non-ASCII word. So every {@code ( ) , ; ? :} and blank before the end stands
 * alone: the parentheses are the {@code (} {@code )} tokens (paren depth is a count of
 * characters), blanks lie between tokens, and a position after a blank or after {@code )} starts
 * a token. {@link SqlLexer#tokenAt} read from such a position yields the tokens the lexing of the
 * value (or of its {@code name=} rest: same end, and {@code parenAfter} only looks forward) yields.
 *
 * <p><b>Words.</b> The word scan of {@link SqlPrefilter} finds every place a word token can start
 * (run starts, and ends of numbers inside a run; see {@code SqlPrefilter.wordIn}). At each, the
 * rest of the run is looked up whole in {@link #KIND}, and against the dot-free system prefixes:
 * <ul>
 *   <li>{@code union, select, case, having, outfile, dumpfile} and the first pieces of the system
 *       names and prefixes: any of them makes the answer "no proof";</li>
 *   <li>{@code order} and {@code group}: "no proof" when the lexer word after the run and blanks
 *       is {@code by} (every branch of {@code clauses()} that reads them wants {@code by} as the
 *       next token, and no other rule reads them);</li>
 *   <li>the functions {@code functions()} reports ({@code sleep}, {@code floor}, ...): "no proof"
 *       when {@code (} follows the run after blanks (a function token's word is the last dotted
 *       piece of its word, which ends where the run ends, and {@code parenAfter} skips only blanks
 *       here, the one comment being unclosed). A dotted run longer than 40 characters, which the
 *       lexer cuts, is "no proof";</li>
 *   <li>{@code and, or, xor} (the only logic tokens left): see {@code logic()} below.</li>
 * </ul>
 *
 * <p><b>Rule by rule</b> in {@code SqlGrammar.decide()}, as-is context ({@code quote == 0}):
 * <ul>
 *   <li>union-select needs {@code union}; versioned-comment {@code /*!}; comment-obfuscation a
 *       closed block comment; comment-truncation a quote context.</li>
 *   <li>stacked-query needs a {@code ;} followed by a word {@code statement()} accepts; each
 *       {@code ;} is checked: the lexer word after it and blanks must not be one of those verbs.
 *       Its leading form (leadingStatement) needs the first token to be {@code drop},
 *       {@code exec}, ... ({@link #LEADING}), checked per context.</li>
 *   <li>blind-time, error-based and file-access need a function above or {@code into outfile};
 *       {@code waitfor delay} needs a string.</li>
 *   <li>order-by and having need {@code order by}, {@code group by} or {@code having}, or a
 *       {@code )} as the first token (checked per context); select-statement needs {@code select};
 *       system-object the system words; hex-encoded a long {@code 0x} number or
 *       {@code exec(@v)}.</li>
 *   <li>functionFragment needs {@code (} as the last token: the last non-blank character before
 *       the end.</li>
 *   <li>tautology/blind-boolean ({@code logic()}): every branch needs, after the logic token and
 *       the expression {@code expression(j)} there, a comparison ({@code isCmp}), or a
 *       {@code select}, or {@code t[j]} a function, or a quote. When the token after
 *       {@code and/or/xor} is a bareword or number, the expression is that one token (an operator
 *       token would be needed to go on), so the next token must be an operator or one of the
 *       keywords {@code is in between} for any branch: the two tokens are read and checked.</li>
 *   <li>fingerprint, number-comment and bare tautology ({@code 1=1}) need the whole context to
 *       parse as one expression. The parser at the top level only stands on tokens at paren depth
 *       0 (groups return after their matching {@code )}; {@code case ... end}, which skips
 *       parentheses, needs {@code case}); what it passes over without standing on is a group's
 *       inside (depth above 0) or one token after {@code ::}, {@code collate}, {@code sounds},
 *       {@code is}, {@code not}, {@code binary}. So it stops, and the rule gives up, at or before
 *       a token at depth 0 or below that is a {@code ,} {@code ?} {@code :}, a {@code ;} that
 *       another token follows (the parse may end only on a last {@code ;}), or that is a bareword,
 *       number, function, verb, keyword other than {@code is in between collate} (the parse may
 *       end on {@code as} only after a sub-select, which needs {@code select}), {@code (} or
 *       {@code ,} right after a number, a bareword other than
 *       {@code binary}/{@code double} (and not a bareword right before its {@code (}: a call), or
 *       a {@code )} that closes to depth 0: no operator there, and the parser stands on it in
 *       operator position. Such a stop is searched among the first {@link SqlLexer#MAX_TOKENS}
 *       characters of the context (tokens beyond the cap are never made). The same stop rules
 *       out number-comment ({@code -1#}, at most two tokens) and bare tautology ({@code 1=1}).</li>
 * </ul>
 *
 * <p>Stateless and thread-safe (one instance per call). Linear in the value's length: one pass,
 * at most {@link #MAX_PEEKS} tokens read ahead, each a bounded look; never throws.
 */
final class SqlShape {

  /** Any occurrence: no proof. */
  private static final byte DANGER = 1;
  /** A function {@code functions()} reports: no proof when {@code (} follows. */
  private static final byte CALL = 2;
  /** A logic operator: the two tokens after it are checked. */
  private static final byte LOGIC = 3;
  /** {@code order}, {@code group}: no proof when {@code by} follows. */
  private static final byte CLAUSE = 4;

  private static final String[] BY = {"by"};

  /** Tokens read ahead per value; more makes the answer "no proof", keeping the work bounded. */
  static final int MAX_PEEKS = 48;

  /** Verbs {@code statement()} accepts after {@code ;}. */
  private static final String[] VERBS = {"select", "drop", "create", "alter", "truncate", "insert", "update",
      "delete", "if", "load", "call", "set", "grant", "use", "desc", "describe", "exec", "execute", "declare",
      "shutdown", "begin", "waitfor"};

  /** Verbs leadingStatement accepts as the first token of the as-is context. */
  static final String[] LEADING = {"drop", "exec", "execute", "declare", "shutdown", "waitfor", "truncate",
      "insert", "delete", "create"};

  private static final String[] NAMES;
  /** Hash ({@link #hash}) of each entry of {@link #NAMES}, compared before the characters. */
  private static final int[] HASHES;
  private static final byte[] KIND;
  private static final int MAX_LEN;

  // Loops, not streams: class initialisation runs at cold start, interpreted.
  static {
    List<String> words = new ArrayList<>();
    List<Byte> kinds = new ArrayList<>();
    for (String w : new String[] {"union", "select", "case", "having", "outfile", "dumpfile"}) {
      words.add(w);
      kinds.add(DANGER);
    }
    for (String w : new String[] {"order", "group"}) {
      words.add(w);
      kinds.add(CLAUSE);
    }
    for (String name : SqlGrammar.SYSTEM_NAMES) {
      words.add(firstPiece(name));
      kinds.add(DANGER);
    }
    for (String p : SqlGrammar.SYSTEM_PREFIXES) {
      if (p.indexOf('.') >= 0) {
        words.add(firstPiece(p));
        kinds.add(DANGER);
      }
      // the dot-free ones are matched as prefixes: SqlPrefilter.startsWithPrefix
    }
    for (String w : new String[] {"sleep", "pg_sleep", "benchmark", "randomblob", "receive_message",
        "extractvalue", "updatexml", "name_const", "gtid_subset", "json_keys", "st_latfromgeohash",
        "st_longfromgeohash", "st_pointfromgeohash", "xmltype", "get_host_name", "convert", "floor", "exp",
        "load_file"}) {
      words.add(w);
      kinds.add(CALL);
    }
    for (String w : new String[] {"and", "or", "xor"}) {
      words.add(w);
      kinds.add(LOGIC);
    }
    int size = Integer.highestOneBit(words.size() * 4);
    String[] names = new String[size];
    byte[] kind = new byte[size];
    int[] hashes = new int[size];
    int max = 0;
    for (int k = 0; k < words.size(); k++) {
      String w = words.get(k);
      max = Math.max(max, w.length());
      int i = slot(hash(w), size);
      while (names[i] != null && !names[i].equals(w)) {
        i = (i + 1) & (size - 1);
      }
      if (names[i] == null || kinds.get(k) == DANGER) {
        names[i] = w;
        hashes[i] = hash(w);
        kind[i] = kinds.get(k);
      }
    }
    NAMES = names;
    HASHES = hashes;
    KIND = kind;
    MAX_LEN = max;
  }

  private static String firstPiece(String w) {
    int dot = w.indexOf('.');
    return dot < 0 ? w : w.substring(0, dot);
  }

  private static int hash(String w) {
    int h = 0;
    for (int i = 0; i < w.length(); i++) {
      h = h * 31 + w.charAt(i);
    }
    return h;
  }

  private static int slot(int h, int size) {
    return (h ^ (h >>> 16)) * 0x9E3779B1 >>> 8 & (size - 1);
  }

  /** The pre-filter's word-character table: the same runs and hashes as its first look. */
  private static final char[] LOWER = SqlPrefilter.LOWER;

  private final String text;
  /** Start of the first {@code /*}, or the length; set by {@link #scan} before any other use. */
  private int end;
  private SqlLexer lexer;
  private int peeks;

  private SqlShape(String text) {
    this.text = text;
  }

  /** True only when no rule can fire on {@code text} (see the class comment). */
  static boolean ruledOut(String text) {
    return text.length() <= SqliDetector.MAX_CHARS && new SqlShape(text).quiet();
  }

  private boolean quiet() {
    if (!scan()) {
      return false;
    }
    if (!contextQuiet(0)) {
      return false;
    }
    int v = SqliDetector.valueAfterName(text);
    return v <= 0 || contextQuiet(v);
  }

  /**
   * One pass: the characters refused, the end (first {@code /*}), and over {@code [0, end)} the
   * words, semicolons, long hex numbers, cut dotted words and a last {@code (}.
   */
  private boolean scan() {
    String s = text;
    // one copy that the loop reads without String.charAt's checks per character
    char[] cs = s.toCharArray();
    int n = cs.length;
    int run = -1; // start of the current run of ASCII word characters, or -1
    int digit = -1; // first digit of the run, or -1
    int h = 0; // hash of the run so far
    int chain = -1; // start of the current run of word characters and dots, or -1
    boolean dot = false; // whether that run has a dot
    // Until a "/*" is met the end is the length: the forward looks made meanwhile (a "(" after a
    // function name, the word after ";") stop at the "/" of a "/*" anyway.
    end = n;
    for (int i = 0; i < n; i++) {
      char c = cs[i];
      char l = c < 128 ? LOWER[c] : 0;
      if (l != 0) {
        if (run < 0) {
          run = i;
          digit = -1;
          h = 0;
          if (chain < 0) {
            chain = i;
          }
        }
        h = h * 31 + l;
        if (l <= '9') {
          if (digit < 0) {
            digit = i;
          }
          if (l == '0' && i + 1 < n && (cs[i + 1] | 0x20) == 'x' && longHex(i + 2, n)) {
            return false; // hexEncoded decodes 0x numbers of 12 characters or more
          }
        }
        continue;
      }
      if (run >= 0) {
        if (!runQuiet(run, i, h, digit)) {
          return false;
        }
        run = -1;
      }
      if (c == '.') {
        if (chain < 0) {
          chain = i;
        }
        dot = true;
        continue;
      }
      if (dot && i - chain > 40) {
        return false; // the lexer cuts the word, maybe inside its last piece
      }
      chain = -1;
      dot = false;
      if (c >= 128) {
        if (Character.isLetter(c)) {
          return false;
        }
        continue;
      }
      switch (c) {
        case '\'':
        case '"':
        case '`':
        case '@':
        case '#':
          return false;
        case '-':
        case '|':
        case '&':
          if (i + 1 < n && cs[i + 1] == c) {
            return false;
          }
          break;
        case ':':
          if (i + 1 < n && (cs[i + 1] == ':' || cs[i + 1] == '=')) {
            return false;
          }
          break;
        case ';':
          if (wordIs(i + 1, VERBS)) {
            return false;
          }
          break;
        case '/':
          if (i + 1 < n && cs[i + 1] == '*') {
            if (i + 2 < n && cs[i + 2] == '!' || s.indexOf("*/", i + 2) >= 0) {
              return false;
            }
            // the rest is one comment; only a quote there still matters (quote contexts)
            end = i;
            return s.indexOf('\'', i) < 0 && s.indexOf('"', i) < 0 && lastNotParen();
          }
          break;
        default:
          break;
      }
    }
    if (run >= 0 && !runQuiet(run, n, h, digit)) {
      return false;
    }
    if (dot && n - chain > 40) {
      return false;
    }
    return lastNotParen();
  }

  /** Whether the last non-blank character before the end is not {@code (} (functionFragment). */
  private boolean lastNotParen() {
    int j = end - 1;
    while (j >= 0 && SqlLexer.isBlank(text.charAt(j))) {
      j--;
    }
    return j < 0 || text.charAt(j) != '(';
  }

  private boolean longHex(int from, int n) {
    int i = from;
    while (i < n && i - from < 10 && isHex(text.charAt(i))) {
      i++;
    }
    return i - from >= 10;
  }

  /** Every word the lexer could start in the run {@code [from, to)} (as SqlPrefilter.wordIn). */
  private boolean runQuiet(int from, int to, int h, int digit) {
    if (isWordStart(text.charAt(from)) && !wordQuiet(from, to, h)) {
      return false;
    }
    if (digit < 0) {
      return true;
    }
    int suffix = 0;
    int power = 1;
    for (int p = to - 1; p > digit; p--) {
      char c = text.charAt(p);
      suffix += LOWER[c] * power;
      power *= 31;
      if (to - p > MAX_LEN && (c | 0x20) != 'i' && (c | 0x20) != 'x') {
        continue;
      }
      char b = text.charAt(p - 1);
      if (isWordStart(c) && (isHex(b) || b == 'x' || b == 'X') && !wordQuiet(p, to, suffix)) {
        return false;
      }
    }
    return true;
  }

  /** The word {@code [from, to)} (hash {@code h}) as the class comment says. */
  private boolean wordQuiet(int from, int to, int h) {
    int len = to - from;
    if (len <= MAX_LEN) {
      for (int i = slot(h, NAMES.length); NAMES[i] != null; i = (i + 1) & (NAMES.length - 1)) {
        String w = NAMES[i];
        if (HASHES[i] == h && w.length() == len && text.regionMatches(true, from, w, 0, len)) {
          switch (KIND[i]) {
            case DANGER:
              return false;
            case CALL:
              return !parenNext(to);
            case CLAUSE:
              return !wordIs(to, BY);
            default:
              return logicQuiet(to);
          }
        }
      }
    }
    return !SqlPrefilter.startsWithPrefix(text, from);
  }

  /** Whether {@code (} follows {@code i} after blanks. */
  private boolean parenNext(int i) {
    int j = i;
    while (j < end && SqlLexer.isBlank(text.charAt(j))) {
      j++;
    }
    return j < end && text.charAt(j) == '(';
  }

  /** The two tokens after a logic word ending at {@code to}: a bareword or number, then no comparison. */
  private boolean logicQuiet(int to) {
    if (++peeks > MAX_PEEKS) {
      return false;
    }
    Token a = lexer().tokenAt(to);
    if (a == null || a.is(Token.COMMENT)) {
      return true;
    }
    if (!(a.is(Token.BAREWORD) || a.is(Token.NUMBER))) {
      return false;
    }
    Token b = lexer.token();
    if (b == null || b.is(Token.COMMENT)) {
      return true;
    }
    return !b.is(Token.OPERATOR) && !(b.is(Token.KEYWORD) && (b.isWord("is") || b.isWord("in") || b.isWord("between")));
  }

  /** The word after a {@code ;} at {@code from} and blanks is no verb of {@link #VERBS}. */
  private boolean afterSemicolonQuiet(int from) {
    return !wordIs(from, VERBS);
  }

  /** Whether the lexer word after blanks from {@code from} is one of {@code words}. */
  private boolean wordIs(int from, String[] words) {
    int j = from;
    while (j < end && SqlLexer.isBlank(text.charAt(j))) {
      j++;
    }
    if (j >= end || !isWordStart(text.charAt(j))) {
      return false;
    }
    int k = j;
    while (k < end && k - j <= 8 && (text.charAt(k) < 128 && LOWER[text.charAt(k)] != 0 || text.charAt(k) == '.')) {
      k++;
    }
    char first = (char) (text.charAt(j) | 0x20);
    for (String w : words) {
      if (w.length() == k - j && w.charAt(0) == first && text.regionMatches(true, j, w, 0, k - j)) {
        return true;
      }
    }
    return false;
  }

  /** The context lexed from {@code from}: its first token, and a stop for the expression parser. */
  private boolean contextQuiet(int from) {
    int p = from;
    while (p < end && SqlLexer.isBlank(text.charAt(p))) {
      p++;
    }
    if (p >= end || text.charAt(p) == ')' || wordIs(p, LEADING)) {
      return false;
    }
    return stops(p);
  }

  /** Whether the top-level parse of the context starting at {@code from} stops before its end. */
  private boolean stops(int from) {
    String s = text;
    int cap = from + SqlLexer.MAX_TOKENS; // a token starting before cap is among the first MAX_TOKENS
    int limit = Math.min(end, cap);
    int depth = 0;
    for (int i = from; i < limit; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '(':
          depth++;
          break;
        case ')':
          depth--;
          if (depth <= 0) {
            if (++peeks > MAX_PEEKS) {
              return false;
            }
            Token y = lexer().tokenAt(i + 1);
            if (y != null && y.start() < cap && stopper(y)) {
              return true;
            }
          }
          break;
        case ',':
        case '?':
        case ':':
          if (depth <= 0) {
            return true;
          }
          break;
        case ';':
          if (depth <= 0) {
            // a ";" ends the parse unless it is the last token
            int j = i + 1;
            while (j < limit && SqlLexer.isBlank(s.charAt(j))) {
              j++;
            }
            if (j < limit) {
              return true;
            }
          }
          break;
        default:
          if (depth <= 0 && (i == from || SqlLexer.isBlank(s.charAt(i - 1))) && !SqlLexer.isBlank(c)) {
            if (++peeks > MAX_PEEKS) {
              return false;
            }
            Token x = lexer().tokenAt(i);
            Token y = x == null ? null : lexer.token();
            if (y != null && y.start() < cap && stopper(y) && (x.is(Token.NUMBER) || x.is(Token.BAREWORD)
                && !x.isWord("binary") && !x.isWord("double") && !(y.is(Token.LPAREN) && y.start() == x.end()))) {
              return true;
            }
          }
          break;
      }
    }
    return false;
  }

  /** A token no operator branch of {@code expr()} takes. */
  private static boolean stopper(Token y) {
    switch (y.type()) {
      case Token.KEYWORD:
        // is/in/between compare, collate takes an operand; "as" ends a parse only with a select
        return !(y.isWord("is") || y.isWord("in") || y.isWord("between") || y.isWord("collate"));
      case Token.VERB:
      case Token.UNION:
      case Token.BAREWORD:
      case Token.NUMBER:
      case Token.FUNCTION:
      case Token.LPAREN:
      case Token.COMMA:
      case Token.DOT:
      case Token.OTHER:
        return true;
      default:
        return false;
    }
  }

  private SqlLexer lexer() {
    if (lexer == null) {
      lexer = SqlLexer.reader(text);
    }
    return lexer;
  }

  private static boolean isWordStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
