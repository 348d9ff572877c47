package dev.warden.samples.preview;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.lambda.WardenPolicy;
import dev.warden.policy.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Link preview behind API Gateway (HTTP API, payload format 2.0):
 * {@code GET /preview?url=http://news.example.com/coffee} fetches the page with
 * {@link java.net.http.HttpClient} and returns its title and the start of its text, for chat
 * unfurls.
 *
 * <p><b>Deliberately vulnerable</b> (server-side request forgery): the URL is fetched as given,
 * so {@code url=http://169.254.169.254/latest/meta-data/iam/security-credentials/<role>} makes the
 * function read the instance metadata service (or any internal address) and hand the answer,
 * credentials included, to the caller. It exists to show the exploit and Warden stopping it.
 *
 * <p>The function is only ever meant to reach {@code news.example.com}: that is its egress
 * allow-list ({@code egress} below; {@code WARDEN_EGRESS} overrides it), which Warden's runtime
 * guards enforce on the connection itself even when the URL slips past the input detectors, e.g.
 * a public-looking name that resolves to an internal address (see docs/GUARDS.md; complete with
 * the agent).
 */
@WardenPolicy(mode = Mode.BLOCK, egress = {"news.example.com:80", "news.example.com:443"})
public class LinkPreviewFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  /** Bytes of the fetched page read at most: a preview never needs more. */
  static final int MAX_PAGE_BYTES = 64 * 1024;
  static final int SNIPPET_CHARS = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;

  /** Used by the Lambda runtime: the JVM's default network, no redirects, short timeouts. */
  public LinkPreviewFunction() {
    this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(2)).build());
  }

  /** With a given client (tests and the demo point it at a loopback stand-in for the network). */
  public LinkPreviewFunction(HttpClient client) {
    this.client = client;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    String url = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("url");
    if (url == null || url.isBlank()) {
      return response(400, Map.of("message", "url is required"));
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      return response(400, Map.of("message", "not a URL"));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return response(400, Map.of("message", "only http and https links have previews"));
    }
    // VULNERABLE ON PURPOSE: any host, internal addresses included (see class comment).
    try {
      HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
      HttpResponse<InputStream> res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      String page;
      try (InputStream in = res.body()) {
        page = new String(in.readNBytes(MAX_PAGE_BYTES), StandardCharsets.UTF_8);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("url", uri.toString());
      body.put("status", res.statusCode());
      body.put("title", title(page));
      body.put("snippet", snippet(page));
      return response(200, body);
    } catch (IOException e) {
      return response(502, Map.of("message", "could not fetch the link"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return response(502, Map.of("message", "interrupted"));
    } catch (IllegalArgumentException e) {
      return response(400, Map.of("message", "not a fetchable URL"));
    }
  }

  /** The text of the first {@code <title>} element, or "" (indexOf scan, no regex). */
  static String title(String page) {
    String lower = page.toLowerCase(Locale.ROOT);
    int open = lower.indexOf("<title>");
    int close = open < 0 ? -1 : lower.indexOf("</title>", open);
    return close < 0 ? "" : page.substring(open + "<title>".length(), close).trim();
  }

  /** The page's text without tags, first {@value #SNIPPET_CHARS} characters. */
  static String snippet(String page) {
    StringBuilder sb = new StringBuilder();
    boolean inTag = false;
    for (int i = 0; i < page.length() && sb.length() < SNIPPET_CHARS; i++) {
      char c = page.charAt(i);
      if (c == '<') {
        inTag = true;
      } else if (c == '>') {
        inTag = false;
      } else if (!inTag) {
        sb.append(c);
      }
    }
    return sb.toString().trim();
  }

  private static APIGatewayV2HTTPResponse response(int status, Object body) {
    try {
      return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
          .withHeaders(Map.of("Content-Type", "application/json")).withBody(JSON.writeValueAsString(body)).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
