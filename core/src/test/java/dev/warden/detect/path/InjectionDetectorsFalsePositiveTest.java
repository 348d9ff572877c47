package dev.warden.detect.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.corpus.Corpus;
import dev.warden.corpus.Evaluation;
import dev.warden.detect.Detector;
import dev.warden.detect.cmdi.CommandInjectionDetector;
import dev.warden.detect.ldap.LdapInjectionDetector;
import dev.warden.normalize.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The path, cmdi and ldap detectors together against every benign corpus value: their shared
 * false-positive budget is 0.1% of benign values (at most 10).
 */
class InjectionDetectorsFalsePositiveTest {

  @Test
  void corpus_pathCmdiLdapTogether_stayWithinFalsePositiveBudget() {
    List<Corpus.Sample> samples = Corpus.loadOrSkip();
    assertThat(samples).isNotEmpty();
    List<Detector> mine = List.of(new PathTraversalDetector(), new CommandInjectionDetector(),
        new LdapInjectionDetector());
    Evaluation ev = Evaluation.run(samples, mine, Normalizer.standard());
    System.out.println(ev.summary());
    ev.falsePositives.forEach(fp -> System.out.println("  FP " + fp));
    assertThat(ev.benign).isGreaterThan(1000);
    assertThat(ev.falsePositives).hasSizeLessThanOrEqualTo(10);
    assertThat(ev.perClass.get("path").rate()).isGreaterThanOrEqualTo(0.90);
    assertThat(ev.perClass.get("cmdi").rate()).isGreaterThanOrEqualTo(0.90);
  }
}
