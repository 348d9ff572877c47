package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.warden.lambda.testing.FakeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmpWipeTest {

  @Test
  void wipeTmp_removesWhatTheInvocationLeft_keepsWhatInitLeft(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("from-init.bin"), "cache");
    RequestHandler<Map<String, Object>, String> h = (event, ctx) -> {
      try {
        Files.writeString(tmp.resolve("request-" + event.get("id") + ".csv"), "customer data");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return "ok";
    };
    RequestHandler<Map<String, Object>, String> wiping = TestSupport.builder(new TestSupport.ListSink(),
        Map.of("WARDEN_WIPE_TMP", "true", "WARDEN_TMP_DIR", tmp.toString()), TestSupport.MARKER).protect(h);
    assertThat(wiping.handleRequest(Map.of("id", "1"), FakeContext.create())).isEqualTo("ok");
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("from-init.bin");
    }
    RequestHandler<Map<String, Object>, String> keeping = TestSupport.builder(new TestSupport.ListSink(),
        Map.of("WARDEN_TMP_DIR", tmp.toString()), TestSupport.MARKER).protect(h);
    keeping.handleRequest(Map.of("id", "2"), FakeContext.create());
    assertThat(tmp.resolve("request-2.csv")).exists();
  }
}
