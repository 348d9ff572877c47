package dev.warden.lambda;

import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.event.EventSink;
import dev.warden.event.SecurityEvent;
import dev.warden.extract.Input;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Detectors with obvious behaviour and an event-keeping sink, to test the adapter apart from detection. */
final class TestSupport {

  private TestSupport() {}

  /** Fires rule {@code marker-found} when the text contains {@code EVIL}. */
  static final Detector MARKER = new Detector() {
    @Override
    public String id() {
      return "marker";
    }

    @Override
    public Optional<Finding> inspect(Input in) {
      int i = in.text().indexOf("EVIL");
      return i < 0 ? Optional.empty() : Optional.of(Finding.of("marker", "marker-found", in, i, i + 4));
    }
  };

  static final Detector THROWING = new Detector() {
    @Override
    public String id() {
      return "broken";
    }

    @Override
    public Optional<Finding> inspect(Input in) {
      throw new IllegalStateException("detector bug");
    }
  };

  static final class ListSink implements EventSink {
    final List<SecurityEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(SecurityEvent e) {
      events.add(e);
    }

    List<SecurityEvent> ofKind(String kind) {
      synchronized (events) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
      }
    }
  }

  /**
   * Defaults with a 10 s time budget: on a loaded build machine a cold first inspection can pass
   * 10 ms, and a time-budget finding would make location assertions flaky.
   */
  static final dev.warden.policy.Policy SLOW_MACHINE = dev.warden.policy.Policy.builder()
      .timeBudget(java.time.Duration.ofSeconds(10)).build();

  /** {@code env} plus a 10 s time budget (see {@link #SLOW_MACHINE}), unless it sets one. */
  static Map<String, String> patient(Map<String, String> env) {
    Map<String, String> m = new java.util.HashMap<>(env);
    m.putIfAbsent("WARDEN_TIME_BUDGET_MS", "10000");
    return Map.copyOf(m);
  }

  static Warden.Builder builder(ListSink sink, Map<String, String> env, Detector... detectors) {
    return Warden.builder().environment(patient(env)).sink(sink).detectors(List.of(detectors));
  }
}
