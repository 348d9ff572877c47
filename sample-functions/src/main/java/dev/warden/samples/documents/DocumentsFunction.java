package dev.warden.samples.documents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.warden.lambda.WardenPolicy;
import dev.warden.policy.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Document service behind a Lambda Function URL: {@code GET /?name=report.txt} returns a stored
 * document from the function's document directory.
 *
 * <p><b>Deliberately vulnerable</b>: the name is resolved against the directory without checking
 * that the result stays inside it, so {@code name=../../../etc/passwd} reads any file the function
 * can read. It exists to show the exploit and Warden stopping it.
 */
@WardenPolicy(mode = Mode.BLOCK)
public class DocumentsFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final Path root;

  public DocumentsFunction() {
    this(seed());
  }

  public DocumentsFunction(Path root) {
    this.root = root;
  }

  /** A document directory under the temp dir (Lambda's {@code /tmp}) with two documents. */
  static Path seed() {
    try {
      Path dir = Files.createTempDirectory("warden-docs");
      Files.writeString(dir.resolve("report.txt"), "Quarterly report: revenue up 12%.\n");
      Files.writeString(dir.resolve("welcome.md"), "# Welcome\nRead the handbook first.\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the document directory", e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    String name = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("name");
    if (name == null || name.isEmpty()) {
      return response(400, "name is required");
    }
    // VULNERABLE ON PURPOSE: no check that the resolved path stays under root.
    Path file = root.resolve(name);
    try {
      return response(200, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException e) {
      return response(404, "no such document");
    }
  }

  private static APIGatewayV2HTTPResponse response(int status, String body) {
    return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8")).withBody(body).build();
  }
}
