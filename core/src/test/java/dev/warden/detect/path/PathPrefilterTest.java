package dev.warden.detect.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.PrefilterEdges;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-filter of {@link PathTraversalDetector}: skips ordinary values, never a value {@code inspect} reports. */
class PathPrefilterTest {

  private final PathTraversalDetector detector = new PathTraversalDetector();

  @ParameterizedTest
  @ValueSource(strings = {"price:asc", "en-GB,en;q=0.9,de;q=0.8", "203.0.113.7, 198.51.100.2", "Please leave the parcel at the back door.", "blue running shoes",
      // a slash, but no wrapper, device path, table name, dot-name or drive
      "application/json", "application/json, text/plain, */*", "https://shop.example.com/cart?step=2",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
      "Waterproof rating 20,000 mm, breathability 15,000 g/m2/24h. Weight: 310 g in size M.", "the home/away kit; var/ies"})
  void mayMatch_ordinaryValues_skipsThem(String v) {
    PrefilterEdges.skips(detector, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {".env", "etc%pcpasswd", "windows%bg%qfsystem32", "x%bg%qfboot.ini", "0x2e0x2e0x2fetc0x2fpasswd", "zlib:x", "netdoc:x", "Jar:File:x",
      "/ETC/passwd", "PHP://filter/x", "x/.ssh/id", "/.claude/x", "C:/xampp/x", " //?/c:/x", "a/ID_RSA", "/home/ann/.ssh", "/ root ;a/y"})
  void mayMatch_attacksNearTheFilterEdge_passesThem(String v) {
    PrefilterEdges.passes(detector, v);
  }

  /** Table names in either case, wrappers, drives, dots and the characters around segments. */
  private static final String[] WORDS = {"etc", "ETC", "passwd", "proc", "self", "environ", "var", "Var", "task", "usr",
      "local", "root", "home", "user", ".ssh", ".aws", "credentials", ".env", ".git", "config", "id_rsa", "ID_RSA", "boot.ini",
      "Web.Config", "windows", "system32", "winnt", "inetpub", "xampp", "documents and settings", "c:", "D:", " c:", "~",
      "php", "PHP", "file", "zip", "glob", "compress.zlib", "jar", "http", "example.com", "cart", "application", "json",
      "5.0", ".well-known", "x.log", "error_log", "my.cnf", "sys", "class", "log", "a", "1", "g", "m2", "text", "*"};
  private static final String[] GLUE = {"/", "/", "/", "//", ":", "://", ":/", " ", " ", ";", "?", ";x", "?y", ".", "-",
      "_", "%", "+", "=", "(", ",", "~/", "/?/", "/./", " /", "/ ", ""};

  /** Segments built from table names and ordinary words, glued at random: the filter's proof, checked. */
  @Test
  void mayMatch_randomSlashText_neverHidesAFinding() {
    Random r = new Random(5);
    PrefilterEdges.Tally t = PrefilterEdges.neverHides(detector, 60_000, () -> slashText(r));
    assertThat(t.findings()).as("the generator makes attacks").isGreaterThan(5_000);
    assertThat(t.skipped()).as("the generator makes text the filter skips").isGreaterThan(5_000);
  }

  private static String slashText(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(3) == 0) {
      sb.append(GLUE[r.nextInt(GLUE.length)]);
    }
    for (int j = 0, len = 1 + r.nextInt(7); j < len; j++) {
      sb.append(WORDS[r.nextInt(WORDS.length)]);
      if (j < len - 1 || r.nextInt(3) == 0) {
        sb.append(GLUE[r.nextInt(GLUE.length)]);
      }
    }
    return sb.toString();
  }
}
