package dev.warden;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Detectors;
import dev.warden.detect.Finding;
import dev.warden.event.EmfWriter;
import dev.warden.event.EventSink;
import dev.warden.event.Evidence;
import dev.warden.event.FloodControl;
import dev.warden.event.InvocationMetrics;
import dev.warden.event.Redactor;
import dev.warden.event.SecurityEvent;
import dev.warden.event.Slf4jEventSink;
import dev.warden.extract.Input;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.normalize.Normalizer;
import dev.warden.policy.Action;
import dev.warden.policy.Mode;
import dev.warden.policy.Policy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Inspects the inputs of one invocation under a policy and returns a {@link Verdict}; records one
 * security event per finding and per failure of its own.
 *
 * <p>Fail safe at run time: every call into a detector or the sink is guarded. A throwing detector
 * yields one {@code guard-error} event per invocation and the inspection goes on; with
 * {@code failClosed} the invocation is then refused. Only {@link Failures#PROPAGATE} (for tests)
 * lets the error out. Inspection stops at the policy's time budget.
 *
 * <p>Events leave through flood control ({@link FloodControl}: the policy's per-invocation cap and
 * per-second rate, one {@code suppressed} summary for the rest) after their evidence was checked
 * again against the policy's redaction ({@link Evidence#sanitize}); detectors run with the policy's
 * {@link Redactor} bound to the thread, so {@code Finding.of} excerpts honour configured fields
 * and patterns. {@link #begin} opens an invocation: it binds {@link InvocationMetrics} and, when
 * closed, writes at most one Embedded Metric Format line (unless the policy switched metrics off).
 *
 * <p>Immutable and thread-safe: one engine serves concurrent invocations; per-invocation state
 * lives in the {@link InputCollector}, the {@link Run} and local variables.
 */
public final class Engine {

  /** What the engine does with its own failures. */
  public enum Failures {
    /** Log a guard-error event and go on (production). */
    CONTAIN,
    /** Re-throw, so tests see the failure. */
    PROPAGATE
  }

  /**
   * {@link System#nanoTime}. A class, not a method reference: each lambda or method reference
   * costs a generated class when first reached, about half a millisecond at a cold start, and
   * the ones on the init and first-request path are written out for that reason.
   */
  public static final LongSupplier SYSTEM_NANOS = new LongSupplier() {
    @Override
    public long getAsLong() {
      return System.nanoTime();
    }
  };

  /**
   * Least time budget of an engine's first inspection: 1 s. The first inspection in a fresh JVM
   * loads and initialises the detectors and runs them interpreted, which takes tens of
   * milliseconds on a fast machine and more on a small Lambda; under the default 10 ms budget it
   * would stop after the first few values of every cold start's event, and an attacker who forces
   * cold starts (a burst of concurrent requests) would get the rest of the event uninspected.
   * From the second inspection on, the policy's budget applies as set.
   */
  static final long FIRST_INSPECTION_BUDGET_NANOS = 1_000_000_000L;

  /** Set once an inspection has completed: later inspections get the policy's budget alone. */
  private final java.util.concurrent.atomic.AtomicBoolean warm = new java.util.concurrent.atomic.AtomicBoolean();

  /** Most findings kept per invocation; a flood of hits on one event is not a flood of events. */
  static final int MAX_FINDINGS = 64;

  /** A value at least this long is followed by a clock read; shorter ones by every fourth. */
  static final int DEADLINE_CHECK_CHARS = 256;

  private final Policy policy;
  private final List<Detector> detectors;
  /** {@link #detectors} as an array, and whether any exclusion applies: read per value. */
  private final Detector[] running;
  /** Each running detector's {@link Detector#gate}, tested here without a call. */
  private final CharMask[] gates;
  private final boolean hasExclusions;
  /**
   * True when a field name found clean once needs no second inspection, in the same invocation
   * or a later one: every detector's result depends on the text alone
   * ({@link Detector#textOnly}) and no exclusion makes it depend on the path.
   */
  private final boolean skipsSeenNames;
  /** Names found clean by earlier invocations; consulted only when {@link #skipsSeenNames}. */
  private final CleanNames cleanNames = new CleanNames();
  private final Normalizer normalizer;
  private final EventSink sink;
  private final Failures failures;
  private final Clock clock;
  private final Redactor redactor;
  private final EmfWriter metrics;

  private Engine(Policy policy, List<Detector> detectors, Normalizer normalizer, EventSink sink,
      Failures failures, Clock clock, LongSupplier nanos, EmfWriter metrics) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.detectors = Detectors.select(Detectors.checked(detectors), policy);
    this.running = this.detectors.toArray(new Detector[0]);
    this.gates = new CharMask[running.length];
    for (int i = 0; i < running.length; i++) {
      gates[i] = running[i].gate();
    }
    this.hasExclusions = !policy.exclusions().isEmpty();
    this.skipsSeenNames = !hasExclusions && allTextOnly(running);
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.failures = Objects.requireNonNull(failures, "failures");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sink = new FloodControl(Objects.requireNonNull(sink, "sink"), policy.maxEventsPerInvocation(),
        policy.maxEventsPerSecond(), Objects.requireNonNull(nanos, "nanos"), clock);
    this.redactor = Redactor.DEFAULT.withFields(policy.redactFields()).withPatterns(policy.redactPatterns());
    this.metrics = policy.metrics() ? Objects.requireNonNull(metrics, "metrics") : null;
  }

  private Engine(Policy policy, List<Detector> detectors, EventSink sink, Failures failures, Clock clock) {
    this(policy, detectors, Normalizer.standard(), sink, failures, clock, SYSTEM_NANOS, EmfWriter.stdout());
  }

  /** Discovered detectors, standard normalization, events to {@code warden.security}. */
  public static Engine of(Policy policy) {
    return of(policy, Detectors.discover(), new Slf4jEventSink());
  }

  public static Engine of(Policy policy, List<Detector> detectors, EventSink sink) {
    return new Engine(policy, detectors, sink, Failures.CONTAIN, Clock.systemUTC());
  }

  public static Engine of(Policy policy, List<Detector> detectors, EventSink sink, Failures failures) {
    return new Engine(policy, detectors, sink, failures, Clock.systemUTC());
  }

  /**
   * An engine with explicit time sources and metrics output, for tests and tools: {@code clock}
   * stamps events and metrics, {@code nanos} drives flood control's rate limit, {@code metricsOut}
   * receives the Embedded Metric Format lines.
   */
  public static Engine of(Policy policy, List<Detector> detectors, EventSink sink, Failures failures, Clock clock,
      LongSupplier nanos, java.util.function.Consumer<String> metricsOut) {
    return new Engine(policy, detectors, Normalizer.standard(), sink, failures, clock, nanos,
        new EmfWriter(metricsOut, clock));
  }

  /** The redaction this engine applies (built-ins plus the policy's fields and patterns). */
  public Redactor redactor() {
    return redactor;
  }

  /**
   * Opens an invocation: binds its {@link InvocationMetrics} to this thread and lets flood control
   * write a pending summary. Close the run (try-with-resources) when the invocation ends, after the
   * user's handler: it writes the metrics line (once) and any summary that is due. Never throws.
   */
  public Run begin(Invocation invocation) {
    return new Run(invocation, true);
  }

  /**
   * Opens and closes one invocation that writes nothing, rendering its metrics line without
   * writing it: loads and runs the per-invocation code (binding, counters, the metrics line)
   * when priming before a SnapStart snapshot. Never throws.
   */
  public void primeInvocation(Invocation invocation) {
    try (Run run = new Run(invocation, false)) {
      run.metrics().inspected(1);
      EmfWriter.render(run.metrics(), clock.millis());
    } catch (RuntimeException e) {
      // Priming must never fail; the real invocation reports whatever this would have hit.
    }
  }

  /** One invocation in progress; see {@link #begin}. Not thread-safe; close it once. */
  public final class Run implements AutoCloseable {
    private final Invocation invocation;
    private final InvocationMetrics counters;
    private final Redactor.Scope binding;
    /** False for {@link #primeInvocation}: nothing is written. */
    private final boolean writes;
    private boolean closed;

    private Run(Invocation invocation, boolean writes) {
      this.invocation = Objects.requireNonNull(invocation, "invocation");
      this.counters = new InvocationMetrics(invocation.functionName(), invocation.requestId());
      this.binding = counters.bind();
      this.writes = writes;
      if (writes) {
        flushSink(invocation);
      }
    }

    /** This invocation's counters (runtime guards add to them). */
    public InvocationMetrics metrics() {
      return counters;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (!writes) {
          return;
        }
        if (metrics != null && !off()) {
          try {
            metrics.write(counters);
          } catch (Throwable t) {
            if (failures == Failures.PROPAGATE) {
              throw t;
            }
            // Metrics are best effort; the invocation's result is already decided.
          }
        }
        flushSink(invocation);
      } finally {
        binding.close();
      }
    }
  }

  /**
   * Records an event built outside the engine (runtime guards' {@code guard-violation} events)
   * through the same redaction and flood control as the engine's own. Never throws unless the
   * engine propagates failures.
   */
  public void record(SecurityEvent e) {
    emit(e);
  }

  public Policy policy() {
    return policy;
  }

  /** The detectors this engine runs (discovered or given, minus those the policy switched off). */
  public List<Detector> detectors() {
    return detectors;
  }

  /**
   * Values that exercise every built-in detector's main paths: benign text and one attack of each
   * class. Inspecting them once loads and initialises the detector classes and their tables at
   * init instead of on the first request; repeated, they let the JIT compile the hot paths before
   * a SnapStart snapshot.
   */
  private static final List<String> WARM_UP = List.of(
      "hello world", "O'Brien's order #42", "https://example.com/a?b=c", "{\"a\":[1,2]}", "src/main/App.java",
      "1' OR '1'='1", "x' UNION SELECT a,b FROM users--", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
      "../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "; cat /etc/passwd", "$(id)", "http://169.254.169.254/latest/",
      "http://0x7f.1/", "${jndi:ldap://x.example/a}", "{\"$ne\":1}", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///x\">]>",
      "${7*7}", "*)(uid=*))(|(uid=*", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA", "&#x3C;svg/onload=alert(1)&#x3E;");

  /**
   * Runs the warm-up values through every detector {@code rounds} times, recording nothing.
   * Call at init (and before a SnapStart snapshot). Never throws.
   */
  public void prime(int rounds) {
    for (int r = 0; r < rounds; r++) {
      for (String v : WARM_UP) {
        Input in = Input.value(Source.QUERY, "warm-up", v);
        for (String variant : normalizer.variants(v)) {
          Input view = in.withText(variant);
          CharMask mask = CharMask.of(variant);
          for (Detector d : detectors) {
            try {
              // Both, whatever the pre-filter says: priming is about loading and compiling code.
              d.mayMatch(view, mask);
              d.inspect(view);
            } catch (Throwable t) {
              // Priming must never fail init; a detector that throws here is reported when it runs.
            }
          }
        }
      }
    }
  }

  private static boolean allTextOnly(Detector[] detectors) {
    for (Detector d : detectors) {
      if (!d.textOnly()) {
        return false;
      }
    }
    return true;
  }

  /** A collector bounded by this engine's limits, for one invocation. */
  public InputCollector collector() {
    return new InputCollector(policy);
  }

  /** Inspects what {@code inputs} collected and records the events. */
  public Verdict inspect(Invocation invocation, InputCollector inputs) {
    return inspect(invocation, inputs, true);
  }

  /**
   * Inspects like {@link #inspect} but records nothing: for priming the whole path (extraction,
   * normalization, detection, findings, decision) with sample events before a SnapStart snapshot
   * or at init, without writing security events about them. Never throws in
   * {@link Failures#CONTAIN} mode.
   */
  public Verdict dryRun(Invocation invocation, InputCollector inputs) {
    return inspect(invocation, inputs, false);
  }

  private Verdict inspect(Invocation invocation, InputCollector inputs, boolean record) {
    if (record) {
      // A summary that flood control still holds is written first, outside the inspection budget.
      flushSink(invocation);
    }
    long start = System.nanoTime();
    if (policy.mode() == Mode.OFF) {
      return new Verdict(Verdict.Decision.ALLOW, List.of(), 0, 0, 0);
    }
    long budget = policy.limits().timeBudget().toNanos();
    boolean first = !warm.get();
    if (first) {
      budget = Math.max(budget, FIRST_INSPECTION_BUDGET_NANOS);
    }
    long deadline = start + budget;
    List<Finding> findings = new ArrayList<>(inputs.limitFindings());
    int errors = 0;
    String failedDetector = null;
    Throwable firstError = null;
    int inspected = 0;
    Redactor.Scope redaction = Redactor.bind(redactor);
    try {
    List<Input> all = inputs.inputs();
    SeenNames seen = null;
    outer:
    for (int at = 0, total = all.size(); at < total; at++) {
      Input in = all.get(at);
      inspected++;
      boolean memo = skipsSeenNames && in.name();
      if (memo && (cleanNames.contains(in.text()) || seen != null && seen.contains(in.text()))) {
        continue;
      }
      int findingsBefore = findings.size();
      int errorsBefore = errors;
      // One character mask and one Input per variant, made once and shared by every detector.
      CharMask firstMask = CharMask.of(in.text());
      // Most values are plain ASCII, which the standard layers leave alone: the mask says so
      // without another pass, and no variant list is made.
      List<String> variants = leftAlone(firstMask, in.text()) ? null : normalizer.variants(in.text());
      int nv = variants == null ? 1 : variants.size();
      CharMask[] masks = nv > 1 ? new CharMask[nv] : null;
      Input[] views = nv > 1 ? new Input[nv] : null;
      for (int di = 0; di < running.length; di++) {
        Detector d = running[di];
        CharMask gate = gates[di];
        if (hasExclusions && policy.excluded(d.id(), in.path())) {
          continue;
        }
        for (int k = 0; k < nv; k++) {
          Input view;
          CharMask mask;
          if (k == 0) {
            view = in;
            mask = firstMask;
          } else {
            if (views[k] == null) {
              views[k] = in.withText(variants.get(k));
              masks[k] = CharMask.of(variants.get(k));
            }
            view = views[k];
            mask = masks[k];
          }
          if (gate != null && !mask.nonAscii() && !mask.any(gate)) {
            continue;
          }
          Finding f;
          try {
            f = d.mayMatch(view, mask) ? d.inspect(view).orElse(null) : null;
          } catch (Throwable t) {
            if (failures == Failures.PROPAGATE) {
              throw t;
            }
            errors++;
            if (firstError == null) {
              firstError = t;
              failedDetector = d.id();
            }
            break;
          }
          if (f != null) {
            findings.add(f);
            if (findings.size() >= MAX_FINDINGS) {
              break outer;
            }
            break;
          }
        }
      }
      if (memo && findings.size() == findingsBefore && errors == errorsBefore
          && !cleanNames.add(in.text())) {
        if (seen == null) {
          seen = new SeenNames();
        }
        seen.add(in.text());
      }
      // The clock is read after every fourth value and after each long one: a read costs about
      // what a short value's inspection does, and three short values overrun the budget by
      // microseconds at most.
      if (((at & 3) == 0 || in.text().length() >= DEADLINE_CHECK_CHARS) && System.nanoTime() - deadline > 0
          && inspected < total) {
        findings.add(new Finding(Policy.LIMIT_DETECTOR, "time-budget", in.source(), in.path(),
            "inspection stopped after " + inspected + " of " + total + " values"));
        errors++;
        break;
      }
    }
    } finally {
      redaction.close();
    }
    if (first) {
      warm.set(true); // once: no volatile store on every invocation
    }
    List<Verdict.Outcome> outcomes = new ArrayList<>(findings.size());
    boolean block = false;
    for (Finding f : findings) {
      Action a = actionFor(f);
      if (a == Action.OFF) {
        continue;
      }
      if (policy.mode() != Mode.BLOCK) {
        a = Action.MONITOR;
      }
      block |= a == Action.BLOCK;
      outcomes.add(new Verdict.Outcome(f, a));
    }
    if (firstError != null && policy.failClosed() && policy.mode() == Mode.BLOCK) {
      block = true;
    }
    Verdict verdict = new Verdict(block ? Verdict.Decision.BLOCK : Verdict.Decision.ALLOW, outcomes,
        inspected, System.nanoTime() - start, errors, inputs.skipped());
    if (!record) {
      return verdict;
    }
    InvocationMetrics counters = InvocationMetrics.current();
    counters.inspected(verdict.nanos());
    for (Verdict.Outcome o : outcomes) {
      counters.detected(o.finding().detector());
    }
    if (block) {
      counters.blocked(verdict.firstBlocking().map(Finding::detector).orElse(null));
    }
    for (Verdict.Outcome o : outcomes) {
      String disposition = o.action() == Action.BLOCK ? "blocked" : "alerted";
      emit(SecurityEvent.finding(clock.instant(), invocation, o.finding(), disposition));
    }
    if (firstError != null) {
      guardError(invocation, "detector " + failedDetector, firstError, block);
    }
    return verdict;
  }

  /** ASCII characters some standard normalization layer decodes. */
  private static final CharMask LAYER_CHARS = CharMask.ascii(Normalizer.LAYER_ASCII);

  /** Whether the value {@code text}, whose characters are {@code mask}, is its own only variant. */
  private boolean leftAlone(CharMask mask, String text) {
    if (!normalizer.leavesPlainAscii() || mask.nonAscii()) {
      return false;
    }
    if (!mask.any(LAYER_CHARS)) {
      return true;
    }
    // '%', '&' or '+' in prose ("65%", "Q & A", "+44 20 ...") rarely start an escape: one scan
    // instead of every layer's.
    return !mask.any(HARD_LAYER_CHARS) && Normalizer.noEscapes(text, mask.has(' '));
  }

  /** Layer characters that always send a value through the layers: {@code \} and NUL. */
  private static final CharMask HARD_LAYER_CHARS = CharMask.ascii("\\\0");

  private Action actionFor(Finding f) {
    if (Policy.LIMIT_DETECTOR.equals(f.detector()) && "time-budget".equals(f.rule())) {
      // Running out of time is Warden's own limit, not the attacker's: fail-open or fail-closed decides.
      return policy.failClosed() ? Action.BLOCK : Action.MONITOR;
    }
    if (policy.excluded(f.detector(), f.location())) {
      return Action.OFF;
    }
    return policy.actionFor(f.detector());
  }

  /**
   * Records one {@code guard-error} event for a failure of Warden's own code. The message names
   * the failing component and the exception type, never the exception message (it may quote
   * untrusted input).
   */
  public void guardError(Invocation invocation, String component, Throwable error, boolean refused) {
    InvocationMetrics.current().guardError();
    String message = component + " failed: " + error.getClass().getName()
        + (refused ? "; invocation refused (fail-closed)" : "; invocation continues (fail-open)");
    emit(new SecurityEvent(SecurityEvent.GUARD_ERROR, clock.instant(), invocation,
        null, refused ? "blocked" : "allowed", message));
  }

  /** Whether a failure of Warden's own code outside detection should refuse the invocation. */
  public boolean refusesOnError() {
    return policy.failClosed() && policy.mode() == Mode.BLOCK;
  }

  /** What this engine does with its own failures. */
  public Failures failures() {
    return failures;
  }

  /** Whether Warden is switched off. */
  public boolean off() {
    return policy.mode() == Mode.OFF;
  }

  private void flushSink(Invocation invocation) {
    try {
      sink.flush(invocation);
    } catch (Throwable t) {
      if (failures == Failures.PROPAGATE) {
        throw t;
      }
      // Same as emit: a broken sink must not break the function.
    }
  }

  private void emit(SecurityEvent e) {
    try {
      sink.record(redacted(e));
    } catch (Throwable t) {
      if (failures == Failures.PROPAGATE) {
        throw t;
      }
      // A broken sink must not break the function; there is nowhere left to report it.
    }
  }

  /**
   * The event with its evidence checked again against this engine's redaction: secret locations
   * masked whole, secret shapes and configured patterns masked, length bounded. Sinks other than
   * the JSON renderer (user sinks, metrics) therefore never see more than a log line would.
   */
  private SecurityEvent redacted(SecurityEvent e) {
    Finding f = e.finding();
    Finding cleanFinding = f;
    if (f != null) {
      String clean = Evidence.sanitize(f.evidence(), f.location(), redactor);
      if (!clean.equals(f.evidence())) {
        cleanFinding = new Finding(f.detector(), f.rule(), f.source(), f.location(), clean);
      }
    }
    Invocation inv = e.invocation();
    Invocation cleanInv = inv;
    if (!inv.request().isEmpty()) {
      // Request attributes (path, user agent) are attacker-controlled too.
      java.util.Map<String, String> req = new java.util.LinkedHashMap<>();
      inv.request().forEach((k, v) -> req.put(k, v == null ? "" : redactor.redact(v)));
      if (!req.equals(inv.request())) {
        cleanInv = inv.withTrigger(inv.trigger(), req);
      }
    }
    if (cleanFinding == f && cleanInv == inv) {
      return e;
    }
    return new SecurityEvent(e.kind(), e.time(), cleanInv, cleanFinding, e.disposition(), e.message(), e.counts());
  }
}
