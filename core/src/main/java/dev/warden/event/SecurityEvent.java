package dev.warden.event;

import dev.warden.Invocation;
import dev.warden.detect.Finding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One security-relevant thing that happened: a finding and what was done about it, a failure of
 * Warden itself, or a summary of events withheld by flood control. A sink records it;
 * {@link EventJson} renders it as one line of OCSF Detection Finding JSON.
 *
 * <p>Immutable. Untrusted text reaches an event only through {@link Finding#evidence()} (already
 * redacted and bounded) and the HTTP request attributes of the {@link Invocation}; renderers
 * neutralise both again.
 *
 * @param kind stable kebab-case kind: {@code finding}, {@code guard-error}, {@code guard-violation}
 *     (a runtime guard refused or alerted on an operation of the function), {@code guard-status}
 *     (which runtime guards were installed), {@code suppressed} (flood-control summary)
 * @param time when it happened
 * @param invocation the invocation it belongs to (for {@code suppressed}: the one during which the
 *     summary was written)
 * @param finding the finding, for kinds {@code finding} and {@code guard-violation}; null otherwise
 * @param disposition {@code blocked}, {@code alerted}, {@code allowed} or {@code refused};
 *     {@code counted} for {@code suppressed}
 * @param message short human description; never contains untrusted text except via evidence
 * @param counts numbers attached to the event, by stable kebab-case name; for {@code suppressed},
 *     {@code suppressed} (total withheld) and one entry per withheld kind; empty otherwise
 */
public record SecurityEvent(
    String kind, Instant time, Invocation invocation, Finding finding, String disposition, String message,
    Map<String, Long> counts) {

  public static final String FINDING = "finding";
  public static final String GUARD_ERROR = "guard-error";
  /** A runtime guard (egress, process, file, deserialization) refused or observed an operation. */
  public static final String GUARD_VIOLATION = "guard-violation";
  /** Which runtime guards were installed. */
  public static final String GUARD_STATUS = "guard-status";
  /** Summary of events withheld by flood control. */
  public static final String SUPPRESSED = "suppressed";

  public SecurityEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(invocation, "invocation");
    Objects.requireNonNull(disposition, "disposition");
    message = Objects.requireNonNullElse(message, "");
    counts = counts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** An event without counts (every kind but {@code suppressed}). */
  public SecurityEvent(
      String kind, Instant time, Invocation invocation, Finding finding, String disposition, String message) {
    this(kind, time, invocation, finding, disposition, message, Map.of());
  }

  /** A finding and what the policy did about it ({@code blocked} or {@code alerted}). */
  public static SecurityEvent finding(Instant time, Invocation invocation, Finding finding, String disposition) {
    return new SecurityEvent(FINDING, time, invocation, Objects.requireNonNull(finding, "finding"), disposition, "");
  }

  /**
   * A runtime guard's decision: {@code finding.detector()} names the guard ({@code egress},
   * {@code process}, {@code file}, {@code deserialization}), {@code rule} the rule, {@code location}
   * the target (host:port, command, path, class).
   */
  public static SecurityEvent guardViolation(Instant time, Invocation invocation, Finding finding, String disposition) {
    return new SecurityEvent(GUARD_VIOLATION, time, invocation, Objects.requireNonNull(finding, "finding"),
        disposition, "");
  }

  /**
   * The summary flood control writes: {@code byKind} counts withheld events by kind; the total is
   * added under {@code suppressed}.
   */
  public static SecurityEvent suppressed(Instant time, Invocation invocation, Instant since, Map<String, Long> byKind) {
    long total = 0;
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : byKind.entrySet()) {
      total += e.getValue();
    }
    counts.put(SUPPRESSED, total);
    counts.putAll(byKind);
    return new SecurityEvent(SUPPRESSED, time, invocation, null, "counted",
        total + " security events withheld by flood control since " + since, counts);
  }

  public Optional<Finding> findingIfAny() {
    return Optional.ofNullable(finding);
  }
}
