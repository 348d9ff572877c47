package dev.warden.detect.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import dev.warden.normalize.Normalizer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathTraversalDetectorTest {

  private final PathTraversalDetector detector = new PathTraversalDetector();

  /** First finding over the standard variants, as the engine would report it. */
  private Optional<Finding> inspect(String value) {
    for (String v : Normalizer.standard().variants(value)) {
      Optional<Finding> f = detector.inspect(Input.value(Source.QUERY, "query.file", v));
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "../../../../etc/passwd|dot-dot-traversal",
    "..\\..\\windows\\win.ini|dot-dot-traversal",
    "..;/..;/admin|dot-dot-traversal",
    "....//....//app/config|dot-dot-traversal",
    "%2e%2e%2f%2e%2e%2fapp.yaml|dot-dot-traversal",
    "%252e%252e%252fsecret|dot-dot-traversal",
    "%c0%ae%c0%ae%c0%afhandler.py|dot-dot-traversal",
    "%e0%80%ae%e0%80%ae/x|dot-dot-traversal",
    "%uff0e%uff0e%u2215x|dot-dot-traversal",
    "&#46;&#46;&#47;x|dot-dot-traversal",
    "..%00/x|dot-dot-traversal",
    "0x2e0x2e0x2fx|dot-dot-traversal",
    "/etc/shadow|sensitive-file",
    "/proc/self/environ|sensitive-file",
    "/var/task/handler.js|sensitive-file",
    "~/.ssh/id_rsa|sensitive-file",
    "home/.aws/credentials|sensitive-file",
    ".env|sensitive-file",
    "C:\\Windows\\win.ini|sensitive-file",
    "C:/boot.ini|sensitive-file",
    "C:\\xampp\\apache\\logs\\error.log|sensitive-file",
    "\\\\?\\C:\\x|sensitive-file",
    "/.git/config|sensitive-file",
    "cat /etc/group|sensitive-file",
    "etc%c1%1cpasswd|sensitive-file",
    "php://filter/convert.base64-encode/resource=index|wrapper-scheme",
    "file:///etc/hosts|wrapper-scheme",
    "phar://uploads/a.jpg|wrapper-scheme",
  })
  void inspect_attackShape_firesRule(String value, String rule) {
    assertThat(inspect(value)).hasValueSatisfying(f -> assertThat(f.rule()).isEqualTo(rule));
  }

  @Test
  void inspect_nulAfterFileName_nullByte() {
    assertThat(detector.inspect(Input.value(Source.QUERY, "q", "report.pdf\0.jpg")))
        .hasValueSatisfying(f -> assertThat(f.rule()).isEqualTo("null-byte"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "src/main/App.java", "docs/../README.md", "v1.2..3", "release-1.0...2.0", "Wait... what?",
    "https://example.com/a/b/c?x=1", "/users/42/profile", "see the etc. issues list",
    "C'est déjà l'été.", "{\"path\": \"assets/img/logo.png\"}", "[link](./docs/intro.md)",
    "etc passwd", "Reads key-value pairs from a .env file", "I use /usr/lib/jvm for Java",
    "version 2..3 (...)", "C:\\Users\\ann\\report.docx", "D:/photos/2024/img.jpg", "../", "https://example.com/.well-known/acme", "ÀÁÂÃ ÀÁ Àn",
  })
  void inspect_benign_noFinding(String value) {
    if (value.equals("../")) {
      // A bare "../" climbs out of the base directory: documented as traversal.
      assertThat(inspect(value)).isPresent();
      return;
    }
    assertThat(inspect(value)).isEmpty();
  }

  @Test
  void inspect_findingSpan_pointsIntoOriginalText() {
    String v = "\u00c0.\u00c0./\u00c0.\u00c0./x";
    Optional<Finding> f = detector.inspect(Input.value(Source.QUERY, "q", v));
    assertThat(f).hasValueSatisfying(x -> assertThat(x.evidence()).startsWith("\u00c0.\u00c0./"));
  }

  @Test
  void inspect_hostileHugeInputs_boundedAndNeverThrows() {
    String[] units = {"../", "..", "/", "\\", "\u00c0", "\u00c0\u00ae", "etc", "etc%", ".\0", "0x2e",
        "file:", ":", "\ud800", "~/"};
    dev.warden.testing.Megabytes.assertBounded(detector, units);
  }
}
