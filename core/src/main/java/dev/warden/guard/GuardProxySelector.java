package dev.warden.guard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The JVM-wide default {@link ProxySelector} that checks every destination against the egress
 * policy, then delegates to the selector it replaced (so {@code http.proxyHost} and friends keep
 * working).
 *
 * <p>Who asks it (measured on JDK 17 and 25): {@code HttpURLConnection}, {@code java.net.Socket}
 * (through {@code SocksSocketImpl}, as {@code socket://host:port}), and {@code HttpClient}s built
 * after installation (a client captures the default selector when it is built). Not asked:
 * {@code SocketChannel}, UDP, {@code new Socket(Proxy.NO_PROXY)}, clients with their own selector.
 *
 * <p>How a refusal reaches the caller as an ordinary {@link IOException}: {@code HttpURLConnection}
 * and {@code SocksSocketImpl} turn an {@link IllegalArgumentException} from {@code select} into
 * {@code IOException("Failed to select a proxy")} (JDK source: {@code HttpURLConnection.plainConnect0},
 * {@code SocksSocketImpl.connect}), so for them {@code select} throws one with the policy's
 * message as the cause. Any other caller (the JDK {@code HttpClient} lets the exception escape
 * unchecked; OkHttp and others may too) gets a "sinkhole" proxy at {@code 127.0.0.1:0}, a port
 * nothing can listen on: the connect fails at once with {@link java.net.ConnectException}.
 *
 * <p>Name-only destinations under CIDR rules are resolved here (under {@link RuntimeGuards#bypass})
 * and allowed when an answer falls in an allowed block; the connection resolves again, so DNS
 * rebinding between the two lookups is a known gap without the agent.
 *
 * <p>Thread-safe; never throws anything but the documented refusal.
 */
final class GuardProxySelector extends ProxySelector {

  /**
   * Loopback port 0: connecting there fails immediately with "Connection refused". In a holder
   * class, built at the first refusal: {@code InetAddress.getLoopbackAddress()} initialises the
   * JDK's address classes (an IPv6 probe included), about 1.5 ms of every cold start otherwise.
   */
  static final class Sinkhole {
    static final InetSocketAddress ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private Sinkhole() {}
  }

  private final ProxySelector previous;

  GuardProxySelector(ProxySelector previous) {
    this.previous = previous;
  }

  /**
   * Makes a guard selector wrapping the current default the JVM-wide default. Here rather than at
   * the caller so that this class is loaded only where egress is enforced: the bytecode verifier
   * loads the class of an object passed as a {@code ProxySelector} when it checks the caller.
   */
  static void install() {
    ProxySelector.setDefault(new GuardProxySelector(ProxySelector.getDefault()));
  }

  @Override
  public List<Proxy> select(URI uri) {
    if (uri == null) {
      throw new IllegalArgumentException("uri is null"); // ProxySelector.select's contract
    }
    Enforcer e = GuardInstaller.enforcer();
    if (e != null && !RuntimeGuards.bypassed()) {
      GuardDecision d;
      String host = null;
      int port = -1;
      try {
        host = host(uri);
        port = port(uri);
        d = decide(e, host, port);
      } catch (RuntimeException | Error ex) {
        d = e.failed(ex); // Warden's own failure: reported, and the call proceeds
      }
      if (d == GuardDecision.BLOCKED) {
        return refuse(uri, Enforcer.target(host, null, port));
      }
    }
    return previous != null ? previous.select(uri) : List.of(Proxy.NO_PROXY);
  }

  private static GuardDecision decide(Enforcer e, String host, int port) {
    if (host == null) {
      return e.decideConnect("", null, port, RuntimeGuards.API_PROXY_SELECTOR);
    }
    if (e.action(GuardKind.EGRESS) == GuardAction.ALLOW || e.allowedByHost(host, port)) {
      return GuardDecision.ALLOWED;
    }
    if (EgressRule.literal(host) == null && e.hasCidrRules()) {
      InetAddress[] answers;
      try {
        answers = RuntimeGuards.bypass(() -> InetAddress.getAllByName(host));
      } catch (Exception unresolved) {
        answers = new InetAddress[0];
      }
      for (InetAddress a : answers) {
        if (e.allowedByCidr(a, port)) {
          return GuardDecision.ALLOWED;
        }
      }
    }
    return e.decideConnect(host, null, port, RuntimeGuards.API_PROXY_SELECTOR);
  }

  private static List<Proxy> refuse(URI uri, String target) {
    boolean socket = "socket".equalsIgnoreCase(uri.getScheme());
    if (callerWrapsIllegalArgument()) {
      throw new IllegalArgumentException("refused by egress policy: " + target);
    }
    return List.of(new Proxy(socket ? Proxy.Type.SOCKS : Proxy.Type.HTTP, Sinkhole.ADDRESS));
  }

  /** True when the direct caller turns an IllegalArgumentException into an IOException. */
  private static boolean callerWrapsIllegalArgument() {
    return StackWalker.getInstance().walk(s -> s
        .map(StackWalker.StackFrame::getClassName)
        .filter(c -> !c.equals(GuardProxySelector.class.getName()))
        .findFirst()
        .map(c -> c.equals("sun.net.www.protocol.http.HttpURLConnection") || c.equals("java.net.SocksSocketImpl"))
        .orElse(false));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    if (Sinkhole.ADDRESS.equals(sa)) {
      return; // our own refusal, not a proxy failure the previous selector should learn from
    }
    if (previous != null) {
      previous.connectFailed(uri, sa, ioe);
    }
  }

  /**
   * The host of {@code uri}. {@link URI#getHost()} is null for names the URI grammar rejects
   * (an underscore is legal in DNS but not in a URI host), which must not skip the check: the
   * authority is parsed instead.
   */
  static String host(URI uri) {
    String h = uri.getHost();
    if (h != null) {
      return h;
    }
    String auth = uri.getRawAuthority();
    if (auth == null) {
      return null;
    }
    int at = auth.lastIndexOf('@');
    String hp = at >= 0 ? auth.substring(at + 1) : auth;
    if (hp.startsWith("[")) {
      int close = hp.indexOf(']');
      return close > 0 ? hp.substring(0, close + 1) : hp;
    }
    int colon = hp.lastIndexOf(':');
    return colon >= 0 ? hp.substring(0, colon) : hp;
  }

  static int port(URI uri) {
    int p = uri.getPort();
    if (p >= 0) {
      return p;
    }
    if (uri.getHost() == null && uri.getRawAuthority() != null) {
      String auth = uri.getRawAuthority();
      int colon = auth.lastIndexOf(':');
      if (colon >= 0 && auth.indexOf(']', colon) < 0) {
        try {
          return Integer.parseInt(auth.substring(colon + 1));
        } catch (NumberFormatException ignored) {
          // fall through to the scheme default
        }
      }
    }
    String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (s) {
      case "http":
      case "ws":
        return 80;
      case "https":
      case "wss":
        return 443;
      case "ftp":
        return 21;
      default:
        return -1;
    }
  }
}
