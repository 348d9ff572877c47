package dev.warden.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agentless guards, end to end, in child JVMs (they install JVM-wide state that must not leak
 * into other tests): each child runs {@code guardprobe.Probe}, a stand-in user function, against
 * loopback servers on 127.0.0.1 (allowed) and 127.0.0.2 (refused). Runs on the current JDK and on
 * every other JDK in {@link #JDKS} that exists on the machine. Cells marked "gap" are what the
 * agentless mode cannot see (docs/GUARDS.md); they assert the gap so a change in coverage is
 * noticed and the matrix updated.
 */
class AgentlessGuardsTest {

  static final List<String> JDKS = List.of(
      "/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/temurin-25-jdk-amd64");

  @TempDir
  Path tmp;

  static Stream<String> jdks() {
    Set<String> homes = new LinkedHashSet<>();
    homes.add(System.getProperty("java.home"));
    for (String j : JDKS) {
      if (Files.isExecutable(Path.of(j, "bin", "java"))) {
        homes.add(j);
      }
    }
    return homes.stream();
  }

  /** Expected outcome per cell in BLOCK mode without agent, with names from a hosts file. */
  static Map<String, String> blockExpectations() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("huc.allowed.ip", "ok");
    m.put("huc.denied.ip", "IOException/policy");
    m.put("huc.allowed.name", "ok");
    m.put("huc.denied.name", "IOException/policy");
    m.put("huc.runtime-api", "ok");
    m.put("socket.allowed.ip", "ok");
    m.put("socket.allowed.name", "ok");
    m.put("socket.denied.ip", "IOException/policy");
    m.put("socket.denied.name", "IOException/policy");
    m.put("socket.no-proxy.denied.ip", "ok"); // gap: Proxy.NO_PROXY skips the selector
    m.put("socket-channel.denied.ip", "ok"); // gap: SocketChannel never asks a selector
    m.put("udp.denied.ip", "ok"); // gap: UDP
    m.put("http-client.after.allowed.ip", "ok");
    m.put("http-client.after.allowed.name", "ok");
    m.put("http-client.after.denied.ip", "ConnectException");
    m.put("http-client.after.denied.name", "ConnectException");
    m.put("http-client.before.denied.ip", "ok"); // gap: the client kept the old selector
    m.put("http-client.before.denied.name", "ok"); // gap with a hosts file (no resolver provider)
    m.put("deserialize.allowed", "ok");
    m.put("deserialize.gadget", "InvalidClassException");
    m.put("deserialize.too-deep", "InvalidClassException");
    m.put("jndi.ldap", "NamingException/policy");
    m.put("jndi.local", "NoInitialContextException");
    return m;
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void agentlessBlock_coveredClients_refusedWithOrdinaryExceptions(String javaHome) throws Exception {
    Result r = run(javaHome, true, "block");

    assertThat(r.cells).isEqualTo(blockExpectations());
    assertThat(r.finalStatus).contains("proxy-selector", "serial-filter-factory", "jndi-context-builder")
        .contains("looser policy refused");
    List<String> violations = r.events("guard-violation");
    assertThat(violations).isNotEmpty()
        .allSatisfy(e -> assertThat(e).contains("\"disposition\":\"blocked\"")
            .contains("\"location\":\"guardprobe.Probe")
            .contains("\"request_id\":\"req-42\"").contains("\"function\":\"probe-fn\""));
    // Allowed destinations and the Runtime API are never reported.
    assertThat(violations).noneMatch(e -> e.contains("\"evidence\":\"127.0.0.1:"))
        .noneMatch(e -> e.contains("127.0.0.3"));
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void agentlessAlert_refusedDestinations_goThroughAndAreLoggedOnce(String javaHome) throws Exception {
    Result r = run(javaHome, true, "alert");

    Map<String, String> expected = new LinkedHashMap<>();
    blockExpectations().keySet().forEach(k -> expected.put(k, "ok"));
    expected.put("jndi.local", "NoInitialContextException");
    expected.remove("jndi.ldap"); // went to the (HTTP) server as LDAP: a protocol error, not a refusal
    Map<String, String> cells = new LinkedHashMap<>(r.cells);
    String ldap = cells.remove("jndi.ldap");
    assertThat(cells).isEqualTo(expected);
    assertThat(ldap).doesNotContain("/policy");
    List<String> violations = r.events("guard-violation");
    assertThat(violations).allSatisfy(e -> assertThat(e).contains("\"disposition\":\"alerted\""));
    // One event per alerted call: 2 HttpURLConnection + 2 Socket + 2 HttpClient + LDAP's socket.
    assertThat(violations.stream().filter(e -> e.contains("\"rule\":\"egress-not-allowed\""))).hasSize(7);
    assertThat(violations.stream().filter(e -> e.contains("\"rule\":\"deserialization-limit\""))).hasSize(1);
    assertThat(violations.stream().filter(e -> e.contains("\"rule\":\"jndi-remote-lookup\""))).hasSize(1);
  }

  @Test
  void resolverProvider_jdk18Plus_refusesNamesEvenForClientsBuiltBeforeInstall() throws Exception {
    String jdk25 = JDKS.get(1);
    assumeTrue(Files.isExecutable(Path.of(jdk25, "bin", "java")), "JDK 25 not installed");

    Result r = run(jdk25, false, "block");

    assertThat(r.lines).contains("RESOLVER true");
    Map<String, String> cells = new LinkedHashMap<>(r.cells);
    // Present only where the machine's name is in /etc/hosts (the lookup must stay local).
    assertThat(cells.getOrDefault("resolve.local-host", "ok")).isEqualTo("ok");
    cells.remove("resolve.local-host");
    assertThat(cells).isEqualTo(Map.of(
        "huc.allowed.name", "ok",
        "socket.allowed.name", "ok",
        "huc.denied.name", "IOException/policy", // the proxy selector refuses first
        "socket.denied.name", "IOException/policy", // unresolved, then refused by the selector
        "http-client.before.denied.name", "ConnectException", // only the resolver sees this one
        "http-client.before.allowed.name", "ok",
        "huc.runtime-api", "ok"));
    assertThat(r.finalStatus).contains("resolver");
    assertThat(r.events("guard-violation")).anyMatch(e -> e.contains("\"rule\":\"resolve-not-allowed\""));
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void socketFactory_noProxySocket_refused(String javaHome) throws Exception {
    Path ks = keystore();
    Result r = run(javaHome, true, List.of("-Djavax.net.ssl.keyStore=" + ks, "-Djavax.net.ssl.keyStorePassword=changeit",
        "-Djavax.net.ssl.trustStore=" + ks, "-Djavax.net.ssl.trustStorePassword=changeit"),
        "block", "socket-factory", "tls");

    assertThat(r.cells).containsEntry("socket.no-proxy.denied.ip", "ConnectException/policy")
        .containsEntry("socket.denied.ip", "ConnectException/policy")
        .containsEntry("socket.denied.name", "ConnectException/policy")
        .containsEntry("socket.allowed.ip", "ok")
        .containsEntry("socket.allowed.name", "ok")
        .containsEntry("huc.allowed.ip", "ok")
        .containsEntry("huc.runtime-api", "ok")
        .containsEntry("socket-channel.denied.ip", "ok") // still a gap without the agent
        .containsEntry("tls.huc.allowed.ip", "ok")
        .containsEntry("tls.ssl-socket.allowed.ip", "ok")
        .containsEntry("tls.ssl-socket.denied.ip", "ConnectException/policy");
    assertThat(r.finalStatus).contains("socket-impl-factory");
  }

  @Test
  void provisionalPolicy_replacedOnceByFunctionPolicy_functionPolicyEnforced() throws Exception {
    Result r = run(System.getProperty("java.home"), true, "block", "provisional");

    assertThat(r.cells).isEqualTo(blockExpectations());
    assertThat(r.lines).anyMatch(l -> l.contains("installed provisionally"))
        .anyMatch(l -> l.contains("policy replaced the provisional one"));
    assertThat(r.finalStatus).contains("looser policy refused");
  }

  @Test
  void serialFilter_streamCreatedBeforeInstall_fallsBackAndReportsWeakerMode() throws Exception {
    Result r = run(System.getProperty("java.home"), true, "block", "late-stream");

    assertThat(r.finalStatus).contains("serial-filter").doesNotContain("serial-filter-factory")
        .contains("weaker mode");
    assertThat(r.cells).containsEntry("deserialize.gadget", "InvalidClassException")
        .containsEntry("deserialize.allowed", "ok");
    assertThat(r.events("guard-error")).anyMatch(e -> e.contains("weaker mode"));
  }

  record Result(List<String> lines, Map<String, String> cells, String finalStatus) {
    List<String> events(String kind) {
      List<String> out = new ArrayList<>();
      for (String l : lines) {
        // "EVENT " lines come from the probe's sink, installation events from the warden.security logger.
        if (l.contains("\"warden_event\":\"" + kind + "\"")) {
          out.add(l);
        }
      }
      return out;
    }
  }

  /** A throw-away self-signed key pair for 127.0.0.1, made with the JDK's keytool. */
  Path keystore() throws Exception {
    Path ks = tmp.resolve("tls.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "probe", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit",
        "-keypass", "changeit").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ks).exists();
    return ks;
  }

  Result run(String javaHome, boolean hostsFile, String... args) throws Exception {
    return run(javaHome, hostsFile, List.of(), args);
  }

  Result run(String javaHome, boolean hostsFile, List<String> jvmArgs, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(javaHome, "bin", "java").toString());
    cmd.addAll(jvmArgs);
    if (hostsFile) {
      Path hosts = tmp.resolve("hosts");
      Files.writeString(hosts, "127.0.0.1 allowed.test\n127.0.0.2 denied.test\n");
      cmd.add("-Djdk.net.hosts.file=" + hosts);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("guardprobe.Probe");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out;
    try {
      out = p.getInputStream().readAllBytes();
    } finally {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
    if (!lines.contains("DONE")) {
      throw new IOException("probe did not finish:\n" + String.join("\n", lines));
    }
    Map<String, String> cells = new LinkedHashMap<>();
    String fin = "";
    for (String l : lines) {
      if (l.startsWith("CELL ")) {
        String[] parts = l.split(" ", 3);
        cells.put(parts[1], parts[2]);
      } else if (l.startsWith("FINAL ")) {
        fin = l;
      }
    }
    return new Result(lines, cells, fin);
  }
}
