package dev.warden;

import dev.warden.detect.Finding;
import java.util.Optional;

/**
 * Thrown in place of calling the user's handler when the policy refuses an invocation on a
 * trigger that has no typed refusal (SNS, S3, EventBridge, ...): the platform's retry and
 * dead-letter handling then applies. It is the only exception Warden lets reach user code or the
 * runtime. The message names the request id only: no rule detail that would help an attacker.
 */
public final class WardenBlockedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Verdict verdict;

  public WardenBlockedException(String requestId, Verdict verdict) {
    super("Request refused by Warden policy (request " + requestId + ")", null, false, false);
    this.verdict = verdict;
  }

  /** The verdict that refused the invocation (not serialized). */
  public Optional<Verdict> verdict() {
    return Optional.ofNullable(verdict);
  }

  /** The first blocking finding, if known. */
  public Optional<Finding> finding() {
    return verdict == null ? Optional.empty() : verdict.firstBlocking();
  }
}
