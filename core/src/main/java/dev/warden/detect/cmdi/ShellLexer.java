package dev.warden.detect.cmdi;

import java.util.ArrayList;
import java.util.List;

/**
 * A small POSIX-shell-flavoured lexer for untrusted text. It does not execute or fully parse
 * anything; it finds the boundaries a shell would see (separators, substitutions, redirections)
 * and undoes the quoting tricks that hide command words from keyword filters:
 * {@code w'h'o'am'i}, {@code w\hoami}, {@code c$@at}, {@code c${KK}url}, {@code ping$()},
 * {@code /bi[n]/bash}; {@code ${IFS}} and {@code $IFS} act as word breaks.
 *
 * <p>A quote whose partner does not come before the next blank is not a quoted section but a
 * context break ({@link Kind#QUOTE}), as in the classic {@code ' whoami} or {@code "; id} where
 * the payload closes the application's own string.
 *
 * <p>Bounded: at most {@value #MAX_TOKENS} tokens; every look-ahead is capped; each character is
 * consumed once. Never throws.
 */
final class ShellLexer {

  static final int MAX_TOKENS = 4096;

  /** Longest {@code ${...}} or {@code [...]} looked into. */
  private static final int MAX_LOOK = 40;

  enum Kind { WORD, SEP, PIPE, SUBST, CLOSE, REDIR, QUOTE, LPAREN, LBRACE, FUNC }

  /** A token; {@code word} is the de-obfuscated lower-case text of a WORD. */
  record Tok(Kind kind, int start, int end, String word, boolean obfuscated) {}

  private ShellLexer() {
  }

  static List<Tok> lex(String s) {
    List<Tok> out = new ArrayList<>();
    // One builder for every word of the value, instead of one per word.
    StringBuilder buf = new StringBuilder(32);
    int n = s.length();
    int i = 0;
    boolean inBacktick = false;
    while (i < n && out.size() < MAX_TOKENS) {
      char c = s.charAt(i);
      char d = i + 1 < n ? s.charAt(i + 1) : 0;
      if (c == ' ' || c == '\t' || c == '\f' || c == '\u000b') {
        i++;
      } else if (c == '\n' || c == '\r' || c == ';') {
        out.add(new Tok(Kind.SEP, i, i + 1, null, false));
        i++;
      } else if (c == '|') {
        int len = d == '|' ? 2 : 1;
        out.add(new Tok(Kind.PIPE, i, i + len, null, false));
        i += len;
      } else if (c == '&') {
        if (d == '&') {
          out.add(new Tok(Kind.PIPE, i, i + 2, null, false));
          i += 2;
        } else {
          out.add(new Tok(Kind.SEP, i, i + 1, null, false));
          i++;
        }
      } else if (c == '`') {
        out.add(new Tok(inBacktick ? Kind.CLOSE : Kind.SUBST, i, i + 1, null, false));
        inBacktick = !inBacktick;
        i++;
      } else if ((c == '$' || c == '<' || c == '>') && d == '(') {
        out.add(new Tok(Kind.SUBST, i, i + 2, null, false));
        i += 2;
      } else if (c == '<' || c == '>') {
        int j = i + 1;
        while (j < n && j - i < 4 && (s.charAt(j) == '<' || s.charAt(j) == '>' || s.charAt(j) == '&')) {
          j++;
        }
        out.add(new Tok(Kind.REDIR, i, j, null, false));
        i = j;
      } else if (c == '(') {
        int j = skipBlanks(s, i + 1);
        if (j < n && s.charAt(j) == ')') {
          int k = skipBlanks(s, j + 1);
          if (k < n && s.charAt(k) == '{') {
            out.add(new Tok(Kind.FUNC, i, k + 1, null, false));
            i = k + 1;
            continue;
          }
        }
        out.add(new Tok(Kind.LPAREN, i, i + 1, null, false));
        i++;
      } else if (c == ')' || c == '}') {
        out.add(new Tok(Kind.CLOSE, i, i + 1, null, false));
        i++;
      } else if (c == '{' && (d == ' ' || d == '\t' || d == 0)) {
        out.add(new Tok(Kind.LBRACE, i, i + 1, null, false));
        i++;
      } else if (c == '#' && (i == 0 || s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
        // A shell comment: the rest of the line is not code.
        while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
          i++;
        }
      } else if ((c == '\'' || c == '"') && closingBeforeBlank(s, i) < 0) {
        out.add(new Tok(Kind.QUOTE, i, i + 1, null, false));
        i++;
      } else {
        i = word(s, i, out, buf);
      }
    }
    return out;
  }

  private static int skipBlanks(String s, int i) {
    int k = i;
    while (k < s.length() && k - i < MAX_LOOK && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
      k++;
    }
    return k;
  }

  /**
   * Index of the quote closing the one at {@code q}, if it comes before any blank or shell
   * metacharacter (then the quotes only hide letters, {@code w'h'o'am'i}); else -1.
   */
  private static int closingBeforeBlank(String s, int q) {
    char quote = s.charAt(q);
    for (int k = q + 1; k < s.length() && k - q <= 256; k++) {
      char c = s.charAt(k);
      if (c == quote) {
        return k;
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '|' || c == '&'
          || c == '`' || c == '<' || c == '>' || c == '(' || c == ')') {
        return -1;
      }
    }
    return -1;
  }

  private static boolean breaksWord(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '|' || c == '&'
        || c == '`' || c == '<' || c == '>' || c == '(' || c == ')' || c == '\f' || c == '\u000b';
  }

  /** Reads one word from {@code i}; returns the index after it. Always advances. */
  private static int word(String s, int i, List<Tok> out, StringBuilder w) {
    int n = s.length();
    int start = i;
    w.setLength(0);
    boolean obf = false;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '`' && i > start && i + 1 < n && s.charAt(i + 1) == '`') {
        // "wh``oami": an empty command substitution inside a word expands to nothing.
        obf = true;
        i += 2;
        continue;
      }
      if (breaksWord(c)) {
        break;
      }
      if (c == '$' && i + 1 < n && s.charAt(i + 1) == '\'') {
        // Bash ANSI-C quoting: $'\x77\x68\x6f' is "who" (bash manual, "ANSI-C Quoting").
        int end = ansiC(s, i + 2, w);
        if (end > 0) {
          obf = true;
          i = end;
          continue;
        }
      }
      if (c == '\'' || c == '"') {
        int close = closingBeforeBlank(s, i);
        if (close < 0) {
          break;
        }
        for (int k = i + 1; k < close; k++) {
          w.append(lower(s.charAt(k)));
        }
        // Quotes around part of a word only ('c'url, w"h"oami) hide it; "id" whole is plain.
        obf |= close > i + 1 && (i > start || (close + 1 < n && !breaksWord(s.charAt(close + 1))));
        i = close + 1;
        continue;
      }
      if (c == '\\' && i + 1 < n && !breaksWord(s.charAt(i + 1))) {
        w.append(lower(s.charAt(i + 1)));
        obf = true;
        i += 2;
        continue;
      }
      if (c == '$' && i + 1 < n) {
        char d = s.charAt(i + 1);
        if ("@*$_?!#-".indexOf(d) >= 0 || (d >= '0' && d <= '9')) {
          obf = true;
          i += 2;
          continue;
        }
        if (d == '(' && i + 2 < n && s.charAt(i + 2) == ')') {
          obf = true;
          i += 3;
          continue;
        }
        if (d == '(' && i > start) {
          break; // "x$(id)": the substitution starts a token of its own
        }
        if (d == '{') {
          int close = s.indexOf('}', i + 2);
          if (close > 0 && close - i <= MAX_LOOK) {
            String inner = s.substring(i + 2, close);
            if (inner.indexOf('`') >= 0 || inner.contains("$(")) {
              i += 2; // "${`id`}": lex the substitution inside
              obf = true;
              continue;
            }
            i = close + 1;
            if (inner.equalsIgnoreCase("IFS")) {
              break; // ${IFS} stands for a blank
            }
            if (inner.equalsIgnoreCase("SHELL")) {
              w.append("sh"); // "${SHELL} -c ..." runs the user's shell
              continue;
            }
            obf = true;
            continue;
          }
        }
        if (s.regionMatches(true, i + 1, "IFS", 0, 3)) {
          i += 4;
          break;
        }
        if (breaksWord(d)) {
          w.append('$');
          i++;
          break;
        }
        if (i > start && d >= 'a' && d <= 'z') {
          // "uname$u": an unset variable glued to a word expands to nothing.
          int k = i + 1;
          while (k < n && k - i <= 8 && ((s.charAt(k) >= 'a' && s.charAt(k) <= 'z') || s.charAt(k) == '_')) {
            k++;
          }
          if (k == n || breaksWord(s.charAt(k)) || s.charAt(k) == '$') {
            obf = true;
            i = k;
            continue;
          }
        }
      }
      if (c == '[' ) {
        int close = s.indexOf(']', i + 1);
        if (close > i + 1 && close - i <= 12) {
          char first = s.charAt(i + 1);
          w.append(close == i + 2 && first != '!' && first != '^' ? lower(first) : '?');
          obf = true;
          i = close + 1;
          continue;
        }
      }
      if (breaksWord(c)) {
        break;
      }
      if (c == '+' && i > start && i + 1 < n && "/-~.".indexOf(s.charAt(i + 1)) >= 0) {
        break; // "cat+/etc/passwd": '+' is a form-encoded blank before an argument
      }
      w.append(lower(c));
      i++;
    }
    if (i == start) {
      i++; // lone '$' or similar: consume so the lexer always advances
    }
    out.add(new Tok(Kind.WORD, start, i, w.toString(), obf));
    if (i < n && s.charAt(i) == '+' && i > start) {
      i++; // the '+' blank itself
    }
    return i;
  }

  /**
   * Decodes the body of {@code $'...'} from {@code from} (after the opening quote) into {@code w}:
   * {@code \xHH}, {@code \NNN} octal and the single-character escapes. Returns the index after
   * the closing quote, or -1 when there is none within {@code 4 * MAX_LOOK} characters (then the
   * text is not ANSI-C quoting and the caller goes on as before).
   */
  private static int ansiC(String s, int from, StringBuilder w) {
    int n = Math.min(s.length(), from + 4 * MAX_LOOK);
    StringBuilder tmp = new StringBuilder();
    int i = from;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\'') {
        w.append(tmp);
        return i + 1;
      }
      if (c == '\\' && i + 1 < n) {
        char e = s.charAt(i + 1);
        if (e == 'x') {
          int v = 0;
          int k = i + 2;
          while (k < n && k < i + 4 && Character.digit(s.charAt(k), 16) >= 0) {
            v = v * 16 + Character.digit(s.charAt(k), 16);
            k++;
          }
          tmp.append(lower((char) v));
          i = k;
          continue;
        }
        if (e >= '0' && e <= '7') {
          int v = 0;
          int k = i + 1;
          while (k < n && k < i + 4 && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
            v = v * 8 + (s.charAt(k) - '0');
            k++;
          }
          tmp.append(lower((char) (v & 0xff)));
          i = k;
          continue;
        }
        tmp.append(e == 'n' || e == 't' || e == 'r' ? ' ' : lower(e));
        i += 2;
        continue;
      }
      tmp.append(lower(c));
      i++;
    }
    return -1;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }
}
