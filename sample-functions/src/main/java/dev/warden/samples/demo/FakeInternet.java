package dev.warden.samples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the network a function would reach, served from one loopback HTTP server
 * ({@code 127.0.0.1}, ephemeral port) so tests and the demo never send a packet off the machine.
 *
 * <p>It is an HTTP forward proxy: a client configured with {@link #proxy()} sends the absolute URL
 * ({@code GET http://news.example.com/... HTTP/1.1}, RFC 9112 section 3.2.2, absolute-form), and the
 * server answers by host name as the real network would:
 * <ul>
 *   <li>{@value #NEWS_HOST}: an ordinary article page (the host the link-preview function is
 *       meant to fetch);</li>
 *   <li>{@value #METADATA_HOST}: the EC2-style instance metadata service, paths as documented for
 *       IMDS ({@code /latest/meta-data/iam/security-credentials/<role>}), returning FAKE credentials
 *       that have never been valid anywhere;</li>
 *   <li>anything else: 502.</li>
 * </ul>
 * Thread-safe; {@link #close()} stops the server.
 */
public final class FakeInternet implements AutoCloseable {

  /** The host the link-preview sample is meant to fetch. */
  public static final String NEWS_HOST = "news.example.com";
  /** The link-local metadata address (AWS EC2 User Guide, "Instance metadata service"). */
  public static final String METADATA_HOST = "169.254.169.254";
  /** Role name the fake metadata service lists. */
  public static final String ROLE = "orders-prod-role";
  /** Marker in the fake secret key, so tests can tell the credentials leaked. */
  public static final String FAKE_SECRET = "FAKEwJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";

  private final HttpServer server;
  private final ExecutorService executor;

  private FakeInternet(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the server on {@code 127.0.0.1} and an ephemeral port. */
  public static FakeInternet start() {
    // The JDK server writes headers and body in separate packets; without TCP_NODELAY each
    // response waits for the client's delayed ACK (about 40 ms on Linux). Read once, at the
    // server's first use (sun.net.httpserver.ServerConfig).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      ExecutorService ex = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "fake-internet");
        t.setDaemon(true);
        return t;
      });
      s.setExecutor(ex);
      s.createContext("/", FakeInternet::serve);
      s.start();
      return new FakeInternet(s, ex);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the loopback server", e);
    }
  }

  /** The proxy selector that sends every request of a client to this server. */
  public ProxySelector proxy() {
    return ProxySelector.of(server.getAddress());
  }

  /** An HTTP client whose whole network is this server: no redirects, short timeouts. */
  public HttpClient client() {
    return HttpClient.newBuilder().proxy(proxy()).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(2)).build();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void serve(HttpExchange x) throws IOException {
    try (x) {
      URI uri = x.getRequestURI();
      String host = uri.getHost() != null ? uri.getHost() : hostHeader(x);
      String path = uri.getPath() == null ? "/" : uri.getPath();
      host = host.toLowerCase(Locale.ROOT);
      if (host.equals(NEWS_HOST)) {
        send(x, 200, "text/html; charset=utf-8", "<html><head><title>Coffee prices hit a ten-year high</title></head>"
            + "<body><p>Arabica futures rose again this week as harvests in Brazil fell short.</p></body></html>");
      } else if (host.equals(METADATA_HOST) && path.equals("/latest/meta-data/iam/security-credentials/")) {
        send(x, 200, "text/plain", ROLE);
      } else if (host.equals(METADATA_HOST) && path.equals("/latest/meta-data/iam/security-credentials/" + ROLE)) {
        send(x, 200, "text/plain", "{\"Code\":\"Success\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"ASIAFAKEEXAMPLE00001\","
            + "\"SecretAccessKey\":\"" + FAKE_SECRET + "\",\"Token\":\"FAKE-SESSION-TOKEN\"}");
      } else {
        send(x, 502, "text/plain", "no route to " + host);
      }
    }
  }

  private static String hostHeader(HttpExchange x) {
    String h = x.getRequestHeaders().getFirst("Host");
    if (h == null) {
      return "";
    }
    int colon = h.lastIndexOf(':');
    return colon > 0 && h.indexOf(']') < colon ? h.substring(0, colon) : h;
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
