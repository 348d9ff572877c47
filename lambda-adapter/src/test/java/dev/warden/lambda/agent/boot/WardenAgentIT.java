package dev.warden.lambda.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@link AgentProbe} in child JVMs started with {@code -javaagent:target/warden-agent.jar}
 * (built in the {@code package} phase; this test runs in {@code integration-test}), once with
 * every guard in block mode and once in alert mode, on the JDK that runs the build. Loopback only:
 * 127.0.0.1 is allowed, 127.0.0.2 and up denied, and the Runtime API also sits on 127.0.0.2.
 */
class WardenAgentIT {

  private static final List<HttpServer> SERVERS = new ArrayList<>();
  private static Run block;
  private static Run alert;

  /** What one child JVM printed, by case. */
  record Run(String status, Map<String, String> results, Map<String, List<String>> events) {}

  @BeforeAll
  static void runChildren() throws Exception {
    String jar = System.getProperty("warden.agent.jar", "target/warden-agent.jar");
    assumeTrue(
        Files.isRegularFile(Path.of(jar)),
        "SKIPPED: " + jar + " not built; run `mvn verify` (the agent jar is made in `package`)");
    int allowed = serve("127.0.0.1");
    int denied = serve("127.0.0.2");
    int denied2 = serve("127.0.0.3");
    int runtime = serve("127.0.0.2");
    Path work = Files.createDirectories(Path.of("target", "agent-it")).toAbsolutePath();
    Path hosts = work.resolve("hosts");
    Files.writeString(
        hosts,
        "127.0.0.1 localhost\n127.0.0.2 allowed.warden.test\n127.0.0.2 denied.warden.test\n");
    int[] ports = {allowed, denied, denied2, runtime};
    block = child(jar, "block", ports, work, hosts);
    alert = child(jar, "alert", ports, work, hosts);
  }

  @AfterAll
  static void stopServers() {
    SERVERS.forEach(s -> s.stop(0));
  }

  @Test
  void agent_started_reportsAgentMechanism() {
    assertThat(block.status()).contains("agent");
    assertThat(alert.status()).contains("agent");
  }

  @ParameterizedTest
  @CsvSource({
    "http-url-denied, java.net.ConnectException",
    "socket-denied, java.net.ConnectException",
    "socket-no-proxy-denied, java.net.ConnectException",
    "socket-channel-denied, java.net.ConnectException",
    "datagram-send-denied, java.net.ConnectException",
    "datagram-connect-denied, java.net.ConnectException",
    "datagram-socket-denied, java.net.ConnectException",
    "process-denied, java.io.IOException",
    "runtime-exec-denied, java.io.IOException",
    "file-output-denied, java.io.FileNotFoundException",
    "random-access-write-denied, java.io.FileNotFoundException",
    "code-read-denied, java.io.FileNotFoundException",
    "code-files-read-denied, java.nio.file.AccessDeniedException",
    "files-write-denied, java.nio.file.AccessDeniedException",
    "jndi-denied, javax.naming.NamingException"
  })
  void blockMode_deniedOperation_refusedWithOrdinaryExceptionAndOneEvent(
      String name, String exception) {
    assertThat(block.results().get(name))
        .startsWith("failed " + exception + ":")
        .contains("refused by");
    assertThat(block.events().get(name)).hasSize(1);
    assertThat(block.events().get(name).get(0))
        .contains("\"guard-violation\"")
        .contains("blocked");
  }

  @Test
  void blockMode_httpClient_refusedOnEachConnectAttempt() {
    // HttpClient retries a refused connect once: one event per attempt, all refusals.
    assertThat(block.results().get("http-client-denied"))
        .startsWith("failed java.net.ConnectException:")
        .contains("refused by");
    assertThat(block.events().get("http-client-denied"))
        .isNotEmpty()
        .allMatch(e -> e.contains("blocked") && e.contains("127.0.0.3"));
  }

  @Test
  void blockMode_httpClientBuiltBeforeInstallation_refused() {
    // Agentless, such a client never asks Warden's proxy selector; the agent hooks its channel.
    assertThat(block.results().get("http-client-early-denied"))
        .startsWith("failed java.net.ConnectException:")
        .contains("refused by");
    assertThat(block.events().get("http-client-early-denied")).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"socket-name-denied", "http-url-name-denied"})
  void blockMode_deniedHostName_refusedWhateverLayerCatchesIt(String name) {
    // A name outside the allow-list resolving to a denied address: the socket hook refuses it,
    // or the resolver guard (JDK 18+) does first; either way an ordinary exception.
    assertThat(block.results().get(name))
        .matches("failed java\\.net\\.(ConnectException|UnknownHostException): .*");
    assertThat(block.events().get(name)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http-url-allowed",
        "http-client-allowed",
        "socket-allowed",
        "socket-localhost-allowed",
        "socket-name-allowed",
        "socket-channel-allowed",
        "datagram-send-allowed",
        "process-allowed",
        "file-output-allowed",
        "random-access-read-allowed",
        "files-write-allowed"
      })
  void blockMode_allowedOperation_succeedsWithoutEvent(String name) {
    assertThat(block.results().get(name)).isEqualTo("ok");
    assertThat(block.events().get(name)).isEmpty();
  }

  @Test
  void blockMode_runtimeApiOnDeniedAddress_neverBlocked() {
    assertThat(block.results().get("runtime-api")).isEqualTo("ok");
    assertThat(block.events().get("runtime-api")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http-url-denied",
        "http-client-denied",
        "socket-denied",
        "socket-no-proxy-denied",
        "socket-channel-denied",
        "datagram-send-denied",
        "datagram-connect-denied",
        "datagram-socket-denied",
        "process-denied",
        "runtime-exec-denied",
        "file-output-denied",
        "random-access-write-denied",
        "code-read-denied",
        "code-files-read-denied",
        "files-write-denied"
      })
  void alertMode_deniedOperation_goesThroughAndLogsOneAlert(String name) {
    assertThat(alert.results().get(name)).isEqualTo("ok");
    assertThat(alert.events().get(name)).hasSize(1);
    assertThat(alert.events().get(name).get(0)).contains("alerted");
  }

  @Test
  void alertMode_jndiLookup_reachesTheServerAndLogsAlert() {
    // The lookup goes on to 127.0.0.2 (an HTTP server, so LDAP fails there, not in Warden).
    assertThat(alert.results().get("jndi-denied")).doesNotContain("refused by");
    assertThat(alert.events().get("jndi-denied")).anyMatch(e -> e.contains("jndi"));
  }

  private static int serve(String address) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    SERVERS.add(server);
    return server.getAddress().getPort();
  }

  private static Run child(
      String jar, String mode, int[] ports, Path work, Path hosts)
      throws Exception {
    Path ok = Files.createDirectories(work.resolve(mode).resolve("ok"));
    Path no = Files.createDirectories(work.resolve(mode).resolve("no"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd =
        List.of(
            java,
            "-javaagent:" + jar,
            "-Djdk.net.hosts.file=" + hosts,
            "-cp",
            cp,
            AgentProbe.class.getName(),
            mode,
            Integer.toString(ports[0]),
            Integer.toString(ports[1]),
            Integer.toString(ports[2]),
            ok.toString(),
            no.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.2:" + ports[3]);
    pb.environment().put("LAMBDA_TASK_ROOT", work.resolve(mode).resolve("task").toString());
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String all = String.join("\n", lines);
    assertThat(lines).as(all).contains("DONE");
    Map<String, String> results = new LinkedHashMap<>();
    Map<String, List<String>> events = new LinkedHashMap<>();
    String status = "";
    String current = null;
    for (String line : lines) {
      if (line.startsWith("STATUS ")) {
        status = line;
      } else if (line.startsWith("CASE ")) {
        current = line.substring(5);
        events.put(current, new ArrayList<>());
      } else if (line.startsWith("RESULT ")) {
        String rest = line.substring(7);
        int space = rest.indexOf(' ');
        results.put(rest.substring(0, space), rest.substring(space + 1));
      } else if (line.startsWith("EVENT ") && current != null
          && line.contains("guard-violation")) {
        events.get(current).add(line);
      }
    }
    System.out.println("[" + mode + "] " + lines.stream()
        .filter(l -> l.startsWith("RESULT") || l.startsWith("warden-agent") || l.startsWith("STATUS"))
        .collect(Collectors.joining("\n[" + mode + "] ")));
    return new Run(status, results, events);
  }
}
