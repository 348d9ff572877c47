package guardprobe;

import dev.warden.Invocation;
import dev.warden.event.EventJson;
import dev.warden.guard.GuardAction;
import dev.warden.guard.GuardInstaller;
import dev.warden.guard.GuardKind;
import dev.warden.guard.GuardPolicy;
import dev.warden.guard.GuardStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.naming.InitialContext;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.commons.collections.functors.InvokerTransformer;

/**
 * A stand-in for a user's function, run in its own JVM by AgentlessGuardsTest: installs the
 * runtime guards, then tries each client against an allowed (127.0.0.1) and a refused (127.0.0.2)
 * loopback server and prints one {@code CELL name outcome} line per attempt, where outcome is
 * {@code ok} (the call went through) or the simple name of the exception the caller saw, with
 * {@code /policy} appended when its message or a cause names the policy.
 * Events are printed as {@code EVENT <json>}. Loopback only.
 *
 * <p>Arguments: {@code block|alert}, then flags {@code socket-factory}, {@code late-stream},
 * {@code provisional}, {@code tls} (needs javax.net.ssl.keyStore/trustStore properties).
 * The hosts file (jdk.net.hosts.file) maps allowed.test to 127.0.0.1 and denied.test to 127.0.0.2.
 */
public final class Probe {

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    List<String> flags = List.of(args).subList(1, args.length);
    if (flags.contains("late-stream")) {
      // An ObjectInputStream before installation: the filter factory can no longer be set.
      new ObjectInputStream(new ByteArrayInputStream(serialize("x"))).close();
    }
    ServerSocket allowed = server("127.0.0.1");
    ServerSocket denied = server("127.0.0.2");
    ServerSocket runtime = server("127.0.0.3");
    int ap = allowed.getLocalPort();
    int dp = denied.getLocalPort();
    HttpClient before = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    GuardAction action = GuardAction.valueOf(mode.toUpperCase());
    boolean hostsFile = System.getProperty("jdk.net.hosts.file") != null;
    GuardPolicy.Builder b = GuardPolicy.builder()
        .platform(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.3:" + runtime.getLocalPort()))
        .allowEgress("localhost")
        .action(GuardKind.EGRESS, action)
        .action(GuardKind.DESERIALIZATION, action)
        .action(GuardKind.JNDI, action)
        .maxDepth(20)
        .socketFactory(flags.contains("socket-factory"));
    if (hostsFile) {
      // With CIDR rules a refused name is resolved to check its addresses: only safe with a hosts file.
      b.allowEgress("127.0.0.1").allowEgress("allowed.test");
    }
    if (flags.contains("provisional")) {
      // As an agent's premain would: a provisional policy (here: everything allowed but
      // deserialization), replaced once by the function's policy below.
      GuardInstaller.installProvisional(GuardPolicy.builder().platform(Map.of())
          .action(GuardKind.EGRESS, GuardAction.ALLOW).action(GuardKind.JNDI, GuardAction.ALLOW)
          .build(), e -> System.out.println("EVENT " + EventJson.render(e)));
    }
    GuardStatus status = GuardInstaller.install(b.build(), e -> System.out.println("EVENT " + EventJson.render(e)));
    // A looser second installation is refused; the first policy stays.
    GuardInstaller.install(GuardPolicy.builder().action(GuardKind.EGRESS, GuardAction.ALLOW).build(), e -> { });
    System.out.println("STATUS " + status.mechanisms() + " " + status.notes());

    HttpClient after = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    GuardInstaller.invocationStarted(Invocation.of("req-42", "probe-fn"));
    if (!hostsFile) {
      // Names only, host rules only: a refused name is refused by the resolver guard before any
      // DNS query leaves the machine (JDK 18+, block mode, provider loaded), or not tried at all.
      InetAddress.getByName("localhost");
      boolean resolver = GuardInstaller.status().mechanisms().contains("resolver");
      System.out.println("RESOLVER " + resolver);
      if (resolver && action == GuardAction.BLOCK) {
        cell("huc.allowed.name", () -> huc("http://localhost:" + ap + "/"));
        cell("socket.allowed.name", () -> socket(new Socket("localhost", ap)));
        cell("huc.denied.name", () -> huc("http://denied.test:" + dp + "/"));
        cell("socket.denied.name", () -> socket(new Socket("denied.test", dp)));
        cell("http-client.before.denied.name", () -> hc(before, "http://denied.test:" + dp + "/"));
        cell("http-client.before.allowed.name", () -> hc(before, "http://localhost:" + ap + "/"));
        cell("huc.runtime-api", () -> huc("http://127.0.0.3:" + runtime.getLocalPort() + "/2018-06-01/runtime/invocation/next"));
        if (localNameInHostsFile()) { // else the lookup could leave the machine
          cell("resolve.local-host", () -> InetAddress.getLocalHost() != null ? "ok" : "null");
        }
      }
      System.out.println("FINAL " + GuardInstaller.status().mechanisms() + " " + GuardInstaller.status().notes());
      System.out.println("DONE");
      System.exit(0);
    }
    String allowedName = "allowed.test";

    cell("huc.allowed.ip", () -> huc("http://127.0.0.1:" + ap + "/"));
    cell("huc.denied.ip", () -> huc("http://127.0.0.2:" + dp + "/"));
    cell("huc.allowed.name", () -> huc("http://" + allowedName + ":" + ap + "/"));
    cell("huc.denied.name", () -> huc("http://denied.test:" + dp + "/"));
    cell("huc.runtime-api", () -> huc("http://127.0.0.3:" + runtime.getLocalPort() + "/2018-06-01/runtime/invocation/next"));
    cell("socket.allowed.ip", () -> socket(new Socket("127.0.0.1", ap)));
    cell("socket.allowed.name", () -> socket(new Socket(allowedName, ap)));
    cell("socket.denied.ip", () -> socket(new Socket("127.0.0.2", dp)));
    cell("socket.denied.name", () -> socket(new Socket("denied.test", dp)));
    cell("socket.no-proxy.denied.ip", () -> {
      Socket s = new Socket(Proxy.NO_PROXY);
      s.connect(new InetSocketAddress("127.0.0.2", dp), 2000);
      return socket(s);
    });
    cell("socket-channel.denied.ip", () -> {
      try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.2", dp))) {
        return ch.isConnected() ? "ok" : "not-connected";
      }
    });
    cell("udp.denied.ip", () -> {
      try (DatagramSocket d = new DatagramSocket()) {
        d.send(new DatagramPacket(new byte[] {1}, 1, InetAddress.getByName("127.0.0.2"), dp));
        return "ok";
      }
    });
    cell("http-client.after.allowed.ip", () -> hc(after, "http://127.0.0.1:" + ap + "/"));
    cell("http-client.after.allowed.name", () -> hc(after, "http://" + allowedName + ":" + ap + "/"));
    cell("http-client.after.denied.ip", () -> hc(after, "http://127.0.0.2:" + dp + "/"));
    cell("http-client.after.denied.name", () -> hc(after, "http://denied.test:" + dp + "/"));
    cell("http-client.before.denied.ip", () -> hc(before, "http://127.0.0.2:" + dp + "/"));
    cell("http-client.before.denied.name", () -> hc(before, "http://denied.test:" + dp + "/"));
    if (flags.contains("tls")) {
      // TLS clients over the socket factory: HttpsURLConnection layers TLS over a plain socket,
      // SSLSocketFactory.createSocket makes an SSLSocket whose own impl comes from the factory.
      ServerSocket tls = tlsServer("127.0.0.1");
      ServerSocket tlsDenied = tlsServer("127.0.0.2");
      cell("tls.huc.allowed.ip", () -> {
        HttpsURLConnection c = (HttpsURLConnection) new URL("https://127.0.0.1:" + tls.getLocalPort() + "/").openConnection();
        c.setReadTimeout(3000);
        return c.getResponseCode() == 200 ? "ok" : "status-" + c.getResponseCode();
      });
      cell("tls.ssl-socket.allowed.ip", () -> socket(SSLSocketFactory.getDefault().createSocket("127.0.0.1", tls.getLocalPort())));
      cell("tls.ssl-socket.denied.ip", () -> socket(SSLSocketFactory.getDefault().createSocket("127.0.0.2", tlsDenied.getLocalPort())));
    }
    cell("deserialize.allowed", () -> deserialize(serialize(new ArrayList<>(List.of("a", "b")))));
    cell("deserialize.gadget", () -> deserialize(serialize(new InvokerTransformer())));
    cell("deserialize.too-deep", () -> deserialize(serialize(nested(40))));
    cell("jndi.ldap", () -> {
      new InitialContext().lookup("ldap://127.0.0.2:" + dp + "/o=x");
      return "ok";
    });
    cell("jndi.local", () -> {
      new InitialContext().lookup("java:comp/env/x");
      return "ok";
    });
    System.out.println("FINAL " + GuardInstaller.status().mechanisms() + " " + GuardInstaller.status().notes());
    System.out.println("DONE");
    System.exit(0);
  }

  static boolean localNameInHostsFile() {
    try {
      String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/hosts"))) {
        if (List.of(line.trim().split("\\s+")).contains(name)) {
          return true;
        }
      }
    } catch (Exception e) {
      // not Linux, or unreadable: do not try
    }
    return false;
  }

  static void cell(String name, Callable<String> c) {
    String outcome;
    try {
      outcome = c.call();
    } catch (Throwable t) {
      // "/policy" marks a refusal whose message (or a cause's) names the policy.
      boolean policy = false;
      for (Throwable x = t; x != null; x = x.getCause()) {
        policy |= x.getMessage() != null && x.getMessage().contains("policy");
      }
      outcome = t.getClass().getSimpleName() + (policy ? "/policy" : "");
    }
    System.out.println("CELL " + name + " " + outcome);
  }

  static String huc(String url) throws Exception {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(2000);
    int code = c.getResponseCode();
    c.disconnect();
    return code == 200 ? "ok" : "status-" + code;
  }

  static String hc(HttpClient c, String url) throws Exception {
    HttpResponse<Void> r = c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.discarding());
    return r.statusCode() == 200 ? "ok" : "status-" + r.statusCode();
  }

  static String socket(Socket s) throws Exception {
    try (s) {
      s.setSoTimeout(2000);
      s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
      InputStream in = s.getInputStream();
      return in.read() == 'H' ? "ok" : "no-reply";
    }
  }

  static byte[] serialize(Object o) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return b.toByteArray();
  }

  static String deserialize(byte[] data) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
      in.readObject();
      return "ok";
    }
  }

  static Object nested(int depth) {
    List<Object> l = new ArrayList<>();
    List<Object> cur = l;
    for (int i = 0; i < depth; i++) {
      List<Object> next = new ArrayList<>();
      cur.add(next);
      cur = next;
    }
    return l;
  }

  /** Like {@link #server} but speaking TLS (keystore from the javax.net.ssl.* properties). */
  static ServerSocket tlsServer(String address) throws Exception {
    ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName(address));
    Thread t = new Thread(() -> {
      while (!ss.isClosed()) {
        try (Socket raw = ss.accept();
            SSLSocket s = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(raw, null, raw.getPort(), false)) {
          s.setUseClientMode(false);
          s.setSoTimeout(3000);
          s.getInputStream().read(new byte[4096]);
          s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes());
          s.getOutputStream().flush();
        } catch (Exception ignored) {
          // next connection
        }
      }
    }, "probe-tls-server-" + address);
    t.setDaemon(true);
    t.start();
    return ss;
  }

  /** A tiny HTTP server on one loopback address: answers every connection with 200 and closes. */
  static ServerSocket server(String address) throws Exception {
    ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName(address));
    Thread t = new Thread(() -> {
      while (!ss.isClosed()) {
        try (Socket s = ss.accept()) {
          s.setSoTimeout(2000);
          InputStream in = s.getInputStream();
          // Read the request head (or whatever arrives) before answering.
          byte[] buf = new byte[4096];
          in.read(buf);
          OutputStream out = s.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes());
          out.flush();
        } catch (Exception ignored) {
          // next connection
        }
      }
    }, "probe-server-" + address);
    t.setDaemon(true);
    t.start();
    return ss;
  }

  private Probe() {}
}
