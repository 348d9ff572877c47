package dev.warden.detect.sqli;

/**
 * One SQL token. {@code type} is a single character so that a token run reads as a short
 * fingerprint string (the libinjection idea): {@code s} string, {@code n} number, {@code v}
 * variable, {@code b} bareword, {@code k} keyword, {@code U} UNION, {@code E} statement verb,
 * {@code f} function name, {@code &} logic operator, {@code o} operator, {@code c} comment,
 * {@code (} {@code )} {@code ,} {@code ;} punctuation, {@code .} dot, {@code ?} anything else.
 *
 * <p>{@code word} holds the lower-cased word for keywords/functions/barewords (bounded length),
 * the operator text for operators, or the comment opener for comments. An ASCII bareword outside
 * the vocabulary (most words of prose) keeps only its range and makes the string on first use:
 * rules mostly compare words ({@link #isWord}), which needs no string.
 *
 * <p>Not thread-safe (the lazy word); tokens live within one inspection.
 */
final class Token {
  static final char STRING = 's';
  static final char NUMBER = 'n';
  static final char VARIABLE = 'v';
  static final char BAREWORD = 'b';
  static final char KEYWORD = 'k';
  static final char UNION = 'U';
  static final char VERB = 'E';
  static final char FUNCTION = 'f';
  static final char LOGIC = '&';
  static final char OPERATOR = 'o';
  static final char COMMENT = 'c';
  static final char LPAREN = '(';
  static final char RPAREN = ')';
  static final char COMMA = ',';
  static final char SEMICOLON = ';';
  static final char DOT = '.';
  static final char OTHER = '?';

  private final char type;
  private final int start;
  private final int end;
  private String word;
  private final char quote;
  private final boolean closed;
  /** Text of a lazy bareword, or null; its lower-cased word is {@code src[from, to)}. */
  private final String src;
  private final int from;
  private final int to;
  /** {@code word().hashCode()} of a lazy bareword, given by the lexer that read it. */
  private final int hash;

  Token(char type, int start, int end, String word, char quote, boolean closed) {
    this(type, start, end, word, quote, closed, null, 0, 0, 0);
  }

  private Token(char type, int start, int end, String word, char quote, boolean closed, String src, int from,
      int to, int hash) {
    this.type = type;
    this.start = start;
    this.end = end;
    this.word = word;
    this.quote = quote;
    this.closed = closed;
    this.src = src;
    this.from = from;
    this.to = to;
    this.hash = hash;
  }

  /**
   * A bareword {@code [start, end)} whose word is {@code src[from, to)} lower-cased; that range
   * holds ASCII characters only, so lower-casing is per character. {@code hash} is the
   * {@link String#hashCode} of that lower-case word.
   */
  static Token asciiBareword(int start, int end, String src, int from, int to, int hash) {
    return new Token(BAREWORD, start, end, null, (char) 0, true, src, from, to, hash);
  }

  char type() {
    return type;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  char quote() {
    return quote;
  }

  boolean closed() {
    return closed;
  }

  /** The word (see the class comment); made on first use for a lazy bareword. */
  String word() {
    if (word == null && src != null) {
      word = src.substring(from, to).toLowerCase(java.util.Locale.ROOT);
    }
    return word;
  }

  boolean is(char t) {
    return type == t;
  }

  /** Whether the word equals {@code w}, compared without making a lazy word's string. */
  boolean isWord(String w) {
    if (word != null || src == null) {
      return w.equals(word);
    }
    int len = to - from;
    if (w.length() != len) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      char c = src.charAt(from + k);
      if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != w.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the word starts with {@code p}, compared without making a lazy word's string. */
  boolean wordStartsWith(String p) {
    if (word != null || src == null) {
      return word != null && word.startsWith(p);
    }
    if (p.length() > to - from) {
      return false;
    }
    for (int k = 0; k < p.length(); k++) {
      char c = src.charAt(from + k);
      if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != p.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Length of the word, without making a lazy word's string. */
  int wordLength() {
    return word != null || src == null ? (word == null ? 0 : word.length()) : to - from;
  }

  /** {@code word().hashCode()}, computed without making a lazy word's string. */
  int wordHash() {
    if (src == null) {
      return word == null ? 0 : word.hashCode();
    }
    return hash;
  }

  /** Character {@code k} of the word ({@code k < wordLength()}), without making a lazy word's string. */
  char wordCharAt(int k) {
    if (word != null || src == null) {
      return word.charAt(k);
    }
    char c = src.charAt(from + k);
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** An operand: something a comparison can take on either side. */
  boolean isOperand() {
    return type == STRING || type == NUMBER || type == VARIABLE || type == BAREWORD;
  }
}
