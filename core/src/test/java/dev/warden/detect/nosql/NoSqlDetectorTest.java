package dev.warden.detect.nosql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NoSqlDetectorTest {

  private final NoSqlDetector detector = new NoSqlDetector();

  private Optional<Finding> inspect(String text) {
    return detector.inspect(Input.value(Source.BODY, "body.q", text));
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " | ", quoteCharacter = '~', value = {
    "{\"user\": {\"$ne\": null}, \"pass\": {\"$ne\": null}} | query-operator",
    "{\"password\": {\"$gt\": \"\"}} | query-operator",
    "{\"name\": {\"$regex\": \"^adm\"}} | query-operator",
    "user[$ne]=x&pass[$ne]=x | query-operator",
    "login[$regex]=a.* | query-operator",
    "{ $expr: { $eq: [1, 1] } } | query-operator",
    "{$where: 'sleep(100)'} | js-operator",
    "1, $where: '1 == 1' | js-operator",
    "{\"$function\": {\"body\": \"x\"}} | js-operator",
    "{\"$accumulator\": {}} | js-operator",
    "'; return true; var x=' | server-side-js",
    "';sleep(5000);' | server-side-js",
    "' && this.password.match(/^a/)//  | server-side-js",
    "this.role == 'admin' | server-side-js",
    "db.users.find({}) | server-side-js",
    "x';db.getCollectionNames();' | server-side-js",
    "'||'1'=='1 | js-tautology",
    "admin' || 1==1// | js-tautology",
  })
  void inspect_mongoInjection_reportsRule(String text, String rule) {
    assertThat(inspect(text)).as(text).hasValueSatisfying(f -> {
      assertThat(f.rule()).isEqualTo(rule);
      assertThat(f.detector()).isEqualTo("nosql");
    });
  }

  @Test
  void inspect_operatorAsFieldName_queryOperator() {
    Optional<Finding> f = detector.inspect(Input.name(Source.QUERY, "query.$gt", "$gt"));
    assertThat(f).hasValueSatisfying(x -> assertThat(x.rule()).isEqualTo("query-operator"));
  }

  @Test
  void inspect_ordinaryFieldName_noFinding() {
    assertThat(detector.inspect(Input.name(Source.QUERY, "query.$price", "$price"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "red;$5 each",
    "Only $in stock items ship today, $ne is not a word",
    "Total: $10, tax: $gt 2",
    "It's the user's choice; return it tomorrow",
    "O'Brien's pub, 'the best' || worst",
    "a == b is a comparison",
    "this.state is managed by React",
    "db.session.add(user) then db.session.commit()",
    "{\"price\": \"$19.99\", \"currency\": \"USD\"}",
    "MongoDB supports $where and $regex operators, see the docs.",
    "SELECT * FROM t WHERE a = 'x' OR '1'='1'",
    "",
  })
  void inspect_pricesAndProse_noFinding(String text) {
    assertThat(inspect(text)).as(text).isEmpty();
  }

  @Test
  void inspect_adversarialMegabyte_staysBoundedAndQuiet() {
    String[] units = {"$", "'", "||", "[$ne", "this.", "db.", "\"$gt\"", "' && ", "'||'1'=='"};
    dev.warden.testing.Megabytes.assertBounded(detector, units);
  }

  @Test
  void inspect_garbage_neverThrows() {
    String[] inputs = {"\uD800", "$", "[$", "||", "'", "this.", "db.", "db.x.", "\u0000$ne\u0000"};
    for (String s : inputs) {
      assertThat(detector.inspect(Input.value(Source.BODY, "b", s))).isNotNull();
      assertThat(detector.inspect(Input.name(Source.BODY, "b", s))).isNotNull();
    }
  }
}
