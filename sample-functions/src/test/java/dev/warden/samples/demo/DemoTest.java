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
    long expected = Demo.scenarios().size();
    long blocked = Demo.scenarios().stream().filter(Demo.Scenario::expectBlock).count();
    assertThat(out).contains("All " + expected + " verdicts as expected.");
    assertThat(status).as(out).isZero();
    // Each hostile scenario is logged as a blocked finding.
    assertThat(out.lines().filter(l -> l.contains("\"disposition\":\"blocked\"")).count()).isGreaterThanOrEqualTo(blocked);
    // The comparison shows every exploit working without Warden.
    assertThat(out).contains("C-2002", FakeInternet.FAKE_SECRET, "FAKE-db-password-0000", "orders now [1:C-1001:shipped, 2:C-1001:pending, 3:C-2002:refunded",
        "marker file created by the attacker: true");
  }
}
