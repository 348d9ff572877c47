package dev.warden.lambda;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart (CRaC) runtime hook: before the snapshot, runs Warden's whole inspection path many
 * times over its built-in sample events, so the snapshot holds loaded classes and JIT-compiled
 * code and the first invocation after a restore costs what a warm one does. Registered with
 * {@code org.crac.Core.getGlobalContext()} by every wrapper Warden builds; off CRaC and off
 * SnapStart the {@code org.crac} library makes registration a no-op.
 *
 * <p>After a restore nothing needs re-seeding: Warden's inspection uses no {@code Random},
 * {@code SecureRandom} or {@code UUID} and caches no time or network state (checked: the only
 * {@code UUID} use is in the test {@code FakeContext}). {@link #afterRestore} is therefore empty
 * on purpose.
 *
 * <p>A CRaC context may hold its resources weakly (the JDK's {@code jdk.crac} global context
 * does), so the {@link Guard} keeps this resource reachable for its lifetime. Priming failures
 * are contained: a hook that throws would abort the snapshot.
 */
final class SnapStartPriming implements Resource {

  /**
   * Rounds of priming before a snapshot: enough for the C2 compiler to compile the hot paths
   * (it compiles a method after about 10 000 invocations or loop iterations; each round makes
   * several hundred detector calls).
   */
  static final int SNAPSHOT_ROUNDS = 200;

  private final Guard guard;

  private SnapStartPriming(Guard guard) {
    this.guard = guard;
  }

  /** Creates the hook for {@code guard} and registers it; never throws. */
  static SnapStartPriming register(Guard guard) {
    SnapStartPriming p = new SnapStartPriming(guard);
    try {
      Core.getGlobalContext().register(p);
    } catch (RuntimeException | LinkageError e) {
      // No CRaC support in this JVM or class path: priming at init still happened.
    }
    return p;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    guard.prime(SNAPSHOT_ROUNDS);
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing random or time-bound to refresh; see the class comment.
  }
}
