package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.warden.Engine;
import dev.warden.Invocation;
import dev.warden.Verdict;
import dev.warden.extract.InputCollector;
import dev.warden.guard.GuardInstaller;
import dev.warden.lambda.extract.Extractor;
import dev.warden.lambda.extract.Extractors;
import java.util.List;
import java.util.Map;

/**
 * The one inspection path shared by every wrapper (composition, base class, stream, zero-code):
 * extract, inspect, decide. Warden's own failures here are contained: one {@code guard-error}
 * event, then fail-open (or fail-closed when the policy says so). Thread-safe.
 */
final class Guard {

  /**
   * The result of checking one event. {@code verdict} is null when inspection failed or was off.
   * {@code complete} is false when inspection stopped before every collected value was inspected
   * (the finding cap or the time budget): then no part of the event may be called clean.
   */
  record Check(Verdict verdict, Invocation invocation, boolean blocked, boolean complete) {
    Check(Verdict verdict, Invocation invocation, boolean blocked) {
      this(verdict, invocation, blocked, true);
    }

    /** A check of {@code inputs} with verdict {@code v}. */
    static Check of(Verdict v, Invocation inv, InputCollector inputs) {
      return new Check(v, inv, v.blocked(), v.inputs() >= inputs.inputs().size());
    }
  }

  private final Engine engine;
  private final Extractors extractors;
  private final VerdictObserver observer;
  /** Strong reference to the SnapStart hook, which the CRaC context may hold only weakly. */
  private final SnapStartPriming snapStart;

  Guard(Engine engine, Extractors extractors, VerdictObserver observer) {
    this(engine, extractors, observer, null);
  }

  private Guard(Engine engine, Extractors extractors, VerdictObserver observer, dev.warden.posture.TmpJanitor janitor) {
    this.engine = engine;
    this.extractors = extractors;
    this.observer = observer;
    this.janitor = janitor;
    // Registered last; the hook only runs at a checkpoint, long after construction.
    this.snapStart = SnapStartPriming.register(this);
  }

  /** Tells the observer, if any; an observer's failure never reaches the invocation. */
  void observe(Invocation inv, Verdict v) {
    if (observer == null || v == null) {
      return;
    }
    try {
      observer.verdict(inv, v);
    } catch (RuntimeException e) {
      // Observers are for metrics and demos; they must not break the function.
    }
  }

  private final dev.warden.posture.TmpJanitor janitor;

  /** This guard, also wiping what each invocation leaves in /tmp (entries present now are kept). */
  Guard withTmpWipe(java.nio.file.Path tmp) {
    return new Guard(engine, extractors, observer, dev.warden.posture.TmpJanitor.baseline(tmp));
  }

  /** Called after every invocation, allowed or refused. Never throws. */
  void afterInvocation() {
    if (janitor != null) {
      try {
        janitor.sweep();
      } catch (RuntimeException e) {
        // Best effort; the response is already decided.
      }
    }
  }

  Engine engine() {
    return engine;
  }

  /**
   * Opens the invocation: metrics counters bound to this thread, flood control's pending summary
   * written. Close it after the user's handler returns (try-with-resources): that writes the
   * invocation's one metrics line.
   */
  Engine.Run begin(Context ctx) {
    return engine.begin(invocation(ctx));
  }

  /**
   * Runs the whole inspection path {@code rounds} times without recording anything: the
   * detectors over their warm-up values, then every built-in sample event through its
   * extractor, normalization, detection, the decision and the typed refusal. Loads every class
   * the first request would load and, repeated, lets the JIT compile the hot paths: run by the
   * SnapStart hook before a snapshot. Never throws: priming must not fail a snapshot.
   */
  void prime(int rounds) {
    if (engine.off()) {
      return;
    }
    try {
      engine.prime(rounds);
      List<Object> samples = PrimingEvents.all();
      Invocation inv = Invocation.of("warden-priming", "warden-priming");
      for (int r = 0; r < rounds; r++) {
        for (Object event : samples) {
          InputCollector inputs = engine.collector();
          Extractor<Object> x = extractors.forEvent(event);
          x.extract(event, inputs);
          Verdict v = engine.dryRun(inv.withTrigger(x.trigger(), request(x, event)), inputs);
          Check.of(v, inv, inputs); // what the wrappers build from every verdict
          if (v.blocked()) {
            Refusals.forbidden(event, inv.requestId());
          }
        }
        engine.primeInvocation(inv);
      }
    } catch (Throwable t) {
      // Contained: a failure here shows up again, and is reported, on the first real event.
    }
  }

  Check check(Object event, Context ctx) {
    Invocation inv = invocation(ctx);
    if (engine.off()) {
      return new Check(null, inv, false);
    }
    try {
      InputCollector inputs = engine.collector();
      Extractor<Object> x = extractors.forEvent(event);
      x.extract(event, inputs);
      inv = inv.withTrigger(x.trigger(), request(x, event));
      Verdict v = engine.inspect(inv, inputs);
      observe(inv, v);
      return Check.of(v, inv, inputs);
    } catch (Throwable t) {
      return failed(inv, "extraction", t);
    }
  }

  /** Reports a failure of Warden's own code and decides fail-open or fail-closed. */
  Check failed(Invocation inv, String component, Throwable t) {
    if (engine.failures() == Engine.Failures.PROPAGATE) {
      sneakyThrow(t);
    }
    boolean refuse = engine.refusesOnError();
    engine.guardError(inv, component, t, refuse);
    return new Check(null, inv, refuse);
  }

  private static Map<String, String> request(Extractor<Object> x, Object event) {
    try {
      return x.request(event);
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  static Invocation invocation(Context ctx) {
    Invocation inv = ctx == null ? Invocation.of("", "")
        : new Invocation(ctx.getAwsRequestId(), ctx.getFunctionName(), ctx.getFunctionVersion(),
            ctx.getInvokedFunctionArn(), null, null);
    // Runtime-guard events raised while the handler runs name this invocation.
    GuardInstaller.invocationStarted(inv);
    return inv;
  }

  @SuppressWarnings("unchecked")
  static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }
}
