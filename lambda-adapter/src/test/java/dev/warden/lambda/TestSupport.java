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
   * A builder reading {@code env}, recording into {@code sink}. Unless the test sets one, the time
   * budget is a generous 60 s: the tests count events, and a loaded test machine must not add a
   * {@code time-budget} event the test did not ask for (the budget has its own tests).
   */
  static Warden.Builder builder(ListSink sink, Map<String, String> env, Detector... detectors) {
    Map<String, String> e = new java.util.HashMap<>(env);
    e.putIfAbsent("WARDEN_TIME_BUDGET_MS", "60000");
    return Warden.builder().environment(e).sink(sink).detectors(List.of(detectors));
  }
}
