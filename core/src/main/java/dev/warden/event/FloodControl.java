package dev.warden.event;

import dev.warden.Invocation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps a flood of attacks from becoming a flood of log lines: an {@link EventSink} in front of
 * another that writes at most {@code perInvocation} events for one invocation and at most
 * {@code perSecond} events per second across invocations (a token bucket with a burst of
 * {@code perSecond}), and counts the rest. The count goes out as ONE {@code suppressed} summary
 * event, written once the one-second window that saw the first withheld event has closed (checked
 * whenever an event arrives and when an invocation starts or ends), or at the start of the next
 * invocation, whichever comes first. Summaries bypass both limits; there is at most one per
 * window, so they cannot flood either.
 *
 * <p>Thread-safe. The bucket is lock-free (one CAS on the theoretical arrival time of the
 * generic cell rate algorithm of ITU-T I.371, one number for the whole bucket); per-invocation
 * counts and the withheld tally sit behind one small lock held for a few map operations. Time
 * comes from a {@link LongSupplier} of nanoseconds so tests drive it with a fake clock.
 */
public final class FloodControl implements EventSink {

  private static final long WINDOW_NANOS = 1_000_000_000L;
  /** Invocations whose counts are remembered; Lambda runs one at a time per environment. */
  private static final int TRACKED_INVOCATIONS = 64;

  private final EventSink delegate;
  private final int perInvocation;
  private final long intervalNanos;
  private final long burstNanos;
  private final LongSupplier nanos;
  private final Clock clock;

  /** Theoretical arrival time of the next event (GCRA); the bucket is full when it is <= now. */
  private final AtomicLong tat;

  private final Object lock = new Object();
  private final Map<String, int[]> perRequest = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
      return size() > TRACKED_INVOCATIONS;
    }
  };
  private final Map<String, Long> withheld = new TreeMap<>();
  private long withheldSinceNanos;
  private Instant withheldSince;
  private String withheldRequest;

  /** Real time. */
  public FloodControl(EventSink delegate, int perInvocation, int perSecond) {
    this(delegate, perInvocation, perSecond, System::nanoTime, Clock.systemUTC());
  }

  /** For tests: {@code nanos} is a monotonic clock, {@code clock} stamps the summary. */
  public FloodControl(EventSink delegate, int perInvocation, int perSecond, LongSupplier nanos, Clock clock) {
    if (perInvocation < 1 || perSecond < 1) {
      throw new IllegalArgumentException("event limits must be positive: perInvocation=" + perInvocation
          + ", perSecond=" + perSecond);
    }
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.perInvocation = perInvocation;
    this.intervalNanos = WINDOW_NANOS / perSecond;
    this.burstNanos = WINDOW_NANOS - intervalNanos;
    this.nanos = Objects.requireNonNull(nanos, "nanos");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tat = new AtomicLong(nanos.getAsLong());
  }

  @Override
  public void record(SecurityEvent event) {
    if (SecurityEvent.SUPPRESSED.equals(event.kind())) {
      delegate.record(event);
      return;
    }
    long now = nanos.getAsLong();
    summarizeIfDue(event.invocation(), now, false);
    boolean allowed;
    synchronized (lock) {
      int[] n = perRequest.computeIfAbsent(event.invocation().requestId(), k -> new int[1]);
      allowed = n[0] < perInvocation;
      if (allowed) {
        n[0]++;
      }
    }
    if (allowed && tryAcquire(now)) {
      delegate.record(event);
    } else {
      withhold(event, now);
    }
  }

  @Override
  public void flush(Invocation invocation) {
    if (invocation.requestId().isEmpty()) {
      // Without a request id (tools, tests) invocations cannot be told apart: each one the engine
      // starts gets a fresh per-invocation count instead of sharing one forever.
      synchronized (lock) {
        perRequest.remove("");
      }
    }
    summarizeIfDue(invocation, nanos.getAsLong(), true);
    delegate.flush(invocation);
  }

  /** Events withheld and not yet summarised (for tests and metrics). */
  public long pending() {
    synchronized (lock) {
      return withheld.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  // Generic cell rate algorithm: one event costs intervalNanos; a burst of perSecond is tolerated.
  private boolean tryAcquire(long now) {
    while (true) {
      long t = tat.get();
      long start = t - now < 0 ? now : t;
      if (start - now > burstNanos) {
        return false;
      }
      if (tat.compareAndSet(t, start + intervalNanos)) {
        return true;
      }
    }
  }

  private void withhold(SecurityEvent event, long now) {
    synchronized (lock) {
      if (withheld.isEmpty()) {
        withheldSinceNanos = now;
        withheldSince = event.time();
        withheldRequest = event.invocation().requestId();
      }
      withheld.merge(event.kind(), 1L, Long::sum);
    }
  }

  private void summarizeIfDue(Invocation current, long now, boolean invocationBoundary) {
    SecurityEvent summary = null;
    synchronized (lock) {
      if (withheld.isEmpty()) {
        return;
      }
      boolean windowClosed = now - withheldSinceNanos >= WINDOW_NANOS;
      boolean nextInvocation = invocationBoundary && !current.requestId().equals(withheldRequest);
      if (windowClosed || nextInvocation) {
        summary = SecurityEvent.suppressed(clock.instant(), current, withheldSince, withheld);
        withheld.clear();
      }
    }
    if (summary != null) {
      delegate.record(summary);
    }
  }
}
