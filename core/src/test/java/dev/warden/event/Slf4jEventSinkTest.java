package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Invocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

class Slf4jEventSinkTest {

  /** Records what reaches it; levels WARN and ERROR on or off together. */
  private static final class Recording extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    final boolean enabled;
    final List<String> lines = new ArrayList<>();
    /** Calls of error(String) and warn(String), written or not. */
    int calls;

    Recording(boolean enabled) {
      this.enabled = enabled;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args, Throwable t) {
      lines.add(level + " " + msg);
    }

    @Override
    public void error(String msg) {
      calls++;
      super.error(msg);
    }

    @Override
    public void warn(String msg) {
      calls++;
      super.warn(msg);
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return false;
    }

    @Override
    public boolean isWarnEnabled() {
      return enabled;
    }

    @Override
    public boolean isErrorEnabled() {
      return enabled;
    }
  }

  private static SecurityEvent event(String kind) {
    return new SecurityEvent(kind, Instant.EPOCH, Invocation.of("req-1", "fn"), null, "allowed", "m");
  }

  @Test
  void record_levelsEnabled_errorsAsErrorOthersAsWarnOneJsonLineEach() {
    Recording log = new Recording(true);
    Slf4jEventSink sink = new Slf4jEventSink(log);

    sink.record(event(SecurityEvent.GUARD_ERROR));
    sink.record(event(SecurityEvent.GUARD_STATUS));

    assertThat(log.lines).hasSize(2);
    assertThat(log.lines.get(0)).startsWith("ERROR {").contains("\"event_code\":\"guard-error\"");
    assertThat(log.lines.get(1)).startsWith("WARN {").contains("\"event_code\":\"guard-status\"");
  }

  @Test
  void record_levelsOff_writesNothing() {
    Recording log = new Recording(false);
    Slf4jEventSink sink = new Slf4jEventSink(log);

    sink.record(event(SecurityEvent.GUARD_ERROR));
    sink.record(event(SecurityEvent.FINDING));

    assertThat(log.lines).isEmpty();
    assertThat(log.calls).as("lines rendered for a logger that drops them").isZero();
  }
}
