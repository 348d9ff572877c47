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
  void init_onDemandOrProvisioned_primesOnlyWhenInitIsOffTheRequestPath() {
    Counting onDemand = new Counting();
    TestSupport.builder(new TestSupport.ListSink(), Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"), onDemand)
        .guard(Object.class);
    Counting provisioned = new Counting();
    TestSupport.builder(new TestSupport.ListSink(),
        Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency"), provisioned).guard(Object.class);

    assertThat(onDemand.calls.get()).as("calls from priming at an on-demand init").isZero();
    assertThat(provisioned.calls.get()).as("calls from priming at a provisioned init").isPositive();
  }

  @Test
  void beforeCheckpoint_primesExtractorsAndDetectorsManyRounds() {
    Counting once = new Counting();
    TestSupport.builder(new TestSupport.ListSink(),
        Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency"), once).guard(Object.class);
    Counting counting = new Counting();
    Guard guard = TestSupport.builder(new TestSupport.ListSink(), Map.of(), counting).guard(Object.class);

    SnapStartPriming hook = SnapStartPriming.register(guard);
    hook.beforeCheckpoint(null);

    assertThat(counting.calls.get())
        .as("calls from the snapshot hook")
        .isGreaterThanOrEqualTo(once.calls.get() * (SnapStartPriming.SNAPSHOT_ROUNDS - 1));
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

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"provisioned-concurrency,true", "on-demand,false", "snap-start,false",
      "'',false"})
  void primesAtInit_byInitializationType_onlyForProvisionedConcurrency(String type, boolean primes) {
    java.util.Map<String, String> env = type.isEmpty() ? java.util.Map.of()
        : java.util.Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", type);
    assertThat(Warden.Builder.primesAtInit(env)).isEqualTo(primes);
  }

  @Test
  void prime_wholeInvocationPath_writesNoMetricsLineAndLeavesNoBinding() {
    java.util.List<String> lines = new java.util.ArrayList<>();
    Guard guard = Warden.builder().environment(Map.of()).sink(new TestSupport.ListSink()).metricsOut(lines::add)
        .policy(Policy.builder().mode(Mode.BLOCK).build()).guard(Object.class);

    guard.prime(2);

    assertThat(lines).as("metrics lines written while priming").isEmpty();
    assertThat(dev.warden.event.InvocationMetrics.current().functionName()).as("metrics bound after priming")
        .isEmpty();
  }
}
