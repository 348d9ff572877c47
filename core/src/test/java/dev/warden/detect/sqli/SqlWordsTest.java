package dev.warden.detect.sqli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlWordsTest {

  @Test
  void classOf_wordInSeveralRows_firstRowWins() {
    assertThat(SqlWords.classOf("insert")).isEqualTo('E'); // E row, then f row
    assertThat(SqlWords.classOf("database")).isEqualTo('k'); // k row, then F row
    assertThat(SqlWords.classOf("mod")).isEqualTo('o'); // o row, then f row
    assertThat(SqlWords.classOf("sleep")).isEqualTo('F');
    assertThat(SqlWords.classOf("union")).isEqualTo('U');
    assertThat(SqlWords.classOf("and")).isEqualTo('&');
  }

  @Test
  void classOf_unknownOrNotLowerCase_zero() {
    assertThat(SqlWords.classOf("orders")).isEqualTo((char) 0);
    assertThat(SqlWords.classOf("SELECT")).isEqualTo((char) 0);
    assertThat(SqlWords.classOf("")).isEqualTo((char) 0);
  }

  @Test
  void functions_firstFunctionRowWins_keywordRowsIgnored() {
    assertThat(SqlWords.isFunction("insert")).isTrue();
    assertThat(SqlWords.isStrongFunction("insert")).isFalse(); // f only
    assertThat(SqlWords.isStrongFunction("database")).isTrue(); // k, then F
    assertThat(SqlWords.isStrongFunction("benchmark")).isTrue();
    assertThat(SqlWords.isFunction("select")).isFalse(); // E only
    assertThat(SqlWords.isFunction("union")).isFalse();
  }

  @Test
  void find_anyAsciiCase_sharedWordAndItsClass() {
    String text = "x SeLeCt y";
    int i = SqlWords.find(text, 2, 8, "select".hashCode());
    assertThat(i).isNotNegative();
    assertThat(SqlWords.wordAt(i)).isEqualTo("select");
    assertThat(SqlWords.classAt(i)).isEqualTo('E');
    assertThat(SqlWords.find("selects", 0, 7, "selects".hashCode())).isEqualTo(-1);
  }

  @Test
  void tokenWords_keywordClassesOnce_noFunctionsOnly() {
    String[] words = SqlWords.tokenWords();
    assertThat(words).contains("union", "select", "insert", "from", "database", "and", "like")
        .doesNotHaveDuplicates()
        .doesNotContain("sleep", "count", "");
    for (String w : words) {
      assertThat(w).isEqualTo(w.toLowerCase(java.util.Locale.ROOT));
      assertThat("UEk&o").contains(String.valueOf(SqlWords.classOf(w)));
    }
    assertThat(words).hasSize(112);
  }
}
