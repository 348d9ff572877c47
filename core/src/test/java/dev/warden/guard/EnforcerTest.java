package dev.warden.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Invocation;
import dev.warden.event.SecurityEvent;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.NamingException;
import org.junit.jupiter.api.Test;

class EnforcerTest {

  final List<SecurityEvent> events = new ArrayList<>();

  Enforcer enforcer(GuardPolicy.Builder b) {
    return new Enforcer(b.build(), events::add, () -> Invocation.of("req-1", "fn"));
  }

  static GuardPolicy.Builder policy() {
    return GuardPolicy.builder().platform(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"));
  }

  static InetAddress ip(String s) throws Exception {
    return InetAddress.getByAddress(EgressRule.literal(s));
  }

  @Test
  void connect_notAllowed_throwsConnectExceptionAndRecordsOneEvent() throws Exception {
    Enforcer e = enforcer(policy().allowEgress("api.example.com:443"));

    assertThatThrownBy(() -> e.checkConnect("evil.example", ip("203.0.113.9"), 443, RuntimeGuards.API_SOCKET))
        .isExactlyInstanceOf(ConnectException.class).hasMessageContaining("egress policy");

    assertThat(events).hasSize(1);
    SecurityEvent ev = events.get(0);
    assertThat(ev.kind()).isEqualTo(Enforcer.GUARD_VIOLATION);
    assertThat(ev.disposition()).isEqualTo("blocked");
    assertThat(ev.invocation().requestId()).isEqualTo("req-1");
    assertThat(ev.finding().detector()).isEqualTo("egress");
    assertThat(ev.finding().rule()).isEqualTo("egress-not-allowed");
    assertThat(ev.finding().evidence()).isEqualTo("evil.example/203.0.113.9:443");
    assertThat(ev.finding().location()).isNotEmpty().isNotEqualTo("unknown");
  }

  @Test
  void connect_allowedHostOrCidr_proceedsWithoutEvent() throws Exception {
    Enforcer e = enforcer(policy().allowEgress("api.example.com:443").allowEgress("10.0.0.0/8"));

    assertThat(e.decideConnect("api.example.com", ip("198.51.100.1"), 443, "t")).isEqualTo(GuardDecision.ALLOWED);
    assertThat(e.decideConnect(null, ip("10.1.2.3"), 5432, "t")).isEqualTo(GuardDecision.ALLOWED);
    assertThat(e.decideConnect("10.1.2.3", null, 5432, "t")).isEqualTo(GuardDecision.ALLOWED); // literal host
    assertThat(events).isEmpty();
  }

  @Test
  void runtimeApi_alwaysAllowed_evenWithNoRules() throws Exception {
    Enforcer e = enforcer(policy().action(GuardKind.EGRESS, GuardAction.BLOCK));

    assertThat(e.decideConnect("127.0.0.1", ip("127.0.0.1"), 9001, "t")).isEqualTo(GuardDecision.ALLOWED);
    assertThat(e.decideConnect("127.0.0.1", ip("127.0.0.1"), 9002, "t")).isEqualTo(GuardDecision.BLOCKED);
  }

  @Test
  void alertMode_violation_proceedsAndRecordsAlerted() throws Exception {
    Enforcer e = enforcer(policy().allowEgress("a.example").action(GuardKind.EGRESS, GuardAction.ALERT));

    assertThatCode(() -> e.checkConnect("b.example", ip("192.0.2.1"), 80, "t")).doesNotThrowAnyException();
    assertThat(events).singleElement().extracting(SecurityEvent::disposition).isEqualTo("alerted");
  }

  @Test
  void alertMode_sameHostThroughTwoHooks_recordedOnce() throws Exception {
    Enforcer e = enforcer(policy().allowEgress("a.example").action(GuardKind.EGRESS, GuardAction.ALERT));

    e.decideResolve("b.example");
    e.decideConnect("b.example", ip("192.0.2.1"), 80, "t");

    assertThat(events).hasSize(1);
  }

  @Test
  void bypass_ownIo_notPoliced() throws Exception {
    Enforcer e = enforcer(policy().allowEgress("a.example"));

    GuardDecision d = RuntimeGuards.bypass(() -> e.decideConnect("b.example", null, 80, "t"));

    assertThat(d).isEqualTo(GuardDecision.ALLOWED);
    assertThat(RuntimeGuards.bypassed()).isFalse();
    assertThat(e.decideConnect("b.example", null, 80, "t")).isEqualTo(GuardDecision.BLOCKED);
  }

  @Test
  void resolve_unknownName_unknownHostException() {
    Enforcer e = enforcer(policy().allowEgress("a.example"));

    assertThatThrownBy(() -> e.checkResolve("b.example")).isExactlyInstanceOf(UnknownHostException.class);
    assertThatCode(() -> e.checkResolve("x.a.example".substring(2))).doesNotThrowAnyException();
  }

  @Test
  void process_notAllowed_ioExceptionLikeProcessBuilder() {
    Enforcer e = enforcer(policy().allowExecutable("/usr/bin/ffmpeg").action(GuardKind.PROCESS, GuardAction.BLOCK));

    assertThatCode(() -> e.checkProcess(List.of("/usr/bin/../bin/ffmpeg", "-i", "x"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> e.checkProcess(List.of("/bin/sh", "-c", "curl x")))
        .isExactlyInstanceOf(IOException.class).hasMessageContaining("Cannot run program \"/bin/sh\"");
    assertThatThrownBy(() -> e.checkProcess(List.of("/tmp/x/ffmpeg"))).isInstanceOf(IOException.class);
    assertThat(events).hasSize(2);
  }

  @Test
  void process_secretInCommand_redactedInEvidence() {
    Enforcer e = enforcer(policy().action(GuardKind.PROCESS, GuardAction.BLOCK));

    assertThatThrownBy(() -> e.checkProcess(List.of("curl", "-H", "password=hunter2secret", "http://x")))
        .isInstanceOf(IOException.class);

    assertThat(events.get(0).finding().evidence()).contains("[REDACTED:secret-field]").doesNotContain("hunter2");
  }

  @Test
  void fileWrite_outsidePrefix_exceptionMatchesApi() {
    Enforcer e = enforcer(policy());

    assertThatCode(() -> e.checkFileWrite("/tmp/out.txt", RuntimeGuards.API_FILE_OUTPUT_STREAM)).doesNotThrowAnyException();
    assertThatThrownBy(() -> e.checkFileWrite("/tmp/../var/task/x.class", RuntimeGuards.API_FILE_OUTPUT_STREAM))
        .isExactlyInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> e.checkFileWrite("/tmpx/evil", RuntimeGuards.API_NIO_FILES))
        .isExactlyInstanceOf(AccessDeniedException.class);
  }

  @Test
  void fileRead_protectedCode_refusedOnlyWhenProtected() {
    assertThatCode(() -> enforcer(policy()).checkFileRead("/var/task/app.jar", RuntimeGuards.API_FILE_INPUT_STREAM))
        .doesNotThrowAnyException();
    Enforcer e = enforcer(policy().protectCode(true));
    assertThatThrownBy(() -> e.checkFileRead("/var/task/app.jar", RuntimeGuards.API_FILE_INPUT_STREAM))
        .isExactlyInstanceOf(FileNotFoundException.class);
    assertThatCode(() -> e.checkFileRead("/tmp/x", RuntimeGuards.API_FILE_INPUT_STREAM)).doesNotThrowAnyException();
  }

  @Test
  void jndi_remoteSchemes_namingException() {
    Enforcer e = enforcer(policy());

    for (String name : List.of("ldap://x/a", " LDAP://x/a", "rmi://x/a", "dns:x", "iiop://x", "corbaname:x")) {
      assertThatThrownBy(() -> e.checkJndi(name)).as(name).isExactlyInstanceOf(NamingException.class);
    }
    assertThatCode(() -> e.checkJndi("java:comp/env/jdbc/db")).doesNotThrowAnyException();
  }

  @Test
  void deserialize_gadgetClassesAndArrays_invalidClassException() {
    Enforcer e = enforcer(policy());

    assertThatThrownBy(() -> e.checkDeserialize("org.apache.commons.collections.functors.InvokerTransformer"))
        .isExactlyInstanceOf(InvalidClassException.class);
    assertThatThrownBy(() -> e.checkDeserialize("[Lorg.apache.commons.collections.functors.ChainedTransformer;"))
        .isInstanceOf(InvalidClassException.class);
    assertThatThrownBy(() -> e.checkDeserialize("com.sun.rowset.JdbcRowSetImpl$Inner"))
        .isInstanceOf(InvalidClassException.class);
    assertThatCode(() -> e.checkDeserialize("java.util.ArrayList")).doesNotThrowAnyException();
    assertThatCode(() -> e.checkDeserialize("com.sun.rowset.JdbcRowSetImplX")).doesNotThrowAnyException();
  }

  @Test
  void events_flood_rateLimited() throws Exception {
    Enforcer e = enforcer(policy().allowEgress("a.example"));

    for (int i = 0; i < Enforcer.MAX_EVENTS_PER_MINUTE + 50; i++) {
      e.decideConnect("b" + i + ".example", null, 80, "t");
    }

    assertThat(events).hasSize(Enforcer.MAX_EVENTS_PER_MINUTE);
  }

  @Test
  void throwingSink_decisionStands() {
    Enforcer e = new Enforcer(policy().allowEgress("a.example").build(), ev -> {
      throw new IllegalStateException("sink down");
    }, () -> null);

    assertThat(e.decideConnect("b.example", null, 80, "t")).isEqualTo(GuardDecision.BLOCKED);
  }

  @Test
  void userFrame_skipsJdkAndWardenFrames() {
    // Called from a test class in dev.warden.guard, which the walk skips: the first frame is JUnit's.
    assertThat(Enforcer.userFrame()).isPresent().get().asString().doesNotStartWith("dev.warden.guard")
        .doesNotStartWith("java.");
  }
}
