package dev.warden.posture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmpJanitorTest {

  @Test
  void sweep_removesOnlyWhatAppearedAfterBaseline(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("native-lib.so"), "kept");
    TmpJanitor j = TmpJanitor.baseline(tmp);
    Files.writeString(tmp.resolve("upload-123.csv"), "customer data");
    Path dir = Files.createDirectories(tmp.resolve("work/nested"));
    Files.writeString(dir.resolve("f.txt"), "x");
    Path outside = Files.createTempFile("outside", ".txt");
    Files.createSymbolicLink(tmp.resolve("link"), outside);
    assertThat(j.sweep()).isEqualTo(3);
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("native-lib.so");
    }
    assertThat(outside).exists();
    assertThat(j.sweep()).isZero();
    Files.delete(outside);
  }
}
