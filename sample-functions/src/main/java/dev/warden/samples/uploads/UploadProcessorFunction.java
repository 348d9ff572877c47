package dev.warden.samples.uploads;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.warden.lambda.WardenPolicy;
import dev.warden.policy.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Upload processor behind Amazon S3 event notifications: for each new object it measures the copy
 * in its upload directory ({@code /tmp/uploads} on Lambda) with {@code wc -c} and returns one line
 * per object, {@code "<bytes> <path>"}.
 *
 * <p><b>Deliberately vulnerable</b> (OS command injection through the object key, which whoever
 * uploads chooses): the key is pasted into a shell command line, so an object named
 * {@code report.csv; touch /tmp/pwned} runs {@code touch}. It exists to show the exploit and Warden
 * stopping it. S3 sends keys URL-encoded with {@code +} for a space (Amazon S3 User Guide, "Event
 * message structure"); the function decodes them as its authors would.
 *
 * <p>Its policy also lets it start only {@code sh} (with the agent, any other program the JVM
 * starts is refused). That cannot stop what {@code sh} itself runs: the input detectors do.
 */
@WardenPolicy(mode = Mode.BLOCK, processAction = "block", allowedExecutables = "sh")
public class UploadProcessorFunction implements RequestHandler<S3Event, String> {

  private final Path uploads;

  /** Used by the Lambda runtime: {@code uploads} under the temp directory ({@code /tmp} on Lambda). */
  public UploadProcessorFunction() {
    this(Path.of(System.getProperty("java.io.tmpdir"), "uploads"));
  }

  public UploadProcessorFunction(Path uploads) {
    this.uploads = uploads;
    try {
      Files.createDirectories(uploads);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the upload directory", e);
    }
  }

  public Path uploads() {
    return uploads;
  }

  @Override
  public String handleRequest(S3Event event, Context context) {
    List<String> lines = new ArrayList<>();
    for (S3EventNotification.S3EventNotificationRecord r : event.getRecords()) {
      String key = URLDecoder.decode(r.getS3().getObject().getKey(), StandardCharsets.UTF_8);
      lines.add(measure(key));
    }
    return String.join("\n", lines);
  }

  private String measure(String key) {
    // VULNERABLE ON PURPOSE: the key becomes part of a shell command line (see class comment).
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", "wc -c " + uploads + "/" + key)
        .redirectErrorStream(true);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "timeout " + key;
      }
      return out;
    } catch (IOException e) {
      return "error " + key;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted " + key;
    }
  }
}
