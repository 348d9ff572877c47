package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.event.SecurityEvent;
import dev.warden.posture.Posture;
import dev.warden.posture.PostureSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostureRunnerTest {

  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @Test
  void run_craftedEnvironment_logsInventoryAndFindingsWithoutSecrets(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("left-over"), "x");
    TestSupport.ListSink sink = new TestSupport.ListSink();
    List<String> lines = new ArrayList<>();
    Map<String, String> env = Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "DB_PASSWORD", "hunter2hunter2",
        "OLD_KEY", SECRET, "AWS_SECRET_ACCESS_KEY", SECRET);
    Posture.Report r = PostureRunner.run(new PostureSettings(true, PostureSettings.DEFAULT_DENIED, true, false),
        env, sink, lines::add, tmp, null, null);
    assertThat(r.components()).isNotEmpty();
    assertThat(lines).singleElement().satisfies(l -> assertThat(l).contains("\"class_uid\":5020"));
    assertThat(sink.events).extracting(e -> e.finding().rule())
        .containsExactly("plaintext-secret-env", "plaintext-secret-env", "tmp-not-clean");
    assertThat(sink.events).allSatisfy(e -> {
      assertThat(e.kind()).isEqualTo(SecurityEvent.FINDING);
      assertThat(e.disposition()).isEqualTo("alerted");
      String json = dev.warden.event.EventJson.render(e);
      assertThat(json).doesNotContain(SECRET).doesNotContain("hunter2hunter2");
    });
  }

  @Test
  void run_cleanEnvironment_isSilent(@TempDir Path tmp) {
    TestSupport.ListSink sink = new TestSupport.ListSink();
    PostureRunner.run(new PostureSettings(false, List.of(), true, false),
        Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "TABLE", "orders"), sink, l -> { }, tmp,
        new dev.warden.guard.GuardStatus(true, List.of("serial-filter-factory", "agent"), List.of()),
        dev.warden.guard.GuardPolicy.defaults());
    assertThat(sink.events).isEmpty();
  }
}
