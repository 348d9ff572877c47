package dev.warden.lambda;

import dev.warden.Invocation;
import dev.warden.detect.Finding;
import dev.warden.event.EventSink;
import dev.warden.event.SecurityEvent;
import dev.warden.posture.Inventory;
import dev.warden.posture.InventoryEvent;
import dev.warden.posture.Posture;
import dev.warden.posture.PostureSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Runs the posture check once per execution environment (JVM), on a daemon thread started at init
 * so that hashing the class path never sits on the invocation path. The inventory goes to the
 * logger {@code warden.security} as one OCSF Software Inventory Info line; each finding becomes a
 * security event ({@code detector posture}, disposition {@code alerted}).
 *
 * <p>JVM-wide and idempotent: the first protected handler built starts it; later ones do nothing.
 */
final class PostureRunner {

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private PostureRunner() {}

  /**
   * Starts the check unless it already ran in this JVM, or unless this is not a Lambda execution
   * environment (no {@code AWS_LAMBDA_FUNCTION_NAME} or {@code AWS_LAMBDA_RUNTIME_API}: unit tests
   * and local tools). Settings errors fail init.
   */
  static void startOnce(Map<String, String> env, EventSink sink) {
    PostureSettings settings = PostureSettings.fromEnvironment(env);
    boolean lambda = env.containsKey("AWS_LAMBDA_FUNCTION_NAME") || env.containsKey("AWS_LAMBDA_RUNTIME_API");
    if (!lambda || !STARTED.compareAndSet(false, true)) {
      return;
    }
    Consumer<String> inventoryLog = line -> LoggerFactory.getLogger("warden.security").info(line);
    Thread t = new Thread(() -> {
      dev.warden.guard.Enforcer enforcer = dev.warden.guard.GuardInstaller.enforcer();
      run(settings, env, sink, inventoryLog, Path.of("/tmp"), dev.warden.guard.GuardInstaller.status(),
          enforcer == null ? null : enforcer.policy());
    }, "warden-posture");
    t.setDaemon(true);
    t.start();
  }

  /** One run, synchronously: for tests and for SnapStart priming. Never throws. */
  static Posture.Report run(PostureSettings settings, Map<String, String> env, EventSink sink,
      Consumer<String> inventoryLog, Path tmp, dev.warden.guard.GuardStatus guards,
      dev.warden.guard.GuardPolicy guardPolicy) {
    try {
      Posture.Report r = Posture.check(settings, env, Inventory.lambdaClassPath(env), tmp);
      java.util.List<Finding> findings = new java.util.ArrayList<>(r.findings());
      findings.addAll(dev.warden.posture.ConfigChecks.guards(guards, guardPolicy));
      r = new Posture.Report(r.components(), findings);
      if (settings.inventory()) {
        inventoryLog.accept(InventoryEvent.render(r.components(), env, Instant.now()));
      }
      Invocation init = new Invocation("init", env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", ""),
          env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", ""), null, "init", null);
      for (Finding f : r.findings()) {
        sink.record(new SecurityEvent(SecurityEvent.FINDING, Instant.now(), init, f, "alerted", ""));
      }
      return r;
    } catch (RuntimeException | Error e) {
      // Posture is advisory: a failure here must never affect the function.
      try {
        sink.record(new SecurityEvent(SecurityEvent.GUARD_ERROR, Instant.now(), Invocation.of("init", ""), null,
            "allowed", "posture check failed: " + e.getClass().getName()));
      } catch (RuntimeException ignored) {
        // nowhere left to report
      }
      return new Posture.Report(java.util.List.of(), java.util.List.of());
    }
  }
}
