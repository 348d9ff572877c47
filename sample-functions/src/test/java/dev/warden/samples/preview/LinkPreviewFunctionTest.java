package dev.warden.samples.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.samples.Captured;
import dev.warden.samples.demo.Events;
import dev.warden.samples.demo.FakeInternet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkPreviewFunctionTest {

  static final String METADATA = "http://169.254.169.254/latest/meta-data/iam/security-credentials/" + FakeInternet.ROLE;

  static FakeInternet internet;

  private final Captured captured = new Captured();
  private final FakeContext ctx = FakeContext.create();

  @BeforeAll
  static void start() {
    internet = FakeInternet.start();
  }

  @AfterAll
  static void stop() {
    internet.close();
  }

  private static LinkPreviewFunction function() {
    return new LinkPreviewFunction(internet.client());
  }

  @Test
  void unprotected_metadataUrl_returnsTheCredentials() {
    APIGatewayV2HTTPResponse r = function().handleRequest(Events.preview(METADATA), ctx);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getBody()).contains(FakeInternet.FAKE_SECRET, "ASIAFAKEEXAMPLE00001");
  }

  @ParameterizedTest
  @ValueSource(strings = {METADATA, "http://0xA9FEA9FE/latest/meta-data/", "http://[::ffff:169.254.169.254]/latest/"})
  void protected_metadataUrl_refusedWith403AndLogged(String url) {
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> h = captured.warden().protect(function());
    APIGatewayV2HTTPResponse r = h.handleRequest(Events.preview(url), ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getBody()).doesNotContain(FakeInternet.FAKE_SECRET);
    assertThat(captured.blocked()).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith("ssrf/"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://news.example.com/coffee", "http://news.example.com/coffee?utm_source=chat&id=12",
      "http://unknown.example.org/", "not a url"})
  void protected_benignUrl_identicalToUnprotected(String url) {
    APIGatewayV2HTTPResponse plain = function().handleRequest(Events.preview(url), ctx);
    APIGatewayV2HTTPResponse guarded = captured.warden().protect(function()).handleRequest(Events.preview(url), ctx);
    assertThat(guarded).usingRecursiveComparison().isEqualTo(plain);
    assertThat(captured.all()).isEmpty();
  }

  @Test
  void unprotected_newsUrl_returnsTitleAndSnippet() {
    APIGatewayV2HTTPResponse r = function().handleRequest(Events.preview("http://news.example.com/coffee"), ctx);
    assertThat(r.getBody()).contains("\"status\":200", "\"title\":\"Coffee prices hit a ten-year high\"", "Arabica futures");
  }
}
