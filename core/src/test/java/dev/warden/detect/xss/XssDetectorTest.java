package dev.warden.detect.xss;

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

class XssDetectorTest {

  private final XssDetector detector = new XssDetector();

  private Optional<Finding> inspect(String text) {
    return detector.inspect(Input.value(Source.QUERY, "query.q", text));
  }

  static Stream<Arguments> attacks() {
    return Stream.of(
        Arguments.of("<script>alert(1)</script>", "script-tag"),
        Arguments.of("\"><ScRiPt src=//evil.example/x.js>", "script-tag"),
        Arguments.of("<scr<script>ipt>alert(1)</script>", "script-tag"),
        Arguments.of("</script><svg>", "script-tag"),
        Arguments.of("<svg onload=alert(1)>", "dangerous-tag"),
        Arguments.of("<iframe src=\"https://evil.example\"></iframe>", "dangerous-tag"),
        Arguments.of("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", "dangerous-tag"),
        Arguments.of("<img src=x onerror=alert(1)>", "event-handler"),
        Arguments.of("<body\tonload = \"go()\">", "event-handler"),
        Arguments.of("<img src=\"x\" \\x27onerror=alert(1)>", "event-handler"),
        Arguments.of("<a href=\"javascript:alert(1)\">x</a>", "script-url"),
        Arguments.of("<a href=\"jav&#x09;ascript&colon;alert(1)\">x</a>", "script-url"),
        Arguments.of("<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)\">", "script-url"),
        Arguments.of("<object data=\"data:text/html;base64,PHNjcmlwdD4=\">", "dangerous-tag"),
        Arguments.of("<a href=\"data:text/html,<b>x</b>\">", "script-url"),
        Arguments.of("javascript:alert(document.domain)", "script-url"),
        Arguments.of("\" onmouseover=alert(1) x=\"", "attribute-breakout"),
        Arguments.of("' onfocus='go' autofocus x='", "attribute-breakout"),
        Arguments.of("<div style=\"width:expression(alert(1))\">", "css-expression"),
        Arguments.of("<div style=\"x:exp/**/ression(alert(1))\">", "css-expression"),
        Arguments.of("<iframe srcdoc=\"&lt;b&gt;\">", "dangerous-tag"),
        Arguments.of("<p srcdoc=\"x\">", "srcdoc"),
        Arguments.of("{{constructor.constructor('alert(1)')()}}", "template-expression"),
        Arguments.of("';alert(String.fromCharCode(88,83,83))//", "js-breakout"),
        Arguments.of("\"-prompt(8)-\"", "js-breakout"),
        Arguments.of("alert(1)", "script-sink"),
        Arguments.of("top[\"al\"+\"ert\"](1)", "script-sink"),
        Arguments.of("<span datasrc=\"#x\" datafld=\"a\" dataformatas=\"html\">", "dangerous-attribute"),
        Arguments.of("<!--[if gte IE 4]><x><![endif]-->", "dangerous-tag"),
        Arguments.of("<style>@import 'https://evil.example/x.css';</style>", "dangerous-tag"));
  }

  @ParameterizedTest
  @MethodSource("attacks")
  void inspect_attackShape_firesExpectedRule(String payload, String rule) {
    assertThat(inspect(payload)).get().extracting(Finding::rule).isEqualTo(rule);
    assertThat(inspect(payload).get().detector()).isEqualTo("xss");
  }

  @Test
  void inspect_fullWidthAndUtf7Markup_isFolded() {
    assertThat(inspect("\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E")).get()
        .extracting(Finding::rule).isEqualTo("script-tag");
    assertThat(inspect("+ADw-script+AD4-alert(1)+ADw-/script+AD4-")).get()
        .extracting(Finding::rule).isEqualTo("script-tag");
    assertThat(inspect("\u00BCscript\u00BEalert(1)\u00BC/script\u00BE")).get()
        .extracting(Finding::rule).isEqualTo("script-tag");
  }

  @Test
  void inspect_entityEncodedMarkup_isDecoded() {
    assertThat(inspect("&#60;script&#62;alert(1)&#60;/script&#62;")).get()
        .extracting(Finding::rule).isEqualTo("script-tag");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "a < b and c > d",
    "I <3 my cat <3",
    "123<456",
    "<b>bold</b> and <i>italic</i>",
    "<a href=\"https://example.com/docs?x=1&y=2\" rel=\"nofollow\">docs</a>",
    "<p class=\"note\">Hello <em>world</em></p>",
    "[React](https://github.com/facebook/react) - JavaScript library for building user interfaces.",
    "JavaScript: The Good Parts (2008)",
    "Please confirm your address (street, city).",
    "The script will alert you when the build is done.",
    "Use a regular expression (regex) to match it.",
    "online=1&onsale=true",
    "O'Brien said 'select the one you like'",
    "{\"user\": \"alice\", \"tags\": [\"a\", \"b\"]}",
    "C:\\Program Files\\app\\scripts\\run.js",
    "document.pdf",
    "#{name}",
    "{{ user.name }}",
    "Say \"hello\" - then leave",
    "<foo val=\u201Cbar\u201D />",
    ""
  })
  void inspect_benignText_passes(String text) {
    assertThat(inspect(text)).isEmpty();
  }

  static Stream<String> hostile() {
    int mb = 1 << 20;
    return Stream.of(
        "<".repeat(mb),
        "<a ".repeat(mb / 3),
        "<a x=\"".repeat(mb / 6),
        "\"".repeat(mb),
        "'".repeat(mb),
        "{{".repeat(mb / 2),
        "/*".repeat(mb / 2),
        "&#".repeat(mb / 2),
        "&#0000000000".repeat(mb / 12),
        "javascript: ".repeat(mb / 12),
        " onload=".repeat(mb / 8),
        "\" onx=".repeat(mb / 6),
        "alert".repeat(mb / 5),
        "a.".repeat(mb / 2),
        "+AD".repeat(mb / 3),
        "\uFF1C".repeat(mb),
        "\uD800".repeat(mb),
        "\0".repeat(mb),
        "[\"".repeat(mb / 2),
        "\\u{".repeat(mb / 3),
        "<style>".repeat(mb / 7),
        "<a style='".repeat(mb / 10),
        "<a href=\"x\" title=\"<".repeat(mb / 20));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void inspect_adversarialMegabyte_staysBoundedAndNeverThrows(String text) {
    long start = System.nanoTime();
    assertThatCode(() -> inspect(text)).doesNotThrowAnyException();
    // Generous backstop only: the scan is linear in a 64 KiB prefix.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void inspect_garbage_neverThrows() {
    for (String s : new String[] {"", "<", "<!", "</", "<?", "&", "&#", "&#x", "\"", "{{", "<a x=", "<a x='",
        "<style>", "\uDC00<\uD800", "javascript:", "on", "onerror", "onerror=", "+", "+AD", "\\", "\\u{"}) {
      assertThatCode(() -> inspect(s)).doesNotThrowAnyException();
    }
  }

  @Test
  void id_isXss() {
    assertThat(detector.id()).isEqualTo("xss");
  }
}
