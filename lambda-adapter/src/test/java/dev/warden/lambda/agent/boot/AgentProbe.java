package dev.warden.lambda.agent.boot;

import dev.warden.event.EventJson;
import dev.warden.guard.GuardAction;
import dev.warden.guard.GuardInstaller;
import dev.warden.guard.GuardKind;
import dev.warden.guard.GuardPolicy;
import dev.warden.guard.GuardStatus;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.InitialContext;

/**
 * Runs in a child JVM started with {@code -javaagent:warden-agent.jar}: installs a loopback
 * policy (allow 127.0.0.1 and the name {@code allowed.warden.test}; 127.0.0.2 is denied) and
 * tries each guarded operation (denied ones on 127.0.0.2 and up), printing {@code CASE name}, the events and {@code RESULT name
 * outcome} lines that {@link WardenAgentIT} reads.
 *
 * <p>Arguments: mode (block|alert), allowed HTTP port (127.0.0.1), denied HTTP ports on 127.0.0.2
 * and 127.0.0.3, allowed directory, denied directory. {@code AWS_LAMBDA_RUNTIME_API} points at 127.0.0.2 as well.
 */
public final class AgentProbe {

  interface Op {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    GuardAction action = GuardAction.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
    int allowed = Integer.parseInt(args[1]);
    int deniedHttp = Integer.parseInt(args[2]);
    int deniedHttp2 = Integer.parseInt(args[3]);
    Path okDir = Path.of(args[4]);
    Path noDir = Path.of(args[5]);
    String runtimeApi = System.getenv("AWS_LAMBDA_RUNTIME_API");

    // Built before the guards are installed: the agent hooks its sockets all the same.
    HttpClient early = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Path code = Path.of(System.getenv("LAMBDA_TASK_ROOT"));
    Files.createDirectories(code);
    Files.write(code.resolve("Handler.class"), new byte[] {1});

    GuardPolicy.Builder b =
        GuardPolicy.builder()
            .protectCode(true)
            .allowEgress("127.0.0.1")
            .allowEgress("allowed.warden.test")
            .allowExecutable("true")
            .fileWritePrefixes(List.of(okDir.toString()));
    for (GuardKind k : GuardKind.values()) {
      b.action(k, action);
    }
    GuardStatus status =
        GuardInstaller.install(
            b.build(), event -> System.out.println("EVENT " + EventJson.render(event)));
    System.out.println("STATUS " + status.mechanisms());

    String okUrl = "http://127.0.0.1:" + allowed + "/";
    String noUrl = "http://127.0.0.2:" + deniedHttp + "/";
    run("http-url-allowed", () -> http(okUrl));
    run("http-url-denied", () -> http(noUrl));
    run("http-client-allowed", () -> httpClient(okUrl));
    run("http-client-denied", () -> httpClient("http://127.0.0.3:" + deniedHttp2 + "/"));
    run("http-url-name-denied", () -> http("http://denied.warden.test:" + deniedHttp + "/"));
    run("http-client-early-denied", () -> early.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.4:" + deniedHttp2 + "/"))
            .timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.discarding()));
    run("runtime-api", () -> http("http://" + runtimeApi + "/2018-06-01/runtime/invocation/next"));
    run("socket-allowed", () -> new Socket("127.0.0.1", allowed).close());
    run("socket-denied", () -> {
      InetSocketAddress to = freshTcp();
      new Socket(to.getHostString(), to.getPort()).close();
    });
    run("socket-localhost-allowed", () -> new Socket("localhost", allowed).close());
    run("socket-name-allowed", () -> new Socket("allowed.warden.test", listen("127.0.0.2")).close());
    run("socket-name-denied", () -> new Socket("denied.warden.test", listen("127.0.0.2")).close());
    run("socket-no-proxy-denied", () -> {
      try (Socket s = new Socket(Proxy.NO_PROXY)) {
        s.connect(freshTcp(), 2000);
      }
    });
    run("socket-channel-allowed",
        () -> SocketChannel.open(new InetSocketAddress("127.0.0.1", allowed)).close());
    run("socket-channel-denied",
        () -> SocketChannel.open(freshTcp()).close());
    run("datagram-send-allowed", () -> {
      try (DatagramChannel c = DatagramChannel.open()) {
        c.send(ByteBuffer.wrap(new byte[] {1}), new InetSocketAddress("127.0.0.1", allowed));
      }
    });
    run("datagram-send-denied", () -> {
      try (DatagramChannel c = DatagramChannel.open()) {
        c.send(ByteBuffer.wrap(new byte[] {1}), freshUdp());
      }
    });
    run("datagram-connect-denied", () -> {
      try (DatagramChannel c = DatagramChannel.open()) {
        c.connect(freshUdp());
      }
    });
    run("datagram-socket-denied", () -> {
      try (DatagramSocket s = new DatagramSocket()) {
        s.send(new DatagramPacket(new byte[] {1}, 1, freshUdp()));
      }
    });
    run("process-allowed", () -> new ProcessBuilder("true").start().waitFor());
    run("process-denied", () -> new ProcessBuilder("sh", "-c", "exit 0").start().waitFor());
    run("runtime-exec-denied",
        () -> Runtime.getRuntime().exec(new String[] {"echo", "warden"}).waitFor());
    run("file-output-allowed", () -> new FileOutputStream(okDir.resolve("a.txt").toFile()).close());
    run("file-output-denied",
        () -> new FileOutputStream(noDir.resolve("a.txt").toString(), true).close());
    run("random-access-write-denied",
        () -> new RandomAccessFile(noDir.resolve("c.txt").toFile(), "rw").close());
    run("random-access-read-allowed",
        () -> new RandomAccessFile(okDir.resolve("a.txt").toFile(), "r").close());
    run("code-read-denied", () -> new FileInputStream(code.resolve("Handler.class").toFile()).close());
    run("code-files-read-denied", () -> Files.readAllBytes(code.resolve("Handler.class")));
    run("files-write-allowed", () -> Files.write(okDir.resolve("b.txt"), new byte[] {1}));
    run("files-write-denied", () -> Files.write(noDir.resolve("b.txt"), new byte[] {1}));
    run("jndi-denied", () -> {
      Hashtable<String, String> env = new Hashtable<>();
      env.put("com.sun.jndi.ldap.connect.timeout", "2000");
      env.put("com.sun.jndi.ldap.read.timeout", "2000");
      // No initial factory: an ldap: URL name goes to the LDAP URL context, as in Log4Shell.
      InetSocketAddress to = freshTcp();
      new InitialContext(env).lookup(
          "ldap://" + to.getHostString() + ":" + to.getPort() + "/o=warden");
    });
    System.out.println("DONE");
  }

  /**
   * A new denied loopback address per case (127.0.0.10 and up): the enforcer records an alert
   * for the same host once per second and thread, and each case must show its own event.
   */
  private static String freshHost() {
    return "127.0.0." + nextHost++;
  }

  private static int nextHost = 10;

  /** Listens on {@code host}, port chosen by the OS, until the JVM ends. */
  private static int listen(String host) throws IOException {
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(host));
    OPEN.add(s);
    return s.getLocalPort();
  }

  private static InetSocketAddress freshTcp() throws IOException {
    String host = freshHost();
    return new InetSocketAddress(host, listen(host));
  }

  private static InetSocketAddress freshUdp() throws IOException {
    DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress(freshHost(), 0));
    OPEN.add(c);
    return (InetSocketAddress) c.getLocalAddress();
  }

  private static final List<Closeable> OPEN = new ArrayList<>();

  private static void run(String name, Op op) {
    System.out.println("CASE " + name);
    String outcome;
    try {
      op.run();
      outcome = "ok";
    } catch (Exception e) {
      outcome = "failed " + e.getClass().getName() + ": " + e.getMessage();
    }
    System.out.println("RESULT " + name + " " + outcome);
  }

  private static void http(String url) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(2000);
    try (InputStream in = c.getInputStream()) {
      in.readAllBytes();
    }
  }

  private static void httpClient(String url) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private AgentProbe() {}
}
