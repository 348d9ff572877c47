package dev.warden.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

  @Test
  void demo_everyScenario_getsItsExpectedVerdict() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int status = Demo.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("All " + Demo.scenarios().size() + " verdicts as expected.");
    assertThat(status).as(out).isZero();
    // Each hostile scenario is logged as a blocked finding.
    long blocked = Demo.scenarios().stream().filter(Demo.Scenario::expectBlock).count();
    assertThat(out.lines().filter(l -> l.contains("\"disposition\":\"blocked\"")).count()).isGreaterThanOrEqualTo(blocked);
  }
}
