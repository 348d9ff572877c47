package dev.warden.event;

/**
 * Records security events. Implementations must be thread-safe and must not throw for any event;
 * the engine still guards each call.
 */
@FunctionalInterface
public interface EventSink {

  void record(SecurityEvent event);
}
