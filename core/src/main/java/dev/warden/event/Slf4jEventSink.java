package dev.warden.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each event as one JSON line to the SLF4J logger {@code warden.security}: WARN for
 * findings, ERROR for Warden's own failures. Thread-safe.
 */
public final class Slf4jEventSink implements EventSink {

  /** The logger name users route to their SIEM. */
  public static final String LOGGER = "warden.security";

  private final Logger log;

  public Slf4jEventSink() {
    this(LoggerFactory.getLogger(LOGGER));
  }

  Slf4jEventSink(Logger log) {
    this.log = log;
  }

  /** Renders only for a level the logger writes: switched off, events cost nothing. */
  @Override
  public void record(SecurityEvent event) {
    if (SecurityEvent.GUARD_ERROR.equals(event.kind())) {
      if (log.isErrorEnabled()) {
        log.error(EventJson.render(event));
      }
    } else if (log.isWarnEnabled()) {
      log.warn(EventJson.render(event));
    }
  }
}
