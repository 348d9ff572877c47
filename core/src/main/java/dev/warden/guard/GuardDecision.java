package dev.warden.guard;

/** The outcome of one runtime-guard check. */
public enum GuardDecision {
  /** Allowed by the policy (or the guard is off, or the thread is bypassed): no event. */
  ALLOWED,
  /** Not allowed, but the guard's action is {@link GuardAction#ALERT}: one event, call goes on. */
  ALERTED,
  /** Not allowed and the action is {@link GuardAction#BLOCK}: one event, the caller gets its ordinary exception. */
  BLOCKED;

  /** True unless {@link #BLOCKED}. */
  public boolean proceeds() {
    return this != BLOCKED;
  }
}
