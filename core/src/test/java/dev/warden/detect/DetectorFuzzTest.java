package dev.warden.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.detect.cmdi.CommandInjectionDetector;
import dev.warden.detect.deser.DeserializationDetector;
import dev.warden.detect.jndi.JndiDetector;
import dev.warden.detect.ldap.LdapInjectionDetector;
import dev.warden.detect.nosql.NoSqlDetector;
import dev.warden.detect.path.PathTraversalDetector;
import dev.warden.detect.sqli.SqliDetector;
import dev.warden.detect.ssrf.SsrfDetector;
import dev.warden.detect.ssti.SstiDetector;
import dev.warden.detect.xss.XssDetector;
import dev.warden.detect.xxe.XxeDetector;
import dev.warden.event.Evidence;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of every built-in detector. Property: {@code inspect} never throws for
 * any text (value or field name), and a finding names this detector, the input's location, and
 * carries bounded evidence with no raw line break. Hangs are caught by Jazzer's per-input timeout
 * in fuzzing mode. In a normal build each method runs once per committed seed under
 * {@code DetectorFuzzTestInputs/<method>/} (see docs/HARDENING.md for fuzzing mode).
 */
class DetectorFuzzTest {

  /** Evidence is at most MAX_CHARS characters, each escaped to at most 6, plus markers and ellipses. */
  private static final int MAX_EVIDENCE = Evidence.MAX_CHARS * 6 + 64;

  private static void check(Detector d, FuzzedDataProvider data) {
    boolean name = data.consumeBoolean();
    String text = data.consumeRemainingAsString();
    Input in = name ? Input.name(Source.BODY, "body.f", text) : Input.value(Source.BODY, "body.f", text);
    Optional<Finding> f = d.inspect(in);
    assertThat(f).isNotNull();
    f.ifPresent(finding -> {
      assertThat(finding.detector()).isEqualTo(d.id());
      assertThat(finding.location()).isEqualTo("body.f");
      assertThat(finding.evidence().length()).isLessThanOrEqualTo(MAX_EVIDENCE);
      assertThat(finding.evidence()).doesNotContain("\n", "\r");
    });
  }

  @FuzzTest(maxDuration = "30s")
  void sqli(FuzzedDataProvider data) {
    check(new SqliDetector(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void xss(FuzzedDataProvider data) {
    check(new XssDetector(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void path(FuzzedDataProvider data) {
    check(new PathTraversalDetector(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void cmdi(FuzzedDataProvider data) {
    check(new CommandInjectionDetector(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void ssrf(FuzzedDataProvider data) {
    check(new SsrfDetector(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void jndi(FuzzedDataProvider data) {
    check(new JndiDetector(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void nosql(FuzzedDataProvider data) {
    check(new NoSqlDetector(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void xxe(FuzzedDataProvider data) {
    check(new XxeDetector(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void ssti(FuzzedDataProvider data) {
    check(new SstiDetector(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void ldap(FuzzedDataProvider data) {
    check(new LdapInjectionDetector(), data);
  }

  @FuzzTest(maxDuration = "30s")
  void deser(FuzzedDataProvider data) {
    check(new DeserializationDetector(), data);
  }
}
