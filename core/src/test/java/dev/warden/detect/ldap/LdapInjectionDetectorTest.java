package dev.warden.detect.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import dev.warden.normalize.Normalizer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LdapInjectionDetectorTest {

  private final LdapInjectionDetector detector = new LdapInjectionDetector();

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
    "*)(uid=*))(|(uid=*#filter-breakout",
    ")(cn=*#filter-breakout",
    "admin*)((|userPassword=*)#filter-breakout",
    "*)(&#filter-breakout",
    "jdoe)(objectClass>=a#filter-breakout",
    "x(|(mail=*)#filter-composite",
    "(&(uid=a)#filter-composite",
    "*()|&'#metachar-probe",
  })
  void inspect_filterInjection_firesRule(String value, String rule) {
    assertThat(detector.inspect(Input.value(Source.QUERY, "query.user", value)))
        .hasValueSatisfying(f -> assertThat(f.rule()).isEqualTo(rule));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "See the docs (page 3) (and the appendix)", "f(x)(y)", "admin*", "O'Brien (Sales) & Co",
    "(a)(1)", "Does the * shine bright?", "!@#$%^&*()`~", "mailto:a@b.c (home)", "((()))", ":-) (-:",
    "{\"q\": \"(x)\"}", "a | b & c", "<>?:\"{}|_+", "price (USD)(EUR=1.1)", "see (a)(b=c)",
  })
  void inspect_benignParentheses_noFinding(String value) {
    assertThat(detector.inspect(Input.value(Source.QUERY, "q", value))).isEmpty();
  }

  @Test
  void inspect_hostileHugeInputs_boundedAndNeverThrows() {
    String[] units = {")(", ")((", "(|", "(|(", "*", ")( ", ")(a", "\ud800"};
    dev.warden.testing.Megabytes.assertBounded(detector, units);
  }

  @Test
  void corpus_ldapDetector_reportsRateAndNoFalsePositives() {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    assertThat(samples).isNotEmpty();
    Evaluation ev = Evaluation.run(samples, List.of(detector), Normalizer.standard());
    System.out.println(ev.summary());
    System.out.println("ldap misses: " + ev.perClass.get("ldap").misses);
    System.out.println("false positives: " + ev.falsePositives);
    // Seven samples, mostly bare probes (admin*, */*): the rate is reported, not floored.
    assertThat(ev.perClass.get("ldap").hits).isGreaterThanOrEqualTo(3);
    assertThat(ev.falsePositives).hasSizeLessThanOrEqualTo(2);
  }
}
