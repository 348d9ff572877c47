package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.warden.Invocation;
import dev.warden.Verdict;
import dev.warden.detect.Detector;
import dev.warden.detect.Detectors;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.InputCollector;
import dev.warden.lambda.extract.Extractors;
import dev.warden.policy.Mode;
import dev.warden.policy.Policy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

  /** Counts the values it is shown; finds nothing. */
  static final class Counting implements Detector {
    final AtomicLong calls = new AtomicLong();

    @Override
    public String id() {
      return "counting";
    }

    @Override
    public Optional<Finding> inspect(Input in) {
      calls.incrementAndGet();
      return Optional.empty();
    }
  }

  @Test
  void beforeCheckpoint_primesExtractorsAndDetectorsManyRounds() {
    Counting counting = new Counting();
    Guard guard = TestSupport.builder(new TestSupport.ListSink(), Map.of(), counting).guard(Object.class);
    long afterInit = counting.calls.get();
    assertThat(afterInit).as("calls from priming at init").isPositive();

    SnapStartPriming hook = SnapStartPriming.register(guard);
    hook.beforeCheckpoint(null);

    assertThat(counting.calls.get() - afterInit)
        .as("calls from the snapshot hook")
        .isGreaterThanOrEqualTo(afterInit * (SnapStartPriming.SNAPSHOT_ROUNDS - 1));
  }

  @Test
  void prime_attackSamples_recordsNoEvents() {
    TestSupport.ListSink sink = new TestSupport.ListSink();
    Guard guard = Warden.builder().environment(Map.of()).sink(sink)
        .policy(Policy.builder().mode(Mode.BLOCK).build()).guard(Object.class);

    guard.prime(3);

    assertThat(sink.events).isEmpty();
  }

  @Test
  void prime_throwingDetector_neverThrows() {
    TestSupport.ListSink sink = new TestSupport.ListSink();
    Guard guard = TestSupport.builder(sink, Map.of(), TestSupport.THROWING).guard(Object.class);

    assertThatCode(() -> guard.prime(2)).doesNotThrowAnyException();
    assertThat(sink.events).isEmpty();
  }

  @Test
  void primingEvents_eachHasItsExtractorAndCarriesAnAttack() {
    Extractors extractors = Extractors.standard();
    var engine = dev.warden.Engine.of(Policy.builder().mode(Mode.BLOCK).build(), Detectors.discover(),
        e -> { });
    for (Object event : PrimingEvents.all()) {
      InputCollector inputs = engine.collector();
      extractors.extract(event, inputs);
      Verdict v = engine.dryRun(Invocation.of("t", "t"), inputs);
      assertThat(v.blocked()).as(event.getClass().getSimpleName()).isTrue();
      assertThat(v.inputs()).as(event.getClass().getSimpleName()).isGreaterThan(3);
    }
  }
}
