package dev.warden.guard;

import dev.warden.Invocation;
import dev.warden.event.EventSink;
import dev.warden.event.SecurityEvent;
import dev.warden.event.Slf4jEventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Installs the runtime guards JVM-wide, once: the one place in Warden with static mutable state.
 *
 * <p>{@link #install} activates an {@link Enforcer} for a {@link GuardPolicy} and puts the
 * agentless hooks in place: a default {@link java.net.ProxySelector} (when egress is enforced), a
 * {@link java.net.Socket#setSocketImplFactory socket factory} (when the policy asks), a JVM-wide
 * deserialization filter, and the JDK's JNDI hardening properties. A resolver provider
 * ({@code java.net.spi.InetAddressResolverProvider}, JDK 18+) is registered in
 * {@code META-INF/services} and consults the same enforcer. A {@code -javaagent} adds bytecode
 * hooks that call {@link RuntimeGuards}, which reads the enforcer installed here.
 *
 * <p>Frozen after the first {@link #install}: later calls with an equal policy are no-ops; calls with
 * any other policy are refused (the active policy stays) and recorded as a note and a
 * {@code guard-error} event, so user code cannot loosen the guards through Warden's API. Reflection
 * can still reach the private field (on the class path there is no module boundary) and the JDK's
 * own setters ({@code ProxySelector.setDefault}) are public: the guards raise the bar for an
 * attacker's code, they do not sandbox it. See docs/GUARDS.md. The one exception to "first wins"
 * is {@link #installProvisional}: a policy for the time before the function's own policy is
 * known (an agent's {@code premain}), which the first {@link #install} replaces.
 *
 * <p>Thread-safe: installation is synchronized; {@link #enforcer()} is one volatile read on the
 * hot path.
 */
public final class GuardInstaller {

  private static final Object LOCK = new Object();
  private static final EventSink LIFECYCLE = new Slf4jEventSink();
  private static volatile Enforcer active;
  private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();
  private static volatile Invocation latest;
  // Guarded by LOCK.
  private static final List<String> mechanisms = new ArrayList<>();
  private static final List<String> notes = new ArrayList<>();
  // Guarded by LOCK: the agent's status line, or null without the agent.
  private static String agentStatus;
  private static volatile boolean resolverLoaded;
  private static boolean provisional;

  private GuardInstaller() {}

  /**
   * Installs {@code policy} once for this JVM and returns the resulting status. Never throws for
   * a failure of one mechanism: each failure becomes a note and a {@code guard-error} event and
   * the other mechanisms still install (a guard must not stop the function from starting).
   * Replaces a policy installed with {@link #installProvisional}, once; after that the policy is
   * frozen.
   *
   * @param policy the guard policy; not null
   * @param sink where violation events go; not null, must not throw
   */
  public static GuardStatus install(GuardPolicy policy, EventSink sink) {
    return install(policy, sink, false);
  }

  /**
   * Installs {@code policy} for the time before the function's own policy is known, e.g. from
   * the environment in an agent's {@code premain}, before the handler (and its
   * {@code @WardenPolicy}) is loaded. The next {@link #install} replaces it once. No-op when a
   * policy is already installed.
   */
  public static GuardStatus installProvisional(GuardPolicy policy, EventSink sink) {
    return install(policy, sink, true);
  }

  private static GuardStatus install(GuardPolicy policy, EventSink sink, boolean tentative) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(sink, "sink");
    synchronized (LOCK) {
      Enforcer current = active;
      if (current != null && (tentative || !provisional)) {
        if (!tentative && !current.policy().equals(policy)) {
          String note = policy.atLeastAsStrictAs(current.policy())
              ? "second installation with a different policy ignored; the first policy stays active"
              : "second installation with a looser policy refused; the first policy stays active";
          notes.add(note);
          report(SecurityEvent.GUARD_ERROR, "refused", note);
        }
        return status();
      }
      boolean replacing = current != null;
      provisional = tentative;
      Enforcer e = new Enforcer(policy, sink, CURRENT_INVOCATION);
      active = e;
      // The agent first: where its socket hook is active, the proxy selector is redundant.
      if (!mechanisms.contains("agent")) {
        agentStatus = AgentLink.connect();
        if (agentStatus != null && agentStatus.startsWith("active")) {
          mechanisms.add("agent");
        }
      }
      int before = notes.size();
      // Hooks read the active enforcer on every call, so a replaced policy takes effect at once;
      // mechanisms the new policy needs and the old one did not are added here.
      Agentless.install(e, mechanisms, notes, AgentLink.coversSockets(agentStatus));
      for (String n : notes.subList(before, notes.size())) {
        report(SecurityEvent.GUARD_ERROR, "allowed", n); // weaker mode or missing mechanism
      }
      report(SecurityEvent.GUARD_STATUS, "allowed", "runtime guards "
          + (tentative ? "installed provisionally: " : replacing ? "policy replaced the provisional one: " : "installed: ")
          + String.join(",", mechanisms) + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
      return status();
    }
  }

  /** The active enforcer, or null before installation. Hot path: one volatile read. */
  public static Enforcer enforcer() {
    return active;
  }

  /** What is installed; safe to call at any time. */
  public static GuardStatus status() {
    synchronized (LOCK) {
      List<String> m = new ArrayList<>(mechanisms);
      if (resolverLoaded && active != null && active.action(GuardKind.EGRESS) != GuardAction.ALLOW) {
        m.add("resolver");
      }
      return new GuardStatus(active != null, m, notes);
    }
  }

  /**
   * Tells the guards which invocation is running on this thread, so violation events name it
   * (request id, function). Called by the adapter when an invocation starts; threads the handler
   * starts itself get the most recent invocation in the JVM. Null is ignored.
   */
  public static void invocationStarted(Invocation invocation) {
    if (invocation != null) {
      CURRENT.set(invocation);
      latest = invocation;
    }
  }

  /**
   * Called by the resolver provider when the JDK loads it (JDK 18+, first name lookup); the
   * status then lists {@code resolver}. Harmless if called by anyone else: it only adds a line
   * to the status.
   */
  public static void resolverLoaded() {
    resolverLoaded = true;
  }

  /** {@link #invocation()} as a supplier (a class: see {@code Engine.SYSTEM_NANOS}). */
  private static final java.util.function.Supplier<Invocation> CURRENT_INVOCATION =
      new java.util.function.Supplier<>() {
        @Override
        public Invocation get() {
          return invocation();
        }
      };

  private static Invocation invocation() {
    Invocation i = CURRENT.get();
    if (i == null) {
      i = latest;
    }
    if (i != null) {
      return i;
    }
    String fn = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
    return Invocation.of("", fn == null ? "" : fn);
  }

  /**
   * Installation events (status, weaker modes, refused re-installation) belong to the JVM, not to
   * an invocation or a handler: they go to the {@code warden.security} logger directly, so a
   * handler's own sink sees only what happened in its invocations.
   */
  private static void report(String kind, String disposition, String message) {
    try {
      SecurityEvent event = new SecurityEvent(kind, Instant.now(), invocation(), null, disposition, message);
      // An anonymous class, not a lambda: this runs at init, where each lambda costs a generated class.
      RuntimeGuards.bypass(new Runnable() {
        @Override
        public void run() {
          LIFECYCLE.record(event);
        }
      });
    } catch (RuntimeException | Error ignored) {
      // Reporting must never stop installation.
    }
  }
}
