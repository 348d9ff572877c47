package dev.warden.policy;

/**
 * What one detector's findings do. In {@link Mode#MONITOR} a {@code BLOCK} action only logs: the
 * mode is a ceiling, so a function can be rolled out in monitor mode without editing every rule.
 */
public enum Action {
  /** Refuse the invocation (in BLOCK mode) and log. */
  BLOCK,
  /** Log only. */
  MONITOR,
  /** Do not run the detector. */
  OFF
}
