package dev.warden.samples.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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

class DocumentsFunctionTest {

  static final String SECRET = "FAKE-db-password-1234";

  @TempDir
  Path dir;
  Path docs;
  Path secret;

  private final Captured captured = new Captured();
  private final FakeContext ctx = FakeContext.create();

  @BeforeEach
  void files() throws IOException {
    docs = Files.createDirectories(dir.resolve("docs"));
    Files.writeString(docs.resolve("report.txt"), "Quarterly report.\n");
    secret = dir.resolve("secret.txt");
    Files.writeString(secret, SECRET);
  }

  private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> guarded() {
    return captured.warden().protect(new DocumentsFunction(docs));
  }

  static String xxe(Path file) {
    return "<?xml version=\"1.0\"?>\n<!DOCTYPE document [\n  <!ENTITY secret SYSTEM \"" + file.toUri() + "\">\n]>\n"
        + "<document><title>&secret;</title></document>";
  }

  @Test
  void unprotected_traversal_readsFileOutsideTheDocumentDirectory() {
    APIGatewayV2HTTPResponse r = new DocumentsFunction(docs).handleRequest(Events.document("../secret.txt"), ctx);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getBody()).isEqualTo(SECRET);
  }

  @Test
  void protected_traversal_refusedWith403AndLogged() {
    APIGatewayV2HTTPResponse r = guarded().handleRequest(Events.document("../secret.txt"), ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getBody()).doesNotContain(SECRET);
    assertThat(captured.blocked()).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith("path/"));
  }

  @Test
  void unprotected_xxe_readsLocalFileThroughEntity() {
    APIGatewayV2HTTPResponse r = new DocumentsFunction(docs).handleRequest(Events.documentUpload(xxe(secret)), ctx);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getBody()).contains("title: " + SECRET);
  }

  @Test
  void protected_xxe_refusedWith403AndLogged() {
    APIGatewayV2HTTPResponse r = guarded().handleRequest(Events.documentUpload(xxe(secret)), ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getBody()).doesNotContain(SECRET);
    // The file: URL inside the entity also trips the path and SSRF detectors; XXE must be among them.
    assertThat(captured.blocked()).contains("xxe/external-entity@body");
  }

  @ParameterizedTest
  @ValueSource(strings = {"report.txt", "missing.txt", "notes/v1.2..3-final.md"})
  void protected_benignName_identicalToUnprotected(String name) {
    APIGatewayV2HTTPResponse plain = new DocumentsFunction(docs).handleRequest(Events.document(name), ctx);
    APIGatewayV2HTTPResponse protectedResponse = guarded().handleRequest(Events.document(name), ctx);
    assertThat(protectedResponse).usingRecursiveComparison().isEqualTo(plain);
    assertThat(captured.all()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<document><title>Q&amp;A session</title><para>Bring questions.</para><para>Coffee.</para></document>",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document><title>Onboarding</title></document>",
      "<document><title>unclosed"})
  void protected_benignUpload_identicalToUnprotected(String xml) {
    APIGatewayV2HTTPResponse plain = new DocumentsFunction(docs).handleRequest(Events.documentUpload(xml), ctx);
    APIGatewayV2HTTPResponse protectedResponse = guarded().handleRequest(Events.documentUpload(xml), ctx);
    assertThat(protectedResponse).usingRecursiveComparison().isEqualTo(plain);
    assertThat(plain.getStatusCode()).isIn(200, 400);
    assertThat(captured.all()).isEmpty();
  }
}
