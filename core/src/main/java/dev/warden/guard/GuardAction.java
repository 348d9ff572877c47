package dev.warden.guard;

/**
 * What one runtime guard does with an operation its policy does not allow.
 *
 * <p>Unlike {@link dev.warden.policy.Action} (which acts on findings in untrusted input), a guard
 * action applies to what the function itself does while it runs: connecting out, starting a
 * process, writing a file, deserializing a class, looking up a JNDI name.
 */
public enum GuardAction {
  /** Refuse the operation with the ordinary exception its caller expects, and record one event. */
  BLOCK,
  /** Let the operation through and record one event (roll-out mode). */
  ALERT,
  /** Guard off: no check, no event. */
  ALLOW
}
