package dev.warden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.event.SecurityEvent;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.policy.Action;
import dev.warden.policy.Mode;
import dev.warden.policy.Policy;
import dev.warden.testing.TestDetectors;
import dev.warden.testing.TestDetectors.ListSink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {

  private final ListSink sink = new ListSink();
  private final Invocation inv = Invocation.of("req-1", "orders");

  private Engine engine(Policy p) {
    return Engine.of(p, List.of(TestDetectors.marker("marker", "EVIL")), sink);
  }

  private static InputCollector inputs(Engine e, String... values) {
    InputCollector c = e.collector();
    for (int i = 0; i < values.length; i++) {
      c.value(Source.QUERY, "query.p" + i, values[i]);
    }
    return c;
  }

  @Test
  void inspect_benignValues_allowsWithoutEvents() {
    Engine e = engine(Policy.defaults());
    Verdict v = e.inspect(inv, inputs(e, "hello", "world"));
    assertThat(v.blocked()).isFalse();
    assertThat(v.inputs()).isEqualTo(2);
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void inspect_attackInBlockMode_blocksAndRecordsOneEvent() {
    Engine e = engine(Policy.defaults());
    Verdict v = e.inspect(inv, inputs(e, "fine", "x EVIL y"));
    assertThat(v.blocked()).isTrue();
    assertThat(v.firstBlocking()).get().satisfies(f -> {
      assertThat(f.detector()).isEqualTo("marker");
      assertThat(f.rule()).isEqualTo("marker-found");
      assertThat(f.location()).isEqualTo("query.p1");
      assertThat(f.evidence()).contains("EVIL");
    });
    assertThat(sink.events()).singleElement().satisfies(ev -> {
      assertThat(ev.kind()).isEqualTo(SecurityEvent.FINDING);
      assertThat(ev.disposition()).isEqualTo("blocked");
      assertThat(ev.invocation().requestId()).isEqualTo("req-1");
    });
  }

  @Test
  void inspect_urlEncodedAttack_isDecodedBeforeDetection() {
    Engine e = engine(Policy.defaults());
    assertThat(e.inspect(inv, inputs(e, "%45%56%49%4C")).blocked()).isTrue();
    assertThat(e.inspect(inv, inputs(e, "%2545%2556%2549%254C")).blocked()).isTrue();
  }

  @Test
  void inspect_monitorMode_allowsAndAlerts() {
    Engine e = engine(Policy.builder().mode(Mode.MONITOR).build());
    Verdict v = e.inspect(inv, inputs(e, "EVIL"));
    assertThat(v.blocked()).isFalse();
    assertThat(v.outcomes()).singleElement().extracting(Verdict.Outcome::action).isEqualTo(Action.MONITOR);
    assertThat(sink.events()).singleElement().extracting(SecurityEvent::disposition).isEqualTo("alerted");
  }

  @Test
  void inspect_offMode_inspectsNothing() {
    Engine e = engine(Policy.builder().mode(Mode.OFF).build());
    Verdict v = e.inspect(inv, inputs(e, "EVIL"));
    assertThat(v.blocked()).isFalse();
    assertThat(v.inputs()).isZero();
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void inspect_detectorActionMonitor_alertsOnlyForThatDetector() {
    Engine e = engine(Policy.builder().action("marker", Action.MONITOR).build());
    Verdict v = e.inspect(inv, inputs(e, "EVIL"));
    assertThat(v.blocked()).isFalse();
    assertThat(sink.events()).singleElement().extracting(SecurityEvent::disposition).isEqualTo("alerted");
  }

  @Test
  void inspect_detectorActionOff_detectorDoesNotRun() {
    Engine e = engine(Policy.builder().action("marker", Action.OFF).build());
    assertThat(e.detectors()).isEmpty();
    assertThat(e.inspect(inv, inputs(e, "EVIL")).outcomes()).isEmpty();
  }

  @Test
  void inspect_excludedLocation_isNotReported() {
    Engine e = engine(Policy.builder().exclude("marker", "query.p1").build());
    assertThat(e.inspect(inv, inputs(e, "ok", "EVIL")).blocked()).isFalse();
    assertThat(e.inspect(inv, inputs(e, "EVIL")).blocked()).isTrue();
  }

  @Test
  void inspect_throwingDetectorFailOpen_allowsAndRecordsOneGuardError() {
    // A generous time budget: three cold exceptions on a loaded machine can pass 10 ms.
    Engine e = Engine.of(Policy.builder().timeBudget(java.time.Duration.ofSeconds(10)).build(),
        List.of(TestDetectors.throwing("broken")), sink);
    Verdict v = e.inspect(inv, inputs(e, "a", "b", "c"));
    assertThat(v.blocked()).isFalse();
    assertThat(v.errors()).isEqualTo(3);
    assertThat(sink.events()).singleElement().satisfies(ev -> {
      assertThat(ev.kind()).isEqualTo(SecurityEvent.GUARD_ERROR);
      assertThat(ev.disposition()).isEqualTo("allowed");
      // The exception message quotes input; the event must not.
      assertThat(ev.message()).contains("broken").doesNotContain("boom");
    });
  }

  @Test
  void inspect_throwingDetectorFailClosed_blocks() {
    Engine e = Engine.of(Policy.builder().failClosed(true).build(), List.of(TestDetectors.throwing("broken")), sink);
    assertThat(e.inspect(inv, inputs(e, "a")).blocked()).isTrue();
    assertThat(sink.ofKind(SecurityEvent.GUARD_ERROR)).singleElement()
        .extracting(SecurityEvent::disposition).isEqualTo("blocked");
  }

  @Test
  void inspect_propagateFailures_rethrows() {
    Engine e = Engine.of(Policy.defaults(), List.of(TestDetectors.throwing("broken")), sink, Engine.Failures.PROPAGATE);
    assertThatThrownBy(() -> e.inspect(inv, inputs(e, "a"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void inspect_throwingSink_doesNotBreakInspection() {
    Engine e = Engine.of(Policy.defaults(), List.of(TestDetectors.marker("marker", "EVIL")), ev -> {
      throw new IllegalStateException("sink down");
    });
    assertThat(e.inspect(inv, inputs(e, "EVIL")).blocked()).isTrue();
  }

  @Test
  void inspect_tooManyFields_isLimitFindingThatBlocks() {
    Engine e = engine(Policy.builder().maxFields(2).build());
    InputCollector c = inputs(e, "a", "b", "c", "d");
    assertThat(c.inputs()).hasSize(2);
    Verdict v = e.inspect(inv, c);
    assertThat(v.blocked()).isTrue();
    assertThat(v.firstBlocking()).get().satisfies(f -> {
      assertThat(f.detector()).isEqualTo(Policy.LIMIT_DETECTOR);
      assertThat(f.rule()).isEqualTo("max-fields");
    });
  }

  @Test
  void inspect_valueTooLong_inspectsPrefixAndReportsLimit() {
    Engine e = engine(Policy.builder().maxValueChars(10).action(Policy.LIMIT_DETECTOR, Action.MONITOR).build());
    Verdict v = e.inspect(inv, inputs(e, "EVIL" + "x".repeat(100)));
    assertThat(v.findings()).extracting(f -> f.detector() + "/" + f.rule())
        .containsExactlyInAnyOrder("limit-exceeded/value-too-long", "marker/marker-found");
  }

  @Test
  void inspect_firstInspection_getsAtLeastOneSecondWhateverTheBudget() {
    Engine slow = Engine.of(Policy.builder().timeBudget(Duration.ofNanos(1)).build(),
        List.of(TestDetectors.marker("marker", "EVIL")), sink);
    Verdict first = slow.inspect(inv, inputs(slow, "a", "b", "EVIL"));
    assertThat(first.findings()).extracting(f -> f.rule()).containsExactly("marker-found");
    Verdict second = slow.inspect(inv, inputs(slow, "a", "b", "EVIL"));
    assertThat(second.findings()).extracting(f -> f.rule()).containsExactly("time-budget");
  }

  @Test
  void inspect_timeBudgetExceeded_failOpenAllowsAndReports() {
    Engine slow = Engine.of(Policy.builder().timeBudget(Duration.ofNanos(1)).build(),
        List.of(TestDetectors.marker("marker", "EVIL")), sink);
    slow.inspect(inv, inputs(slow, "warm-up"));
    Verdict v = slow.inspect(inv, inputs(slow, "a", "b", "c"));
    assertThat(v.blocked()).isFalse();
    assertThat(v.findings()).extracting(f -> f.rule()).containsExactly("time-budget");
  }

  @Test
  void inspect_timeBudgetExceeded_failClosedBlocks() {
    Engine slow = Engine.of(Policy.builder().timeBudget(Duration.ofNanos(1)).failClosed(true).build(),
        List.of(TestDetectors.marker("marker", "EVIL")), sink);
    slow.inspect(inv, inputs(slow, "warm-up"));
    assertThat(slow.inspect(inv, inputs(slow, "a", "b", "c")).blocked()).isTrue();
  }

  @Test
  void of_duplicateDetectorIds_failsFast() {
    assertThatThrownBy(() -> Engine.of(Policy.defaults(),
        List.of(TestDetectors.marker("m", "a"), TestDetectors.marker("m", "b")), sink))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share the id m");
  }
}
