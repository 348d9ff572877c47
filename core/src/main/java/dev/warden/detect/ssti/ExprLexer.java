package dev.warden.detect.ssti;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexes template-expression content into identifiers, numbers, string literals and single-char
 * operators. Shared by all template dialects: their expression syntaxes (Jinja, Twig, SpEL, OGNL,
 * EL, FreeMarker, Mako, ERB) agree on these token shapes. At most {@value #MAX_TOKENS} tokens.
 */
final class ExprLexer {

  static final int MAX_TOKENS = 256;

  enum Kind { IDENT, NUMBER, STRING, OP }

  record Token(Kind kind, String text) {
    boolean isOp(char c) {
      return kind == Kind.OP && text.charAt(0) == c;
    }
  }

  private ExprLexer() {}

  static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n && out.size() < MAX_TOKENS) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
          j++;
        }
        out.add(new Token(Kind.IDENT, s.substring(i, j)));
        i = j;
      } else if (c >= '0' && c <= '9') {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
          j++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(i, j)));
        i = j;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && s.charAt(j) != c) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        out.add(new Token(Kind.STRING, s.substring(i + 1, Math.min(j, n))));
        i = j + 1;
      } else {
        out.add(new Token(Kind.OP, String.valueOf(c)));
        i++;
      }
    }
    return out;
  }
}
