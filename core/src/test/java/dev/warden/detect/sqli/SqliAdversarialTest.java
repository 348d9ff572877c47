package dev.warden.detect.sqli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile 1 MB values built from the lexer's expensive shapes. Each must be inspected without
 * throwing; the wall-clock bound is a generous backstop against super-linear work, not a benchmark.
 */
class SqliAdversarialTest {

  private static final int MB = 1 << 20;

  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("quotes", repeat("'", MB)),
        Arguments.of("double quotes", repeat("\"", MB)),
        Arguments.of("quote pairs", repeat("''", MB / 2)),
        Arguments.of("comment openers", repeat("/*", MB / 2)),
        Arguments.of("versioned openers", repeat("/*!", MB / 3)),
        Arguments.of("comment closers", repeat("*/", MB / 2)),
        Arguments.of("dashes", repeat("-", MB)),
        Arguments.of("open parens", repeat("(", MB)),
        Arguments.of("nested calls", repeat("concat(", MB / 7)),
        Arguments.of("or chain", repeat("' or '1'='1", MB / 11)),
        Arguments.of("union select chain", repeat("union select ", MB / 13)),
        Arguments.of("backticks", repeat("`", MB)),
        Arguments.of("word then comment", repeat("a/*", MB / 3)),
        Arguments.of("blanks then quote", repeat(" ", MB) + "'"),
        Arguments.of("backslashes", repeat("\\", MB)),
        Arguments.of("select list", "select " + repeat("1,", MB / 2)),
        Arguments.of("nested name=value", repeat("a=", MB / 2)),
        Arguments.of("comment glue", repeat("select/**/", MB / 10)),
        Arguments.of("unclosed string after payload", "1' or sleep(" + repeat("x", MB)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void inspect_hostileMegabyte_staysBounded(String name, String text) {
    SqliDetector d = new SqliDetector();
    long start = System.nanoTime();
    d.inspect(Input.value(Source.BODY, "body", text));
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("adversarial " + name + ": " + ms + " ms");
    assertThat(ms).as(name).isLessThan(2000);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void lex_hostileMegabyte_tokenCountCapped(String name, String text) {
    assertThat(SqlLexer.lex(text, (char) 0).length).isLessThanOrEqualTo(SqlLexer.MAX_TOKENS);
    assertThat(SqlLexer.lex(text, '\'').length).isLessThanOrEqualTo(SqlLexer.MAX_TOKENS);
  }

  private static String repeat(String s, int times) {
    return s.repeat(times);
  }
}
