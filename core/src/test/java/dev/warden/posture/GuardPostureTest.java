package dev.warden.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Finding;
import dev.warden.guard.GuardPolicy;
import dev.warden.guard.GuardStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardPostureTest {

  @Test
  void guards_agentOnlyGuardsWithoutAgent_fire() {
    GuardStatus noAgent = new GuardStatus(true, List.of("proxy-selector", "serial-filter-factory"), List.of());
    assertThat(ConfigChecks.guards(noAgent, GuardPolicy.defaults())).singleElement()
        .satisfies(f -> {
          assertThat(f.rule()).isEqualTo("agent-not-active");
          assertThat(f.evidence()).contains("process").contains("file");
        });
  }

  @Test
  void guards_withAgentAndFilterFactory_areSilent() {
    GuardStatus ok = new GuardStatus(true, List.of("proxy-selector", "serial-filter-factory", "agent"), List.of());
    assertThat(ConfigChecks.guards(ok, GuardPolicy.defaults())).isEmpty();
    GuardPolicy allowAll = GuardPolicy.builder().environment(Map.of("WARDEN_PROCESS_ACTION", "allow",
        "WARDEN_FILE_ACTION", "allow")).build();
    GuardStatus noAgent = new GuardStatus(true, List.of("serial-filter-factory"), List.of());
    assertThat(ConfigChecks.guards(noAgent, allowAll)).isEmpty();
    assertThat(ConfigChecks.guards(new GuardStatus(false, List.of(), List.of()), GuardPolicy.defaults())).isEmpty();
  }

  @Test
  void guards_weakerSerialFilter_fires() {
    GuardStatus weak = new GuardStatus(true, List.of("serial-filter", "agent"), List.of());
    assertThat(ConfigChecks.guards(weak, GuardPolicy.defaults())).extracting(Finding::rule)
        .containsExactly("serial-filter-fallback");
  }
}
