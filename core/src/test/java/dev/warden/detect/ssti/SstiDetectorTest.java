package dev.warden.detect.ssti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SstiDetectorTest {

  private final SstiDetector detector = new SstiDetector();

  private Optional<Finding> inspect(String text) {
    return detector.inspect(Input.value(Source.QUERY, "query.q", text));
  }

  static Stream<Arguments> attacks() {
    return Stream.of(
        Arguments.of("{{7*7}}", "arithmetic-probe"),
        Arguments.of("${6*7}", "arithmetic-probe"),
        Arguments.of("#{2+2}", "arithmetic-probe"),
        Arguments.of("@(3*4)", "arithmetic-probe"),
        Arguments.of("[[9*9]]", "arithmetic-probe"),
        Arguments.of("{{ config.items() }}", "method-call"),
        Arguments.of("#{session.invalidate()}", "method-call"),
        Arguments.of("{{ ''.__class__.__base__ }}", "class-access"),
        Arguments.of("${T(java.lang.System).exit(0)}", "class-access"),
        Arguments.of("%{(#_memberAccess['allowStaticMethodAccess']=true)}", "class-access"),
        Arguments.of("${@java.lang.Math@max(1,2)}", "class-access"),
        Arguments.of("<#assign x = \"freemarker.template.utility.ObjectConstructor\"?new()>", "template-statement"),
        Arguments.of("${\"x\".getClass()}", "class-access"),
        Arguments.of("{% for item in items %}x{% endfor %}", "template-statement"),
        Arguments.of("<%= Dir.entries('/') %>", "template-statement"),
        Arguments.of("#set($x = 1)", "template-statement"),
        Arguments.of("{{#each users}}", "template-statement"),
        Arguments.of("{{ name|upper }}", "template-statement"),
        Arguments.of("{{ self }}", "object-access"),
        Arguments.of("${{3*3}}", "arithmetic-probe"));
  }

  @ParameterizedTest
  @MethodSource("attacks")
  void inspect_templateExpression_firesExpectedRule(String payload, String rule) {
    assertThat(inspect(payload)).get().extracting(Finding::rule).isEqualTo(rule);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "#{name}",
    "${HOME}",
    "${session}",
    "Hello ${user.firstName}",
    "${solution-user.name}@${vmdir.domain-name}",
    "${jndi:ldap://example.com/a}",
    "${env:USER:-nobody}",
    "{{ user.name }}",
    "{{name}}",
    "${}()",
    "It costs $5 {each} or 3*3 = 9 in total",
    "Templates like Jinja2 use double braces.",
    "{\"a\": {\"b\": {\"c\": 1}}}",
    "{% $NUM_VIEWS|STRING_FORMAT:\"%D\" %} VUES",
    "50% off <% sale",
    "email me at a@b.example (weekdays)",
    "#hashtag and #another(one)",
    ""
  })
  void inspect_benignText_passes(String text) {
    assertThat(inspect(text)).isEmpty();
  }

  static Stream<String> hostile() {
    int mb = 1 << 20;
    return Stream.of("${".repeat(mb / 2), "{{".repeat(mb / 2), "{%".repeat(mb / 2), "<%".repeat(mb / 2),
        "#{'".repeat(mb / 3), "${{{{".repeat(mb / 5), "[[".repeat(mb / 2), "@(".repeat(mb / 2),
        "{".repeat(mb), "#set".repeat(mb / 4), "'".repeat(mb), "\uD800".repeat(mb));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void inspect_adversarialMegabyte_staysBoundedAndNeverThrows(String text) {
    long start = System.nanoTime();
    assertThatCode(() -> inspect(text)).doesNotThrowAnyException();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void inspect_garbage_neverThrows() {
    for (String s : new String[] {"", "$", "${", "${'", "{{", "{{'}}", "<%", "<%%>", "#", "#set", "@(", "[[", "\0"}) {
      assertThatCode(() -> inspect(s)).doesNotThrowAnyException();
    }
  }

  @Test
  void id_isSsti() {
    assertThat(detector.id()).isEqualTo("ssti");
  }
}
