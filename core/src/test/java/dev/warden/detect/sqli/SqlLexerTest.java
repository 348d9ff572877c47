package dev.warden.detect.sqli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden tests for the lexer stage: token types of one context, read as a fingerprint. */
class SqlLexerTest {

  private static String fingerprint(String text, char quote) {
    StringBuilder sb = new StringBuilder();
    for (Token t : SqlLexer.lex(text, quote)) {
      sb.append(t.type());
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0} [{1}] -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "1 union select 1,2              | 0 | nUEn,n",
      "1' or '1'='1                    | ' | s&sos",
      "admin'--                        | ' | sc",
      "0x41 0b101 1.5e3 .5             | 0 | nnnn",
      "@@version @a                    | 0 | vv",
      "x /*!50000union*/ y             | 0 | bcUcb",
      "a # rest of line                | 0 | bc",
      "a /* open comment               | 0 | bc",
      "sleep (1)                       | 0 | f(n)",
      "if (you want)                   | 0 | b(bb)",
      "if(1=1,1,0)                     | 0 | f(non,n,n)",
      "N'abc' X'41'                    | 0 | ss",
      "~a<=>b a!=b a||b~               | 0 | bobbobb&b",
      "`tbl` ; ,                       | 0 | b;,",
      "it''s                           | ' | s",
  })
  void lex_sample_producesFingerprint(String text, String ctx, String expected) {
    char quote = "0".equals(ctx) ? 0 : ctx.charAt(0);
    assertThat(fingerprint(text, quote)).isEqualTo(expected);
  }

  @Test
  void lex_plainBareword_comparesLowerCaseWithoutItsString() {
    Token[] t = SqlLexer.lex("Hello WORLD_1 " + "A".repeat(50), (char) 0);
    assertThat(t).hasSize(3);
    assertThat(t[1].isWord("world_1")).isTrue();
    assertThat(t[1].isWord("WORLD_1")).isFalse();
    assertThat(t[1].wordStartsWith("world")).isTrue();
    assertThat(t[1].wordLength()).isEqualTo(7);
    assertThat(t[0].word()).isEqualTo("hello");
    // words are kept to 40 characters, lazy or not
    assertThat(t[2].isWord("a".repeat(40))).isTrue();
    assertThat(t[2].word()).isEqualTo("a".repeat(40));
  }

  @Test
  void lex_asciiBareword_wordHashIsHashOfItsWord() {
    // the lexer hashes a word while reading it; a word over 40 characters keeps (and hashes)
    // only its first 40
    Token[] t = SqlLexer.lex("Hello MiXeD.Dotted_1 " + "Ab".repeat(25), (char) 0);
    assertThat(t).hasSize(3);
    for (Token tok : t) {
      assertThat(tok.wordHash()).as(tok.word()).isEqualTo(tok.word().hashCode());
    }
  }

  @Test
  void lex_wordWithNonAsciiLetter_staysOneBareword() {
    Token[] t = SqlLexer.lex("Stra\u00dfeNAME.x UNION", (char) 0);
    assertThat(t).hasSize(2);
    assertThat(t[0].type()).isEqualTo(Token.BAREWORD);
    assertThat(t[0].word()).isEqualTo("stra\u00dfename.x");
    assertThat(t[1].type()).isEqualTo(Token.UNION);
  }
}
