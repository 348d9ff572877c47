package dev.warden.lambda;

import dev.warden.Invocation;
import dev.warden.Verdict;

/**
 * Receives every verdict after inspection, before the handler runs or the refusal is returned.
 * For metrics and dashboards. Called on the invocation's thread; must be fast and thread-safe.
 * Exceptions it throws are ignored.
 */
@FunctionalInterface
public interface VerdictObserver {

  void verdict(Invocation invocation, Verdict verdict);
}
