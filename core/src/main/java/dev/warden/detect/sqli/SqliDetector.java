package dev.warden.detect.sqli;

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
 * {@code order-by}, {@code having}, {@code comment-truncation}, {@code versioned-comment}.
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

  /** The first match over the three contexts, or null. */
  static SqlGrammar.Match analyse(String text) {
    SqlGrammar.Match m = SqlGrammar.decide(text, SqlLexer.lex(text, (char) 0), (char) 0);
    if (m == null && text.indexOf('\'') >= 0) {
      m = SqlGrammar.decide(text, SqlLexer.lex(text, '\''), '\'');
    }
    if (m == null && text.indexOf('"') >= 0) {
      m = SqlGrammar.decide(text, SqlLexer.lex(text, '"'), '"');
    }
    return m;
  }
}
