package dev.warden.samples.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.warden.WardenBlockedException;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.samples.Captured;
import dev.warden.samples.demo.Events;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadProcessorFunctionTest {

  @TempDir
  Path dir;
  Path uploads;
  Path marker;

  private final Captured captured = new Captured();
  private final FakeContext ctx = FakeContext.create();

  @BeforeEach
  void files() throws IOException {
    uploads = Files.createDirectories(dir.resolve("uploads"));
    Files.writeString(uploads.resolve("report.csv"), "id,total\n1,249.00\n");
    Files.writeString(uploads.resolve("q1-summary.txt"), "Q1 was fine.\n");
    marker = dir.resolve("pwned");
  }

  @Test
  void unprotected_keyWithCommand_runsTheCommand() {
    String out = new UploadProcessorFunction(uploads).handleRequest(Events.upload("report.csv; touch " + marker), ctx);
    assertThat(out).startsWith("18 ");
    assertThat(marker).exists();
  }

  @ParameterizedTest
  @ValueSource(strings = {"report.csv; touch %s", "report.csv && touch %s", "$(touch %s).csv", "`touch %s`"})
  void protected_keyWithCommand_refusedAndLoggedAndNothingRuns(String key) {
    RequestHandler<S3Event, String> h = captured.warden().protect(new UploadProcessorFunction(uploads));
    assertThatThrownBy(() -> h.handleRequest(Events.upload(key.replace("%s", marker.toString())), ctx))
        .isInstanceOf(WardenBlockedException.class);
    assertThat(marker).doesNotExist();
    assertThat(captured.blocked()).singleElement().asString().startsWith("cmdi/").endsWith("s3[0].object.key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"report.csv", "q1-summary.txt", "missing.csv"})
  void protected_benignKey_identicalToUnprotected(String key) {
    String plain = new UploadProcessorFunction(uploads).handleRequest(Events.upload(key), ctx);
    String guarded = captured.warden().protect(new UploadProcessorFunction(uploads)).handleRequest(Events.upload(key), ctx);
    assertThat(guarded).isEqualTo(plain);
    assertThat(captured.all()).isEmpty();
  }
}
