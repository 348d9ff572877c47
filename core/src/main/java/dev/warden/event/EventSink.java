package dev.warden.event;

import dev.warden.Invocation;

/**
 * Records security events. Implementations must be thread-safe and must not throw for any event;
 * the engine still guards each call.
 */
@FunctionalInterface
public interface EventSink {

  void record(SecurityEvent event);

  /**
   * Called by the engine when an invocation starts and when it ends, so a sink that holds
   * something back (flood control's summary) can write it. {@code invocation} is the one in
   * progress. Default: nothing.
   */
  default void flush(Invocation invocation) {}
}
