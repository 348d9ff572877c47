package dev.warden.event;

import dev.warden.Invocation;
import dev.warden.detect.Finding;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One security-relevant thing that happened: a finding and what was done about it, or a failure of
 * Warden itself. A sink records it; {@link EventJson} renders it as one line of JSON.
 *
 * @param kind stable kebab-case kind: {@code finding}, {@code guard-error}, {@code guard-violation}
 *     (a runtime guard refused or alerted on an operation of the function), {@code guard-status}
 *     (which runtime guards were installed)
 * @param time when it happened
 * @param invocation the invocation it belongs to
 * @param finding the finding, for kind {@code finding}; null otherwise
 * @param disposition {@code blocked}, {@code alerted}, {@code allowed} or {@code refused}
 * @param message short human description; never contains untrusted text except via evidence
 */
public record SecurityEvent(
    String kind, Instant time, Invocation invocation, Finding finding, String disposition, String message) {

  public static final String FINDING = "finding";
  public static final String GUARD_ERROR = "guard-error";
  public static final String GUARD_VIOLATION = "guard-violation";
  public static final String GUARD_STATUS = "guard-status";

  public SecurityEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(invocation, "invocation");
    Objects.requireNonNull(disposition, "disposition");
    message = Objects.requireNonNullElse(message, "");
  }

  public Optional<Finding> findingIfAny() {
    return Optional.ofNullable(finding);
  }
}
