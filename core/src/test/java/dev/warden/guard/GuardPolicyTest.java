package dev.warden.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardPolicyTest {

  static GuardPolicy.Builder builder() {
    return GuardPolicy.builder().platform(Map.of());
  }

  @Test
  void defaults_noRules_egressOffOthersOn() {
    GuardPolicy p = builder().build();
    assertThat(p.action(GuardKind.EGRESS)).isEqualTo(GuardAction.ALLOW);
    assertThat(p.action(GuardKind.PROCESS)).isEqualTo(GuardAction.ALERT);
    assertThat(p.action(GuardKind.FILE)).isEqualTo(GuardAction.BLOCK);
    assertThat(p.action(GuardKind.DESERIALIZATION)).isEqualTo(GuardAction.BLOCK);
    assertThat(p.action(GuardKind.JNDI)).isEqualTo(GuardAction.BLOCK);
    assertThat(p.fileWritePrefixes()).containsExactly("/tmp");
    assertThat(p.codeRoots()).containsExactly("/var/task");
  }

  @Test
  void egressRules_given_egressBlocksByDefault() {
    assertThat(builder().allowEgress("api.example.com:443").build().action(GuardKind.EGRESS))
        .isEqualTo(GuardAction.BLOCK);
  }

  @Test
  void awsServicesPreset_region_addsRegionalWildcard() {
    GuardPolicy p = builder().platform(Map.of("AWS_REGION", "eu-west-1")).preset("aws-services").build();
    assertThat(p.egress()).extracting(EgressRule::toString)
        .containsExactly("*.amazonaws.com", "*.api.aws", "*.eu-west-1.amazonaws.com");
  }

  @Test
  void platform_runtimeApiAndTaskRoot_captured() {
    GuardPolicy p = builder().platform(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
        "LAMBDA_TASK_ROOT", "/var/task/../opt/fn")).build();
    assertThat(p.runtimeApi()).isEqualTo("127.0.0.1:9001");
    assertThat(p.codeRoots()).containsExactly("/var/task", "/var/opt/fn");
  }

  @Test
  void environment_overridesEachSetting() {
    GuardPolicy p = builder().allowEgress("old.example").environment(Map.of(
        "WARDEN_EGRESS", "api.example.com:443, 10.0.0.0/8",
        "WARDEN_EGRESS_ACTION", "alert",
        "WARDEN_PROCESS_ACTION", "BLOCK",
        "WARDEN_ALLOWED_EXECUTABLES", "/usr/bin/ffmpeg,convert",
        "WARDEN_FILE_WRITE_PREFIXES", "/tmp,/mnt/efs",
        "WARDEN_PROTECT_CODE", "true",
        "WARDEN_DESERIALIZATION_DENY", "com.example.Evil,org.bad.*",
        "WARDEN_DESERIALIZATION_MAX_DEPTH", "7",
        "WARDEN_SOCKET_FACTORY", "on")).build();
    assertThat(p.egress()).extracting(EgressRule::toString).containsExactly("api.example.com:443", "10.0.0.0/8");
    assertThat(p.action(GuardKind.EGRESS)).isEqualTo(GuardAction.ALERT);
    assertThat(p.action(GuardKind.PROCESS)).isEqualTo(GuardAction.BLOCK);
    assertThat(p.allowedExecutables()).containsExactlyInAnyOrder("/usr/bin/ffmpeg", "convert");
    assertThat(p.fileWritePrefixes()).containsExactly("/tmp", "/mnt/efs");
    assertThat(p.protectCode()).isTrue();
    assertThat(p.deserializationDeny()).contains("com.example.Evil", "org.bad.");
    assertThat(p.maxDepth()).isEqualTo(7);
    assertThat(p.socketFactory()).isTrue();
  }

  @Test
  void environment_badValue_namesTheVariable() {
    assertThatThrownBy(() -> builder().environment(Map.of("WARDEN_JNDI_ACTION", "maybe")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WARDEN_JNDI_ACTION");
    assertThatThrownBy(() -> builder().environment(Map.of("WARDEN_EGRESS", "bad host")))
        .hasMessageContaining("bad host");
    assertThatThrownBy(() -> builder().fileWritePrefixes(List.of("tmp")))
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> builder().preset("everything")).hasMessageContaining("unknown egress preset");
  }

  @Test
  void atLeastAsStrictAs_looserAction_isFalse() {
    GuardPolicy strict = builder().allowEgress("a.example").build();
    assertThat(strict.atLeastAsStrictAs(strict)).isTrue();
    assertThat(builder().allowEgress("a.example").action(GuardKind.EGRESS, GuardAction.ALERT).build()
        .atLeastAsStrictAs(strict)).isFalse();
    assertThat(builder().allowEgress("a.example").allowEgress("b.example").build().atLeastAsStrictAs(strict)).isFalse();
  }
}
