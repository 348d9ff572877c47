package dev.warden.event;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters for one invocation, written as one CloudWatch Embedded Metric Format line when the
 * invocation ends ({@link EmfWriter}). The engine counts inspections, findings, blocks, guard
 * errors and inspection time; runtime guards count denied egress through {@link #current()}.
 *
 * <p>Thread-safe (atomic counters): a guard may count from a thread the user's handler started.
 * {@link #current()} is bound to the invoking thread between the engine's {@code begin} and the
 * end of the invocation; elsewhere it returns a detached instance whose counts go nowhere, so
 * callers never need a null check.
 */
public final class InvocationMetrics {

  private static final ThreadLocal<InvocationMetrics> CURRENT = new ThreadLocal<>();

  private final String functionName;
  private final String requestId;
  private final AtomicLong inspected = new AtomicLong();
  private final AtomicLong detected = new AtomicLong();
  private final AtomicLong blocked = new AtomicLong();
  private final AtomicLong egressDenied = new AtomicLong();
  private final AtomicLong guardErrors = new AtomicLong();
  private final AtomicLong inspectionNanos = new AtomicLong();
  private final AtomicReference<String> detector = new AtomicReference<>();

  public InvocationMetrics(String functionName, String requestId) {
    this.functionName = Objects.requireNonNullElse(functionName, "");
    this.requestId = Objects.requireNonNullElse(requestId, "");
  }

  /** The metrics of the invocation running on this thread, or a detached instance. */
  public static InvocationMetrics current() {
    InvocationMetrics m = CURRENT.get();
    return m == null ? new InvocationMetrics("", "") : m;
  }

  /** Binds these metrics to the current thread until the scope closes. */
  public Redactor.Scope bind() {
    InvocationMetrics previous = CURRENT.get();
    CURRENT.set(this);
    return new Redactor.Restore<>(CURRENT, previous);
  }

  /** One invocation was inspected, taking {@code nanos}. */
  public void inspected(long nanos) {
    inspected.incrementAndGet();
    inspectionNanos.addAndGet(Math.max(0, nanos));
  }

  /** A detector fired; the first detector of the invocation becomes the metric's dimension. */
  public void detected(String detectorId) {
    detected.incrementAndGet();
    if (detectorId != null) {
      detector.compareAndSet(null, detectorId);
    }
  }

  /** The invocation was refused; {@code detectorId} (may be null) decided it. */
  public void blocked(String detectorId) {
    blocked.incrementAndGet();
    if (detectorId != null) {
      // The blocking detector is the most useful dimension value.
      detector.set(detectorId);
    }
  }

  /** A runtime guard refused an outbound connection. */
  public void egressDenied() {
    egressDenied.incrementAndGet();
  }

  /** Warden's own code failed once. */
  public void guardError() {
    guardErrors.incrementAndGet();
  }

  public String functionName() {
    return functionName;
  }

  public String requestId() {
    return requestId;
  }

  public long inspected() {
    return inspected.get();
  }

  public long detected() {
    return detected.get();
  }

  public long blocked() {
    return blocked.get();
  }

  public long egressDeniedCount() {
    return egressDenied.get();
  }

  public long guardErrors() {
    return guardErrors.get();
  }

  public long inspectionNanos() {
    return inspectionNanos.get();
  }

  /** The detector dimension: the blocking detector, else the first that fired; null if none. */
  public String detector() {
    return detector.get();
  }
}
