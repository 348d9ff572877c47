package dev.warden.testing;

import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.event.EventSink;
import dev.warden.event.SecurityEvent;
import dev.warden.extract.Input;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Detectors and sinks with obvious behaviour, for testing the pipeline apart from real detection. */
public final class TestDetectors {

  private TestDetectors() {}

  /** Fires rule {@code marker-found} when the text contains {@code marker}. */
  public static Detector marker(String id, String marker) {
    return new Detector() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Optional<Finding> inspect(Input in) {
        int i = in.text().indexOf(marker);
        return i < 0 ? Optional.empty() : Optional.of(Finding.of(id, "marker-found", in, i, i + marker.length()));
      }
    };
  }

  /** Always throws. */
  public static Detector throwing(String id) {
    return new Detector() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Optional<Finding> inspect(Input in) {
        throw new IllegalStateException("boom on " + in.text());
      }
    };
  }

  /** Keeps every event. Thread-safe. */
  public static final class ListSink implements EventSink {
    private final List<SecurityEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(SecurityEvent event) {
      events.add(event);
    }

    public List<SecurityEvent> events() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }

    public List<SecurityEvent> ofKind(String kind) {
      return events().stream().filter(e -> e.kind().equals(kind)).toList();
    }
  }
}
