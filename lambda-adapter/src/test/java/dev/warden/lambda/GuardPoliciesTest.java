package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.guard.EgressRule;
import dev.warden.guard.GuardAction;
import dev.warden.guard.GuardInstaller;
import dev.warden.guard.GuardKind;
import dev.warden.guard.GuardPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardPoliciesTest {

  @WardenPolicy(egress = {"api.example.com:443", "10.0.0.0/8"}, egressPresets = "aws-services",
      processAction = "block", allowedExecutables = "/usr/bin/ffmpeg", fileWritePrefixes = {"/tmp", "/mnt/efs"},
      protectCode = true, deserializationDeny = "com.example.legacy.", jndiAction = "alert", socketFactory = true)
  static class Annotated {}

  @WardenPolicy(guards = false)
  static class NoGuards {}

  @WardenPolicy(egressAction = "sometimes")
  static class BadAction {}

  static class Plain {}

  @Test
  void resolveGuards_annotation_appliesEveryAttribute() {
    GuardPolicy p = Policies.resolveGuards(Annotated.class, Map.of("AWS_REGION", "us-east-1",
        "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"));

    assertThat(p.egress()).extracting(EgressRule::toString).contains("api.example.com:443", "10.0.0.0/8",
        "*.amazonaws.com", "*.us-east-1.amazonaws.com", "*.api.aws");
    assertThat(p.action(GuardKind.EGRESS)).isEqualTo(GuardAction.BLOCK);
    assertThat(p.action(GuardKind.PROCESS)).isEqualTo(GuardAction.BLOCK);
    assertThat(p.action(GuardKind.JNDI)).isEqualTo(GuardAction.ALERT);
    assertThat(p.allowedExecutables()).containsExactly("/usr/bin/ffmpeg");
    assertThat(p.fileWritePrefixes()).containsExactly("/tmp", "/mnt/efs");
    assertThat(p.protectCode()).isTrue();
    assertThat(p.deserializationDeny()).contains("com.example.legacy.");
    assertThat(p.socketFactory()).isTrue();
    assertThat(p.runtimeApi()).isEqualTo("127.0.0.1:9001");
  }

  @Test
  void resolveGuards_environment_beatsAnnotation() {
    GuardPolicy p = Policies.resolveGuards(Annotated.class, Map.of("WARDEN_EGRESS", "only.example.com",
        "WARDEN_EGRESS_ACTION", "alert", "WARDEN_PROCESS_ACTION", "allow"));

    assertThat(p.egress()).extracting(EgressRule::toString).contains("only.example.com")
        .doesNotContain("api.example.com:443");
    assertThat(p.action(GuardKind.EGRESS)).isEqualTo(GuardAction.ALERT);
    assertThat(p.action(GuardKind.PROCESS)).isEqualTo(GuardAction.ALLOW);
  }

  @Test
  void resolveGuards_noAnnotation_defaults() {
    GuardPolicy p = Policies.resolveGuards(Plain.class, Map.of());

    assertThat(p.action(GuardKind.EGRESS)).isEqualTo(GuardAction.ALLOW);
    assertThat(p.action(GuardKind.DESERIALIZATION)).isEqualTo(GuardAction.BLOCK);
  }

  @Test
  void resolveGuards_badAction_failsAtInitNamingTheClass() {
    assertThatThrownBy(() -> Policies.resolveGuards(BadAction.class, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BadAction")
        .hasMessageContaining("egressAction");
  }

  @Test
  void protect_defaultSettings_installsRuntimeGuardsJvmWide() {
    // JVM-wide and first-wins: harmless to other tests (the default policy enforces nothing on
    // the network, and deserialization/JNDI refusals only touch gadget classes and remote names).
    Warden.builder().environment(Map.of()).sink(e -> { }).protect(new Handlers.Orders());

    assertThat(GuardInstaller.status().installed()).isTrue();
    assertThat(GuardInstaller.status().mechanisms()).contains("jndi-context-builder");
  }

  @Test
  void guardsEnabled_envBeatsAnnotation() {
    assertThat(Policies.guardsEnabled(Plain.class, Map.of())).isTrue();
    assertThat(Policies.guardsEnabled(NoGuards.class, Map.of())).isFalse();
    assertThat(Policies.guardsEnabled(NoGuards.class, Map.of("WARDEN_GUARDS", "on"))).isTrue();
    assertThat(Policies.guardsEnabled(Plain.class, Map.of("WARDEN_GUARDS", "false"))).isFalse();
    assertThatThrownBy(() -> Policies.guardsEnabled(Plain.class, Map.of("WARDEN_GUARDS", "perhaps")))
        .hasMessageContaining("WARDEN_GUARDS");
  }
}
