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

  /** Counts the texts it inspects; fires on {@code EVIL}; text-only as told. */
  private static final class Counting implements dev.warden.detect.Detector {
    final List<String> seen = new java.util.ArrayList<>();
    private final boolean textOnly;

    Counting(boolean textOnly) {
      this.textOnly = textOnly;
    }

    @Override
    public String id() {
      return "counting";
    }

    @Override
    public boolean textOnly() {
      return textOnly;
    }

    @Override
    public java.util.Optional<dev.warden.detect.Finding> inspect(dev.warden.extract.Input in) {
      seen.add(in.path() + "=" + in.text());
      int i = in.text().indexOf("EVIL");
      return i < 0 ? java.util.Optional.empty()
          : java.util.Optional.of(dev.warden.detect.Finding.of("counting", "evil", in, i, i + 4));
    }
  }

  private static InputCollector arrayOfRecords(Engine e, String... keys) {
    InputCollector c = e.collector();
    for (int i = 0; i < 3; i++) {
      for (String k : keys) {
        c.name(Source.BODY, "body.items[" + i + "]." + k, k);
        c.value(Source.BODY, "body.items[" + i + "]." + k, "v");
      }
    }
    return c;
  }

  @Test
  void inspect_repeatedCleanNameTextOnlyDetectors_inspectsTheNameOnce() {
    Counting d = new Counting(true);
    Engine e = Engine.of(Policy.defaults(), List.of(d), sink);
    Verdict v = e.inspect(inv, arrayOfRecords(e, "sku", "note"));
    assertThat(d.seen).filteredOn(s -> s.endsWith("=sku")).containsExactly("body.items[0].sku=sku");
    assertThat(d.seen).filteredOn(s -> s.endsWith("=note")).containsExactly("body.items[0].note=note");
    // Values are always inspected, and every input still counts as inspected.
    assertThat(d.seen).filteredOn(s -> s.endsWith("=v")).hasSize(6);
    assertThat(v.inputs()).isEqualTo(12);
  }

  @Test
  void inspect_cleanNameOfAnEarlierInvocation_isNotInspectedAgain() {
    Counting d = new Counting(true);
    Engine e = Engine.of(Policy.defaults(), List.of(d), sink);
    e.inspect(inv, arrayOfRecords(e, "sku"));
    d.seen.clear();
    Verdict v = e.inspect(inv, arrayOfRecords(e, "sku", "EVIL"));
    assertThat(d.seen).filteredOn(s -> s.endsWith("=sku")).isEmpty();
    // A name with a finding is never remembered: every copy, every invocation.
    assertThat(d.seen).filteredOn(s -> s.endsWith("=EVIL")).hasSize(3);
    assertThat(v.blocked()).isTrue();
    assertThat(v.inputs()).isEqualTo(12);
  }

  @Test
  void inspect_cleanNamesTableFull_fallsBackToOncePerInvocation() {
    Counting d = new Counting(true);
    Engine e = Engine.of(Policy.defaults(), List.of(d), sink);
    InputCollector filler = e.collector();
    for (int i = 0; i < CleanNames.MAX_ENTRIES * 4; i++) {
      filler.name(Source.BODY, "body.k" + i, "k" + i);
    }
    e.inspect(inv, filler);
    d.seen.clear();
    e.inspect(inv, arrayOfRecords(e, "sku"));
    assertThat(d.seen).filteredOn(s -> s.endsWith("=sku")).containsExactly("body.items[0].sku=sku");
  }

  @Test
  void inspect_repeatedNameWithAFinding_isReportedAtEveryPath() {
    Counting d = new Counting(true);
    Engine e = Engine.of(Policy.builder().mode(Mode.MONITOR).build(), List.of(d), sink);
    Verdict v = e.inspect(inv, arrayOfRecords(e, "EVIL"));
    assertThat(v.outcomes()).extracting(o -> o.finding().location())
        .containsExactly("body.items[0].EVIL", "body.items[1].EVIL", "body.items[2].EVIL");
  }

  @Test
  void inspect_repeatedNameDetectorNotTextOnly_inspectsEveryCopy() {
    Counting d = new Counting(false);
    Engine e = Engine.of(Policy.defaults(), List.of(d), sink);
    e.inspect(inv, arrayOfRecords(e, "sku"));
    e.inspect(inv, arrayOfRecords(e, "sku"));
    assertThat(d.seen).filteredOn(s -> s.endsWith("=sku")).hasSize(6);
  }

  @Test
  void inspect_repeatedNameWithExclusions_inspectsEveryCopy() {
    // An exclusion makes the outcome depend on the path: a name clean at an excluded path may not
    // be clean at the next one.
    Counting d = new Counting(true);
    Engine e = Engine.of(Policy.builder().exclude("counting", "body.items[0].EVIL").build(), List.of(d), sink);
    assertThat(e.inspect(inv, arrayOfRecords(e, "EVIL")).blocked()).isTrue();
    assertThat(d.seen).filteredOn(s -> s.endsWith("=EVIL")).hasSize(2);
    e.inspect(inv, arrayOfRecords(e, "sku"));
    e.inspect(inv, arrayOfRecords(e, "sku"));
    assertThat(d.seen).filteredOn(s -> s.endsWith("=sku")).hasSize(6);
  }

  @Test
  void inspect_builtInDetectors_areTextOnly() {
    assertThat(dev.warden.detect.Detectors.discover()).isNotEmpty()
        .allSatisfy(d -> assertThat(d.textOnly()).as(d.id()).isTrue());
  }

  /** Counts mayMatch calls; gated on '<'. */
  private static final class Gated implements dev.warden.detect.Detector {
    final List<String> asked = new java.util.ArrayList<>();

    @Override
    public String id() {
      return "gated";
    }

    @Override
    public dev.warden.detect.CharMask gate() {
      return dev.warden.detect.CharMask.ascii("<");
    }

    @Override
    public boolean mayMatch(dev.warden.extract.Input in, dev.warden.detect.CharMask chars) {
      asked.add(in.text());
      return true;
    }

    @Override
    public java.util.Optional<dev.warden.detect.Finding> inspect(dev.warden.extract.Input in) {
      return java.util.Optional.empty();
    }
  }

  @Test
  void inspect_detectorWithAGate_isAskedOnlyAboutValuesThatCanPassIt() {
    Gated d = new Gated();
    Engine e = Engine.of(Policy.defaults(), List.of(d), sink);
    e.inspect(inv, inputs(e, "plain", "a<b", "caf\u00e9"));
    assertThat(d.asked).containsExactly("a<b", "caf\u00e9");
  }
}
