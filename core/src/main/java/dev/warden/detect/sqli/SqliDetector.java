package dev.warden.detect.sqli;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.util.Optional;

/**
 * SQL injection detector (id {@code sqli}), built like libinjection: the value is lexed as SQL
 * in each context it may be spliced into (as-is, e.g. a numeric parameter; after a single quote;
 * after a double quote), comments are folded away, and grammar-aware rules decide whether the
 * token stream forms an injected SQL construct.
 *
 * <p>Rules (stable ids): {@code union-select}, {@code stacked-query}, {@code blind-time},
 * {@code error-based}, {@code file-access}, {@code tautology}, {@code blind-boolean},
 * {@code order-by}, {@code having}, {@code comment-truncation}, {@code comment-obfuscation},
 * {@code versioned-comment}, {@code select-statement}, {@code system-object}, {@code fingerprint}
 * (the whole value parses as an injected SQL expression).
 *
 * <p>Hostile input: no regular expressions; each context produces at most
 * {@link SqlLexer#MAX_TOKENS} tokens and the lexer reads each character a constant number of
 * times, so the work per value is linear in its length and bounded by a constant once the token
 * cap is reached. Quote contexts are only tried when the value contains that quote. Never throws
 * for any string, including lone surrogates and NUL characters; a value longer than
 * {@link #MAX_CHARS} is inspected on its first {@code MAX_CHARS} characters.
 *
 * <p>Stateless and thread-safe; public no-arg constructor for {@link java.util.ServiceLoader}.
 */
public final class SqliDetector implements Detector {

  /** Detector id. */
  public static final String ID = "sqli";

  /** Characters inspected per value; attacks are found in the first tokens of a value. */
  static final int MAX_CHARS = 64 * 1024;

  /** Creates the detector. */
  public SqliDetector() {}

  @Override
  public String id() {
    return ID;
  }

  /** Results depend on the text and name flag alone. */
  @Override
  public boolean textOnly() {
    return true;
  }

  /**
   * False when no rule can fire: no SQL punctuation, no SQL keyword or system-object name where
   * the lexer could start a word, no long hex literal; or no token shape a rule needs (a keyword
   * where a rule wants it, a comparison after {@code and}/{@code or}, a value that could parse as
   * one expression). The arguments are in {@link SqlPrefilter} and {@link SqlShape}.
   */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    return in.text().length() >= 2 && SqlPrefilter.mayMatch(in.text(), chars);
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    String text = in.text();
    if (text.length() < 2) {
      return Optional.empty();
    }
    if (text.length() > MAX_CHARS) {
      text = text.substring(0, MAX_CHARS);
    }
    SqlGrammar.Match m = analyse(text);
    if (m == null) {
      return Optional.empty();
    }
    return Optional.of(Finding.of(ID, m.rule(), in, m.start(), m.end()));
  }

  /** The first match over the three contexts, then over the value of a leading name=, or null. */
  static SqlGrammar.Match analyse(String text) {
    SqlGrammar.Match m = contexts(text);
    if (m == null) {
      int v = valueAfterName(text);
      if (v > 0) {
        // "pay=AND 7639=(": a name=value pair nested in the value (cookies, form bodies in a
        // field); the payload starts after the '='. One level only.
        SqlGrammar.Match inner = contexts(text.substring(v));
        if (inner != null) {
          m = new SqlGrammar.Match(inner.rule(), inner.start() + v, inner.end() + v);
        }
      }
    }
    return m;
  }

  private static SqlGrammar.Match contexts(String text) {
    SqlGrammar.Match m = SqlGrammar.decide(text, SqlLexer.lex(text, (char) 0), (char) 0);
    if (m == null && text.indexOf('\'') >= 0) {
      m = SqlGrammar.decide(text, SqlLexer.lex(text, '\''), '\'');
    }
    if (m == null && text.indexOf('"') >= 0) {
      m = SqlGrammar.decide(text, SqlLexer.lex(text, '"'), '"');
    }
    return m;
  }

  /** Index after a leading {@code name=} (name of at most 64 word characters), or -1. */
  static int valueAfterName(String text) {
    int i = 0;
    int limit = Math.min(text.length(), 64);
    while (i < limit) {
      char c = text.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        break;
      }
      i++;
    }
    if (i == 0 || i >= text.length() || text.charAt(i) != '=' || i + 1 >= text.length()) {
      return -1;
    }
    return i + 1;
  }
}
