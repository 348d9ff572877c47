package dev.warden.detect.sqli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The decision stage on hand-picked token streams. */
class SqlGrammarTest {

  private static SqlGrammar.Match decide(String text) {
    return SqlGrammar.decide(text, SqlLexer.lex(text, (char) 0), (char) 0);
  }

  @Test
  void decide_twoSystemNamesAfterComment_reportsTheFirst() {
    String text = "see /* note */ MSDB then pg_shadow";
    SqlGrammar.Match m = decide(text);
    assertThat(m).isEqualTo(new SqlGrammar.Match("system-object", text.indexOf("MSDB"), text.indexOf("MSDB") + 4));
  }

  @Test
  void decide_systemNameLongerThanKeptWord_isFoundByPrefix() {
    String text = "x information_schema" + "_t".repeat(20);
    SqlGrammar.Match m = decide(text);
    assertThat(m).isEqualTo(new SqlGrammar.Match("system-object", 2, text.length()));
  }

  @Test
  void decide_proseSharingSystemNameLetters_isQuiet() {
    // first two letters of system names (ms, sy, sp, pg, ...) without the names
    assertThat(decide("msg system spare pgup mysqlish tempdbs all_table")).isNull();
  }
}
