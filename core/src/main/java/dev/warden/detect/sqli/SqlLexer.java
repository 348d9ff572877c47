package dev.warden.detect.sqli;

import java.util.Locale;

/**
 * Hand-written SQL lexer, one pass, no regular expressions. Knows enough of the MySQL, MSSQL,
 * PostgreSQL and Oracle lexical grammar to split attacker input the way a database would:
 * quoted strings (with {@code ''} and backslash escapes, {@code N'..'}/{@code X'..'} prefixes),
 * numbers (decimal, {@code 0x..}, {@code 0b..}, exponents), {@code --}, {@code #} and block
 * comments, MySQL versioned comments {@code /*!50000 ... *}{@code /} whose body is lexed as code,
 * variables, operators and words.
 *
 * <p>Quote context (after libinjection): the input is usually spliced into a query inside a
 * quoted literal, so when {@code quote} is {@code '} or {@code "} the text up to the first
 * unescaped such quote is one string token and lexing continues after it.
 *
 * <p>Bounded: at most {@link #MAX_TOKENS} tokens are produced and every character is examined a
 * small constant number of times (a word's look-ahead for {@code (} re-reads only the blanks and
 * comments the next token starts with). Not thread-safe; create one per call.
 */
final class SqlLexer {

  /** Tokens produced per context; attacks sit in the first tokens of a value. */
  static final int MAX_TOKENS = 384;
  /** Lower-cased word text kept per token; longer words are still one bareword. */
  private static final int MAX_WORD = 40;

  private final String s;
  private final int n;
  /** Whether the text has a {@code (} anywhere; without one no word is a function call. */
  private final boolean hasParen;
  private int pos;
  private int versioned;

  private SqlLexer(String s) {
    this.s = s;
    this.n = s.length();
    this.hasParen = s.indexOf('(') >= 0;
  }

  /**
   * A lexer that reads {@code text} in the as-is context from any position {@link #tokenAt} is
   * given. Started where the as-is lexing of {@code text} (or of a suffix of it) starts a token,
   * and with no {@code /*!} in the text before that point, it yields the tokens that lexing does.
   */
  static SqlLexer reader(String text) {
    return new SqlLexer(text);
  }

  /** The token starting at {@code p} after blanks, or null at the end; {@link #token} reads on. */
  Token tokenAt(int p) {
    pos = p;
    return next();
  }

  /** The token after the last one read, or null at the end. */
  Token token() {
    return next();
  }

  /** Tokens of {@code text} read in the given quote context ({@code 0} for as-is). */
  static Token[] lex(String text, char quote) {
    return new SqlLexer(text).run(quote);
  }

  private Token[] run(char quote) {
    // Every token consumes at least one character, plus the leading literal: never more than the
    // text's length + 1 tokens. The array starts small and doubles, so neither short values (most
    // of them) nor long prose clear a large array per lexing.
    int cap = Math.min(MAX_TOKENS, n + 2);
    Token[] out = new Token[Math.min(cap, 16)];
    int count = 0;
    if (quote != 0) {
      // The first quote ends the server's literal even after a backslash: an application that
      // escapes quotes by prefixing "\" turns the attacker's "\'" into "\\'", which closes it.
      int end = firstQuoteEnd(quote);
      boolean closed = end <= n;
      out[count++] = new Token(Token.STRING, 0, Math.min(end, n), "", quote, closed);
      pos = Math.min(end, n);
    }
    while (count < cap) {
      Token t = next();
      if (t == null) {
        break;
      }
      if (count == out.length) {
        out = java.util.Arrays.copyOf(out, Math.min(cap, out.length * 2));
      }
      out[count++] = t;
    }
    return count == out.length ? out : java.util.Arrays.copyOf(out, count);
  }

  private int firstQuoteEnd(char q) {
    int i = 0;
    while (i < n) {
      if (s.charAt(i) == q) {
        if (i + 1 < n && s.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return n + 1;
  }

  /**
   * End (exclusive) of a string whose body starts at {@code from} and is closed by {@code q}:
   * the index after the closing quote, or {@code n} when unterminated.
   */
  private int stringEnd(int from, char q) {
    int i = from;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == q) {
        if (i + 1 < n && s.charAt(i + 1) == q) {
          i += 2; // doubled quote is an escaped quote inside the literal
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return n + 1; // marker: unterminated
  }

  private Token next() {
    skipBlanks();
    if (pos >= n) {
      return null;
    }
    int start = pos;
    char c = s.charAt(pos);
    if (c < 128 && ASCII_WORD_START[c]) {
      return word(start); // most tokens: none of the tests below takes an ASCII word start
    }
    if (c == '\'' || c == '"') {
      return string(start, start + 1, c);
    }
    if (c == '`') {
      int e = s.indexOf('`', pos + 1);
      int end = e < 0 ? n : e + 1;
      pos = end;
      return new Token(Token.BAREWORD, start, end, lower(start + 1, Math.max(start + 1, e < 0 ? n : e)), '`', e >= 0);
    }
    if (isDigit(c) || (c == '.' && pos + 1 < n && isDigit(s.charAt(pos + 1)))) {
      return number(start);
    }
    if (c == '@' && pos + 1 < n && s.charAt(pos + 1) == '>') {
      pos += 2;
      return new Token(Token.OPERATOR, start, pos, "@>", (char) 0, true);
    }
    if (c == '@') {
      int i = pos + 1;
      if (i < n && s.charAt(i) == '@') {
        i++;
      }
      while (i < n && isWordChar(s.charAt(i))) {
        i++;
      }
      pos = i;
      return new Token(Token.VARIABLE, start, i, lower(start, i), (char) 0, true);
    }
    if (c == '-' && pos + 1 < n && s.charAt(pos + 1) == '-') {
      return lineComment(start, "--");
    }
    if (c == '-' && pos + 1 < n && s.charAt(pos + 1) == '>') {
      pos += pos + 2 < n && s.charAt(pos + 2) == '>' ? 3 : 2;
      return new Token(Token.OPERATOR, start, pos, s.substring(start, pos), (char) 0, true);
    }
    if (c == '#') {
      return lineComment(start, "#");
    }
    if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '*') {
      if (pos + 2 < n && s.charAt(pos + 2) == '!') {
        // MySQL executes the body of /*! ... */ (optionally version-gated): lex it as code.
        int i = pos + 3;
        int digits = 0;
        while (i < n && digits < 6 && isDigit(s.charAt(i))) {
          i++;
          digits++;
        }
        pos = i;
        versioned++;
        return new Token(Token.COMMENT, start, i, "/*!", (char) 0, true);
      }
      int e = s.indexOf("*/", pos + 2);
      int end = e < 0 ? n : e + 2;
      pos = end;
      return new Token(Token.COMMENT, start, end, "/*", (char) 0, e >= 0);
    }
    if (c == '*' && versioned > 0 && pos + 1 < n && s.charAt(pos + 1) == '/') {
      versioned--;
      pos += 2;
      return new Token(Token.COMMENT, start, pos, "*/", (char) 0, true);
    }
    if (isWordStart(c)) {
      return word(start);
    }
    pos++;
    switch (c) {
      case '(':
        return new Token(Token.LPAREN, start, pos, "(", (char) 0, true);
      case ')':
        return new Token(Token.RPAREN, start, pos, ")", (char) 0, true);
      case ',':
        return new Token(Token.COMMA, start, pos, ",", (char) 0, true);
      case ';':
        return new Token(Token.SEMICOLON, start, pos, ";", (char) 0, true);
      case '.':
        return new Token(Token.DOT, start, pos, ".", (char) 0, true);
      case '|':
      case '&':
        if (pos < n && s.charAt(pos) == c) {
          pos++;
          return new Token(Token.LOGIC, start, pos, c == '|' ? "||" : "&&", (char) 0, true);
        }
        return new Token(Token.OPERATOR, start, pos, oneChar(c), (char) 0, true);
      case '<':
      case '>':
      case '!':
      case '=':
      case ':':
        return operator(start, c);
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case '^':
      case '~':
        return new Token(Token.OPERATOR, start, pos, oneChar(c), (char) 0, true);
      default:
        return new Token(Token.OTHER, start, pos, oneChar(c), (char) 0, true);
    }
  }

  private Token operator(int start, char c) {
    // longest match among <=> <= >= <> != !< !> == := << >>
    if (pos < n) {
      char d = s.charAt(pos);
      boolean two = (c == '<' && (d == '=' || d == '>' || d == '<')) || (c == '>' && (d == '=' || d == '>'))
          || (c == '!' && (d == '=' || d == '<' || d == '>')) || (c == '=' && d == '=') || (c == ':' && d == '=');
      if (two) {
        pos++;
        if (c == '<' && d == '=' && pos < n && s.charAt(pos) == '>') {
          pos++;
        }
      }
    }
    if (c == ':' && pos < n && s.charAt(pos) == ':') {
      pos++;
      return new Token(Token.OPERATOR, start, pos, "::", (char) 0, true);
    }
    if (c == '<' && pos == start + 1 && pos < n && s.charAt(pos) == '@') {
      pos++;
      return new Token(Token.OPERATOR, start, pos, "<@", (char) 0, true);
    }
    if (c == ':' && pos == start + 1) {
      return new Token(Token.OTHER, start, pos, ":", (char) 0, true);
    }
    return new Token(Token.OPERATOR, start, pos, s.substring(start, pos), (char) 0, true);
  }

  private Token string(int start, int bodyFrom, char q) {
    int end = stringEnd(bodyFrom, q);
    boolean closed = end <= n;
    end = Math.min(end, n);
    pos = end;
    return new Token(Token.STRING, start, end, "", q, closed);
  }

  private Token lineComment(int start, String opener) {
    int i = pos + opener.length();
    while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
      i++;
    }
    pos = i;
    return new Token(Token.COMMENT, start, i, opener, (char) 0, true);
  }

  private Token number(int start) {
    int i = pos;
    if (s.charAt(i) == '0' && i + 1 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
      i += 2;
      while (i < n && isHex(s.charAt(i))) {
        i++;
      }
    } else if (s.charAt(i) == '0' && i + 2 < n && (s.charAt(i + 1) == 'b' || s.charAt(i + 1) == 'B')
        && (s.charAt(i + 2) == '0' || s.charAt(i + 2) == '1')) {
      i += 2;
      while (i < n && (s.charAt(i) == '0' || s.charAt(i) == '1')) {
        i++;
      }
    } else {
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        i++;
        while (i < n && isDigit(s.charAt(i))) {
          i++;
        }
      }
      if (i + 1 < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
        int j = i + 1;
        if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
          j++;
        }
        if (j < n && isDigit(s.charAt(j))) {
          while (j < n && isDigit(s.charAt(j))) {
            j++;
          }
          i = j;
        }
      }
    }
    pos = i;
    return new Token(Token.NUMBER, start, i, "", (char) 0, true);
  }

  private Token word(int start) {
    String s = this.s;
    int n = this.n;
    int i = pos;
    boolean ascii = true;
    int h = 0; // String.hashCode of the lower-case form, for an ASCII word
    char ch;
    // ASCII word characters and dots (most words): one table load per character
    while (i < n && (ch = s.charAt(i)) < 128 && ASCII_WORD_LOWER[ch] != 0) {
      h = 31 * h + ASCII_WORD_LOWER[ch];
      i++;
    }
    if (i < n && s.charAt(i) >= 128 && Character.isLetter(s.charAt(i))) {
      // a non-ASCII letter: the word goes on, and is not looked up by its hash
      ascii = false;
      while (i < n && (isWordChar(ch = s.charAt(i)) || ch == '.')) {
        i++;
      }
    }
    // N'..', X'..', B'..', E'..' literals and _charset'..' introducers are strings.
    if (i < n && (s.charAt(i) == '\'') && (i - start == 1 && "nNxXbBeE".indexOf(s.charAt(start)) >= 0
        || s.charAt(start) == '_')) {
      return string(start, i + 1, '\'');
    }
    pos = i;
    String w;
    char cls;
    if (ascii) {
      // Most words are plain ASCII: a vocabulary word is found without allocating, and an ASCII
      // word outside the vocabulary has class 0 (its lower-case form is not a key either) and,
      // unless a "(" follows to make it a function, is a bareword whose string is made on demand.
      int found = SqlWords.find(s, start, i, h);
      String known = found < 0 ? null : SqlWords.wordAt(found);
      if (known == null && parenAfter(i) < 0) {
        // the lazy word keeps at most MAX_WORD characters; its hash is that of the kept part
        int to = Math.min(i, start + MAX_WORD);
        return Token.asciiBareword(start, i, s, start, to, to == i ? h : lowerHash(start, to));
      }
      w = known != null ? known : lower(start, i);
      cls = known != null ? SqlWords.classAt(found) : 0;
    } else {
      // toLowerCase may map a non-ASCII letter to ASCII (the Kelvin sign to "k"): look it up.
      w = lower(start, i);
      cls = SqlWords.classOf(w);
    }
    int paren = parenAfter(i);
    if (paren >= 0) {
      String last = w;
      int dot = w.lastIndexOf('.');
      if (dot >= 0 && dot + 1 < w.length()) {
        last = w.substring(dot + 1);
      }
      boolean immediate = paren == i;
      if (SqlWords.isStrongFunction(last) || (immediate && SqlWords.isFunction(last))) {
        return new Token(Token.FUNCTION, start, i, last, (char) 0, true);
      }
    }
    switch (cls) {
      case 'U':
      case 'E':
      case 'k':
      case '&':
      case 'o':
        return new Token(cls, start, i, w, (char) 0, true);
      default:
        return new Token(Token.BAREWORD, start, i, w, (char) 0, true);
    }
  }

  /** Index of a {@code (} following position {@code i} after blanks and block comments, or -1. */
  private int parenAfter(int i) {
    if (!hasParen) {
      return -1; // most values have no "(" at all: no need to look past each word
    }
    int j = i;
    int guard = 0;
    while (j < n && guard++ < 8) {
      char c = s.charAt(j);
      if (c == '(') {
        return j;
      }
      if (isBlank(c)) {
        while (j < n && isBlank(s.charAt(j))) {
          j++;
        }
        continue;
      }
      if (c == '/' && j + 1 < n && s.charAt(j + 1) == '*') {
        // only short comments between a name and its "(" (name/**/( evasion); bounded scan
        int e = j + 2;
        int limit = Math.min(n - 1, j + 64);
        while (e < limit && !(s.charAt(e) == '*' && s.charAt(e + 1) == '/')) {
          e++;
        }
        if (e >= limit) {
          return -1;
        }
        j = e + 2;
        continue;
      }
      return -1;
    }
    return -1;
  }

  private void skipBlanks() {
    while (pos < n && isBlank(s.charAt(pos))) {
      pos++;
    }
  }

  /** {@code String.hashCode} of ASCII {@code s[from, to)} lower-cased. */
  private int lowerHash(int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return h;
  }

  private String lower(int from, int to) {
    int end = Math.min(to, from + MAX_WORD);
    return s.substring(from, end).toLowerCase(Locale.ROOT);
  }

  static boolean isBlank(char c) {
    return c <= ' ' || c == '\u00a0' || c == '\u3000' || c == '\u2028' || c == '\u2029' || c == '\u0085';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isWordStart(char c) {
    return c < 128 ? ASCII_WORD_START[c] : Character.isLetter(c);
  }

  private static boolean isWordChar(char c) {
    return c < 128 ? ASCII_WORD_CHAR[c] : Character.isLetter(c);
  }

  /** ASCII word-start characters (letters, {@code _ $}) by code: one load instead of six tests. */
  private static final boolean[] ASCII_WORD_START = new boolean[128];
  /** ASCII word characters: word-start characters and digits. */
  private static final boolean[] ASCII_WORD_CHAR = new boolean[128];
  /** Lower-case form of each ASCII word character and of {@code .} (words may be dotted); 0 for others. */
  private static final char[] ASCII_WORD_LOWER = new char[128];
  /**
   * One-character operator and other-token words by ASCII code, made on first use and shared
   * instead of allocated per token (a race only makes an equal string twice).
   */
  private static final String[] ONE_CHAR = new String[128];

  static {
    for (char c = 0; c < 128; c++) {
      boolean start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
      ASCII_WORD_START[c] = start;
      ASCII_WORD_CHAR[c] = start || isDigit(c);
      if (ASCII_WORD_CHAR[c] || c == '.') {
        ASCII_WORD_LOWER[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      }
    }
  }

  /** {@code String.valueOf(c)}, shared for ASCII. */
  private static String oneChar(char c) {
    if (c >= 128) {
      return String.valueOf(c);
    }
    String one = ONE_CHAR[c];
    if (one == null) {
      one = String.valueOf(c);
      ONE_CHAR[c] = one;
    }
    return one;
  }
}
