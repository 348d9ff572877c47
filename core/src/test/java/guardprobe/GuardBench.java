package guardprobe;

import dev.warden.guard.Enforcer;
import dev.warden.guard.GuardInstaller;
import dev.warden.guard.GuardPolicy;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.util.Arrays;
import java.util.Map;

/**
 * Cost of the runtime guards, as medians over rounds (run by {@code bench/guards}; loopback only).
 * Argument {@code baseline} skips installation, to compare the HttpURLConnection round trip.
 */
public final class GuardBench {

  static volatile Object sink;

  public static void main(String[] args) throws Exception {
    boolean baseline = args.length > 0 && args[0].equals("baseline");
    ServerSocket server = Probe.server("127.0.0.1");
    int port = server.getLocalPort();
    if (!baseline) {
      GuardInstaller.install(GuardPolicy.builder().platform(Map.of())
          .allowEgress("api.example.com:443").allowEgress("*.amazonaws.com").allowEgress("10.0.0.0/8")
          .allowEgress("127.0.0.1").build(), e -> { });
      Enforcer e = GuardInstaller.enforcer();
      InetAddress a = InetAddress.getByName("10.1.2.3");
      report("decideConnect allowed by host rule (ns/op)", 200_000,
          () -> sink = e.decideConnect("dynamodb.eu-west-1.amazonaws.com", null, 443, "bench"));
      report("decideConnect allowed by CIDR rule (ns/op)", 200_000,
          () -> sink = e.decideConnect(null, a, 5432, "bench"));
      URI uri = URI.create("https://dynamodb.eu-west-1.amazonaws.com/");
      ProxySelector ps = ProxySelector.getDefault();
      report("ProxySelector.select allowed (ns/op)", 200_000, () -> sink = ps.select(uri));
    }
    report((baseline ? "baseline " : "guarded ") + "HttpURLConnection loopback round trip (ns/op)", 200, () -> {
      try {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/").openConnection();
        sink = c.getResponseCode();
        c.disconnect();
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    });
    System.exit(0);
  }

  static void report(String name, int ops, Runnable r) {
    int rounds = 15;
    long[] ns = new long[rounds];
    for (int w = 0; w < 3; w++) {
      for (int i = 0; i < ops; i++) {
        r.run();
      }
    }
    for (int k = 0; k < rounds; k++) {
      long t = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        r.run();
      }
      ns[k] = (System.nanoTime() - t) / ops;
    }
    Arrays.sort(ns);
    System.out.printf("%-60s median %d  (min %d, max %d)%n", name, ns[rounds / 2], ns[0], ns[rounds - 1]);
  }

  private GuardBench() {}
}
