package dev.warden;

import dev.warden.detect.Finding;
import dev.warden.extract.InputCollector;
import dev.warden.policy.Action;
import java.util.List;
import java.util.Optional;

/**
 * The policy's answer for one invocation.
 *
 * @param decision allow the handler to run, or refuse the invocation
 * @param outcomes every finding with the action the policy applied to it
 * @param inputs how many values were inspected
 * @param nanos time spent inspecting
 * @param errors how many of Warden's own failures (detector errors, time budget) occurred
 * @param skipped parts deliberately not inspected and why (binary bodies...): not findings, but
 *     never silent
 */
public record Verdict(Decision decision, List<Outcome> outcomes, int inputs, long nanos, int errors,
    List<InputCollector.Skip> skipped) {

  /** Allow or refuse. */
  public enum Decision { ALLOW, BLOCK }

  /**
   * One finding and what was done about it. {@code action} is {@link Action#BLOCK} only for
   * findings that refused the invocation; in monitor mode every action is {@link Action#MONITOR}.
   */
  public record Outcome(Finding finding, Action action) {}

  public Verdict {
    outcomes = List.copyOf(outcomes);
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
  }

  /** A verdict with nothing skipped. */
  public Verdict(Decision decision, List<Outcome> outcomes, int inputs, long nanos, int errors) {
    this(decision, outcomes, inputs, nanos, errors, List.of());
  }

  public boolean blocked() {
    return decision == Decision.BLOCK;
  }

  /** The first finding that refused the invocation, if any. */
  public Optional<Finding> firstBlocking() {
    return outcomes.stream().filter(o -> o.action() == Action.BLOCK).map(Outcome::finding).findFirst();
  }

  /** All findings, in the order they were made. */
  public List<Finding> findings() {
    return outcomes.stream().map(Outcome::finding).toList();
  }
}
