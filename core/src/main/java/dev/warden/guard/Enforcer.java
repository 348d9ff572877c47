package dev.warden.guard;

import dev.warden.Invocation;
import dev.warden.detect.Finding;
import dev.warden.event.EventSink;
import dev.warden.event.Evidence;
import dev.warden.event.SecurityEvent;
import dev.warden.extract.Source;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.naming.NamingException;

/**
 * Decides runtime-guard checks under one {@link GuardPolicy} and records one
 * {@code guard-violation} security event per refused or alerted operation.
 *
 * <p>Each {@code decide*} method returns a {@link GuardDecision} and never throws; each
 * {@code check*} method throws the caller's ordinary exception when the decision is
 * {@link GuardDecision#BLOCKED} (see {@link RuntimeGuards} for the table). Warden's own failures
 * inside a check are contained: one {@code guard-error} event, then the call proceeds.
 *
 * <p>An event carries the guard ({@code detector} = {@link GuardKind#id()}), the rule
 * ({@code egress-not-allowed}, {@code process-not-allowed}, ...), the top user stack frame as the
 * location (JDK and Warden frames skipped), and the destination, command or path as evidence,
 * bounded and redacted by {@link Evidence#excerpt}. At most {@link #MAX_EVENTS_PER_MINUTE}
 * events per minute are recorded; the rest are counted and reported with the next recorded event,
 * so a loop of refused calls is not a flood of log lines.
 *
 * <p>Immutable configuration, thread-safe. Events are recorded under
 * {@link RuntimeGuards#bypass}, so a sink's own I/O is never policed.
 */
public final class Enforcer {

  /** Event kind of a refused or alerted runtime operation. */
  public static final String GUARD_VIOLATION = SecurityEvent.GUARD_VIOLATION;

  static final int MAX_EVENTS_PER_MINUTE = 100;

  private static final String[] SKIPPED_FRAMES = {
    "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.warden.guard.", "dev.warden.event.",
    "dev.warden.lambda.", "dev.warden.agent."
  };

  private final GuardPolicy policy;
  private final EventSink sink;
  private final Supplier<Invocation> invocation;
  private final Clock clock;
  private final String runtimeHost;
  private final byte[] runtimeAddress;
  private final int runtimePort;
  private final AtomicLong window = new AtomicLong();
  private final AtomicLong inWindow = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();

  /**
   * @param policy the policy to enforce
   * @param sink where violation events go; must not throw (a throwing sink is contained)
   * @param invocation supplies the invocation an event belongs to (may return a placeholder
   *     outside an invocation); called only when an event is recorded
   */
  public Enforcer(GuardPolicy policy, EventSink sink, Supplier<Invocation> invocation) {
    this(policy, sink, invocation, Clock.systemUTC());
  }

  Enforcer(GuardPolicy policy, EventSink sink, Supplier<Invocation> invocation, Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.invocation = Objects.requireNonNull(invocation, "invocation");
    this.clock = Objects.requireNonNull(clock, "clock");
    String api = policy.runtimeApi();
    String h = null;
    int p = -1;
    if (api != null) {
      int colon = api.lastIndexOf(':');
      if (colon > 0 && api.indexOf(']') < colon) {
        h = api.substring(0, colon);
        try {
          p = Integer.parseInt(api.substring(colon + 1));
        } catch (NumberFormatException e) {
          p = -1;
        }
      } else {
        h = api;
      }
    }
    this.runtimeHost = EgressRule.normalizeHost(h);
    this.runtimeAddress = EgressRule.literal(runtimeHost);
    this.runtimePort = p;
  }

  public GuardPolicy policy() {
    return policy;
  }

  // ---------------------------------------------------------------- egress

  /** Decision for a TCP connection; see {@link RuntimeGuards#checkConnect}. */
  public GuardDecision decideConnect(String host, InetAddress address, int port, String api) {
    return decideEgress(host, address, port, api, "egress-not-allowed");
  }

  public void checkConnect(String host, InetAddress address, int port, String api) throws ConnectException {
    if (decideConnect(host, address, port, api) == GuardDecision.BLOCKED) {
      throw new ConnectException("Connection refused by egress policy: " + target(host, address, port));
    }
  }

  public void checkDatagram(String host, InetAddress address, int port, String api) throws ConnectException {
    if (decideEgress(host, address, port, api, "datagram-not-allowed") == GuardDecision.BLOCKED) {
      throw new ConnectException("Datagram refused by egress policy: " + target(host, address, port));
    }
  }

  /**
   * Decision for resolving a host name: allowed when a host rule allows it on some port, or when
   * CIDR rules exist (the resolved addresses are then checked with {@link #allowedByCidr}).
   */
  public GuardDecision decideResolve(String host) {
    if (off(GuardKind.EGRESS) || host == null) {
      return GuardDecision.ALLOWED;
    }
    try {
      String h = EgressRule.normalizeHost(host);
      if (EgressRule.literal(h) != null || h.equals(runtimeHost) || h.equals("localhost")) {
        return GuardDecision.ALLOWED;
      }
      for (EgressRule r : policy.egress()) {
        if (r.host() != null && r.matches(h, null, -1)) {
          return GuardDecision.ALLOWED;
        }
      }
      if (hasCidrRules()) {
        return GuardDecision.ALLOWED; // the caller checks the answers against the CIDR rules
      }
      return violate(GuardKind.EGRESS, "resolve-not-allowed", host, RuntimeGuards.API_RESOLVER, h);
    } catch (RuntimeException | Error e) {
      return contained(e);
    }
  }

  public void checkResolve(String host) throws UnknownHostException {
    if (decideResolve(host) == GuardDecision.BLOCKED) {
      throw new UnknownHostException(host + ": refused by egress policy");
    }
  }

  /** True when a host rule allows {@code host} on {@code port} (-1: any port), without events. */
  public boolean allowedByHost(String host, int port) {
    String h = EgressRule.normalizeHost(host);
    if (isRuntimeApi(h, null, port)) {
      return true;
    }
    for (EgressRule r : policy.egress()) {
      if (r.host() != null && r.matches(h, null, port)) {
        return true;
      }
    }
    return false;
  }

  /** True when a CIDR rule allows {@code address} on {@code port} (-1: any port), without events. */
  public boolean allowedByCidr(InetAddress address, int port) {
    if (isRuntimeApi(null, address, port)) {
      return true;
    }
    for (EgressRule r : policy.egress()) {
      if (r.network() != null && r.matches(null, address, port)) {
        return true;
      }
    }
    return false;
  }

  /** True when the policy has at least one CIDR rule. */
  public boolean hasCidrRules() {
    for (EgressRule r : policy.egress()) {
      if (r.host() == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records a violation decided elsewhere (e.g. by a resolver that found no allowed address) and
   * returns the decision the action implies.
   */
  public GuardDecision violation(GuardKind kind, String rule, String subject, String api) {
    if (off(kind)) {
      return GuardDecision.ALLOWED;
    }
    try {
      // One stream past a limit trips the filter once per object: alert once per thread and rule.
      String key = kind == GuardKind.EGRESS ? EgressRule.normalizeHost(subject)
          : kind == GuardKind.DESERIALIZATION ? rule : null;
      return violate(kind, rule, subject, api, key);
    } catch (RuntimeException | Error e) {
      return contained(e);
    }
  }

  private GuardDecision decideEgress(String host, InetAddress address, int port, String api, String rule) {
    if (off(GuardKind.EGRESS)) {
      return GuardDecision.ALLOWED;
    }
    try {
      String h = EgressRule.normalizeHost(host);
      InetAddress a = address;
      if (a == null && h != null) {
        byte[] lit = EgressRule.literal(h);
        if (lit != null) {
          a = InetAddress.getByAddress(lit);
        }
      }
      if (isRuntimeApi(h, a, port) || port == 0 && a != null && a.isLoopbackAddress()) {
        // Loopback port 0 is the proxy selector's sinkhole: it can never connect anywhere.
        return GuardDecision.ALLOWED;
      }
      for (EgressRule r : policy.egress()) {
        if (r.matches(h, a, port)) {
          return GuardDecision.ALLOWED;
        }
      }
      return violate(GuardKind.EGRESS, rule, target(host, address, port), api, h != null ? h : target(null, a, -1));
    } catch (RuntimeException | Error | UnknownHostException e) {
      return contained(e);
    }
  }

  private boolean isRuntimeApi(String h, InetAddress a, int port) {
    if (runtimeHost == null || (runtimePort >= 0 && port >= 0 && port != runtimePort)) {
      return false;
    }
    if (h != null && h.equals(runtimeHost)) {
      return true;
    }
    return a != null && runtimeAddress != null && java.util.Arrays.equals(a.getAddress(), runtimeAddress);
  }

  static String target(String host, InetAddress address, int port) {
    StringBuilder s = new StringBuilder();
    if (host != null) {
      s.append(host);
    }
    if (address != null) {
      String lit = address.getHostAddress();
      if (host == null || !host.equals(lit)) {
        s.append(host == null ? "" : "/").append(lit);
      }
    }
    if (port >= 0) {
      s.append(':').append(port);
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- processes

  public GuardDecision decideProcess(List<String> command) {
    if (off(GuardKind.PROCESS)) {
      return GuardDecision.ALLOWED;
    }
    try {
      String exe = command == null || command.isEmpty() || command.get(0) == null ? "" : command.get(0);
      String key = exe.indexOf('/') >= 0 ? Paths.normalize(exe) : exe;
      if (!key.isEmpty() && policy.allowedExecutables().contains(key)) {
        return GuardDecision.ALLOWED;
      }
      return violate(GuardKind.PROCESS, "process-not-allowed", command == null ? "" : String.join(" ", command),
          "java.lang.ProcessBuilder");
    } catch (RuntimeException | Error e) {
      return contained(e);
    }
  }

  public void checkProcess(List<String> command) throws IOException {
    if (decideProcess(command) == GuardDecision.BLOCKED) {
      String exe = command == null || command.isEmpty() ? "" : String.valueOf(command.get(0));
      // ProcessBuilder.start reports a refused program as an IOException naming it.
      throw new IOException("Cannot run program \"" + exe + "\": refused by process policy");
    }
  }

  // ---------------------------------------------------------------- files

  public GuardDecision decideFileWrite(String path, String api) {
    if (off(GuardKind.FILE) || path == null) {
      return GuardDecision.ALLOWED;
    }
    try {
      String n = Paths.normalize(path);
      for (String p : policy.fileWritePrefixes()) {
        if (Paths.under(n, p)) {
          return GuardDecision.ALLOWED;
        }
      }
      return violate(GuardKind.FILE, "file-write-not-allowed", path, api);
    } catch (RuntimeException | Error e) {
      return contained(e);
    }
  }

  public void checkFileWrite(String path, String api) throws IOException {
    if (decideFileWrite(path, api) == GuardDecision.BLOCKED) {
      throw fileException(path, api);
    }
  }

  public GuardDecision decideFileRead(String path, String api) {
    if (off(GuardKind.FILE) || !policy.protectCode() || path == null) {
      return GuardDecision.ALLOWED;
    }
    try {
      String n = Paths.normalize(path);
      for (String root : policy.codeRoots()) {
        if (Paths.under(n, root)) {
          return violate(GuardKind.FILE, "code-read-not-allowed", path, api);
        }
      }
      return GuardDecision.ALLOWED;
    } catch (RuntimeException | Error e) {
      return contained(e);
    }
  }

  public void checkFileRead(String path, String api) throws IOException {
    if (decideFileRead(path, api) == GuardDecision.BLOCKED) {
      throw fileException(path, api);
    }
  }

  static IOException fileException(String path, String api) {
    if (api != null && api.startsWith(RuntimeGuards.API_NIO_PREFIX)) {
      return new AccessDeniedException(path, null, "refused by file policy");
    }
    // FileOutputStream/RandomAccessFile report "(Permission denied)" the same way.
    return new FileNotFoundException(path + " (Permission denied: refused by file policy)");
  }

  // ---------------------------------------------------------------- JNDI

  public GuardDecision decideJndi(String name) {
    if (off(GuardKind.JNDI) || name == null) {
      return GuardDecision.ALLOWED;
    }
    try {
      String scheme = scheme(name);
      if (scheme != null && GuardPolicy.DENIED_JNDI_SCHEMES.contains(scheme)) {
        return violate(GuardKind.JNDI, "jndi-remote-lookup", name, "javax.naming.Context");
      }
      return GuardDecision.ALLOWED;
    } catch (RuntimeException | Error e) {
      return contained(e);
    }
  }

  public void checkJndi(String name) throws NamingException {
    if (decideJndi(name) == GuardDecision.BLOCKED) {
      throw new NamingException("JNDI lookup refused by policy: " + scheme(name) + ":");
    }
  }

  /** Lower-case URL scheme of a JNDI name ({@code ldap} for {@code " LDAP://x"}), or null. */
  static String scheme(String name) {
    int i = 0;
    int n = name.length();
    while (i < n && Character.isWhitespace(name.charAt(i))) {
      i++;
    }
    int s = i;
    while (i < n && i - s <= 16) {
      char c = name.charAt(i);
      if (c == ':') {
        return i > s ? name.substring(s, i).toLowerCase(Locale.ROOT) : null;
      }
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return null;
      }
      i++;
    }
    return null;
  }

  // ---------------------------------------------------------------- deserialization

  public GuardDecision decideDeserialize(String className) {
    if (off(GuardKind.DESERIALIZATION) || className == null) {
      return GuardDecision.ALLOWED;
    }
    try {
      String c = className;
      // Arrays: "[Lorg.x.Y;" / "[[Lorg.x.Y;" name the component class.
      int dims = 0;
      while (dims < c.length() && c.charAt(dims) == '[') {
        dims++;
      }
      if (dims > 0 && dims < c.length() && c.charAt(dims) == 'L' && c.endsWith(";")) {
        c = c.substring(dims + 1, c.length() - 1);
      }
      if (denied(c)) {
        return violate(GuardKind.DESERIALIZATION, "deserialization-denied-class", className, "java.io.ObjectInputStream");
      }
      return GuardDecision.ALLOWED;
    } catch (RuntimeException | Error e) {
      return contained(e);
    }
  }

  public void checkDeserialize(String className) throws InvalidClassException {
    if (decideDeserialize(className) == GuardDecision.BLOCKED) {
      throw new InvalidClassException(className, "refused by deserialization policy");
    }
  }

  /** True when {@code className} is on the deny-list (exact class or package prefix). */
  public boolean denied(String className) {
    for (String d : policy.deserializationDeny()) {
      if (d.endsWith(".") ? className.startsWith(d) : className.equals(d)
          || className.startsWith(d) && className.length() > d.length() && className.charAt(d.length()) == '$') {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- events

  /** The guard's action for {@code kind}. */
  public GuardAction action(GuardKind kind) {
    return policy.action(kind);
  }

  private boolean off(GuardKind kind) {
    return policy.action(kind) == GuardAction.ALLOW || RuntimeGuards.bypassed();
  }

  private GuardDecision violate(GuardKind kind, String rule, String subject, String api) {
    return violate(kind, rule, subject, api, null);
  }

  /**
   * {@code dedupeKey}: one alerted operation can pass several hooks (resolver, proxy selector,
   * socket); an alert with the same key on the same thread within a second is recorded once.
   */
  private GuardDecision violate(GuardKind kind, String rule, String subject, String api, String dedupeKey) {
    boolean block = policy.action(kind) == GuardAction.BLOCK;
    if (block || dedupeKey == null || firstAlert(kind.id() + ' ' + dedupeKey)) {
      record(kind, rule, subject, api, block ? "blocked" : "alerted");
    }
    return block ? GuardDecision.BLOCKED : GuardDecision.ALERTED;
  }

  private final ThreadLocal<Object[]> lastAlert = new ThreadLocal<>();

  private boolean firstAlert(String key) {
    long now = clock.millis();
    Object[] last = lastAlert.get();
    if (last != null && key.equals(last[0]) && now - (Long) last[1] < 1000) {
      return false;
    }
    lastAlert.set(new Object[] {key, now});
    return true;
  }

  /** A failure of a hook around this enforcer: reported like one inside it. */
  GuardDecision failed(Throwable t) {
    return contained(t);
  }

  /** A failure inside Warden: report it and let the call proceed (fail open). */
  private GuardDecision contained(Throwable t) {
    try {
      RuntimeGuards.bypass(() -> sink.record(new SecurityEvent(SecurityEvent.GUARD_ERROR, clock.instant(),
          invocationOrPlaceholder(), null, "allowed",
          "runtime guard failed: " + t.getClass().getName())));
    } catch (RuntimeException | Error ignored) {
      // Nothing more we can do without breaking the call.
    }
    return GuardDecision.ALLOWED;
  }

  void record(GuardKind kind, String rule, String subject, String api, String disposition) {
    if (!admit()) {
      return;
    }
    long dropped = suppressed.getAndSet(0);
    String frame = userFrame().orElse("unknown");
    Finding f = new Finding(kind.id(), rule, Source.OTHER, Evidence.excerpt(frame, 0, frame.length()),
        Evidence.excerpt(subject == null ? "" : subject, 0, Evidence.MAX_CHARS));
    String message = "runtime guard " + kind.id() + " " + disposition + " via "
        + Evidence.excerpt(api == null ? "?" : api, 0, 64)
        + (dropped > 0 ? "; " + dropped + " earlier violations not logged (rate limit)" : "");
    SecurityEvent e = new SecurityEvent(GUARD_VIOLATION, clock.instant(), invocationOrPlaceholder(), f,
        disposition, message);
    try {
      RuntimeGuards.bypass(() -> sink.record(e));
    } catch (RuntimeException | Error ignored) {
      // A sink must not throw; if it does, the guard's decision still stands.
    }
  }

  private boolean admit() {
    long minute = clock.millis() / 60_000;
    long w = window.get();
    if (w != minute && window.compareAndSet(w, minute)) {
      inWindow.set(0);
    }
    if (inWindow.incrementAndGet() > MAX_EVENTS_PER_MINUTE) {
      suppressed.incrementAndGet();
      return false;
    }
    return true;
  }

  private Invocation invocationOrPlaceholder() {
    try {
      Invocation i = invocation.get();
      return i != null ? i : Invocation.of("", "");
    } catch (RuntimeException e) {
      return Invocation.of("", "");
    }
  }

  /** The first stack frame outside the JDK and Warden: the user code that made the call. */
  static Optional<String> userFrame() {
    return StackWalker.getInstance().walk(frames -> frames
        .filter(f -> !skipped(f.getClassName()))
        .findFirst()
        .map(f -> f.getClassName() + "." + f.getMethodName()
            + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "")));
  }

  private static boolean skipped(String className) {
    for (String p : SKIPPED_FRAMES) {
      if (className.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
