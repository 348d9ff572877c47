package dev.warden.detect.sqli;

/**
 * One SQL token. {@code type} is a single character so that a token run reads as a short
 * fingerprint string (the libinjection idea): {@code s} string, {@code n} number, {@code v}
 * variable, {@code b} bareword, {@code k} keyword, {@code U} UNION, {@code E} statement verb,
 * {@code f} function name, {@code &} logic operator, {@code o} operator, {@code c} comment,
 * {@code (} {@code )} {@code ,} {@code ;} punctuation, {@code .} dot, {@code ?} anything else.
 *
 * <p>{@code word} holds the lower-cased word for keywords/functions/barewords (bounded length),
 * the operator text for operators, or the comment opener for comments.
 */
record Token(char type, int start, int end, String word, char quote, boolean closed) {

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

  boolean is(char t) {
    return type == t;
  }

  boolean isWord(String w) {
    return w.equals(word);
  }

  /** An operand: something a comparison can take on either side. */
  boolean isOperand() {
    return type == STRING || type == NUMBER || type == VARIABLE || type == BAREWORD;
  }
}
