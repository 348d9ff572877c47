package dev.warden.samples;

import dev.warden.Engine;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.Warden;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A Warden builder for tests: BLOCK mode from the annotations, no environment, events kept in memory. */
public final class Captured {

  private final List<SecurityEvent> events = Collections.synchronizedList(new ArrayList<>());

  /**
   * Warden's own failures are re-thrown so a broken guard cannot pass a test by failing open. The
   * time budget is raised: on a loaded build machine a first, cold inspection can exceed the 10 ms
   * default, and these tests are about verdicts, not speed (bench/ measures that). The runtime
   * guards are JVM-wide and this JVM hosts every sample, so they stay off here; the runtime tests
   * run them in a child JVM per function.
   */
  public Warden.Builder warden() {
    return Warden.builder().environment(Map.of("WARDEN_TIME_BUDGET_MS", "5000", "WARDEN_GUARDS", "false")).sink(events::add)
        .failures(Engine.Failures.PROPAGATE);
  }

  /** The blocked findings recorded so far, as {@code detector/rule@location}. */
  public List<String> blocked() {
    synchronized (events) {
      return events.stream().filter(e -> e.kind().equals(SecurityEvent.FINDING) && e.disposition().equals("blocked"))
          .map(e -> e.finding().detector() + "/" + e.finding().rule() + "@" + e.finding().location()).toList();
    }
  }

  public List<SecurityEvent> all() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }
}
