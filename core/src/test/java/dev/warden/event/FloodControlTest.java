package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Invocation;
import dev.warden.detect.Finding;
import dev.warden.extract.Source;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FloodControlTest {

  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  final List<SecurityEvent> out = Collections.synchronizedList(new ArrayList<>());

  FloodControl flood(int perInvocation, int perSecond) {
    return new FloodControl(out::add, perInvocation, perSecond, nanos::get, clock);
  }

  static SecurityEvent event(String requestId) {
    return SecurityEvent.finding(Instant.parse("2026-11-22T10:00:00Z"), Invocation.of(requestId, "fn"),
        new Finding("sqli", "tautology", Source.QUERY, "query.id", "' OR 1=1"), "blocked");
  }

  List<SecurityEvent> ofKind(String kind) {
    synchronized (out) {
      return out.stream().filter(e -> e.kind().equals(kind)).toList();
    }
  }

  @Test
  void record_overPerInvocationCap_withholdsRestAndSummarizesAtNextInvocation() {
    FloodControl f = flood(20, 1000);
    for (int i = 0; i < 64; i++) {
      f.record(event("req-1"));
    }
    assertThat(ofKind(SecurityEvent.FINDING)).hasSize(20);
    assertThat(ofKind(SecurityEvent.SUPPRESSED)).isEmpty();
    f.flush(Invocation.of("req-1", "fn"));
    assertThat(ofKind(SecurityEvent.SUPPRESSED)).as("same invocation, window open").isEmpty();
    f.flush(Invocation.of("req-2", "fn"));
    assertThat(ofKind(SecurityEvent.SUPPRESSED)).singleElement().satisfies(s -> {
      assertThat(s.counts()).containsEntry(SecurityEvent.SUPPRESSED, 44L).containsEntry(SecurityEvent.FINDING, 44L);
      assertThat(s.invocation().requestId()).isEqualTo("req-2");
    });
    assertThat(f.pending()).isZero();
  }

  @Test
  void record_overRateAcrossInvocations_withholdsUntilWindowCloses() {
    FloodControl f = flood(20, 5);
    for (int i = 0; i < 12; i++) {
      f.record(event("req-" + i));
    }
    assertThat(ofKind(SecurityEvent.FINDING)).hasSize(5);
    assertThat(f.pending()).isEqualTo(7);
    nanos.addAndGet(999_000_000L);
    f.record(event("req-x"));
    assertThat(ofKind(SecurityEvent.SUPPRESSED)).as("window still open").isEmpty();
    nanos.addAndGet(2_000_000L);
    f.record(event("req-y"));
    assertThat(ofKind(SecurityEvent.SUPPRESSED)).singleElement()
        .satisfies(s -> assertThat(s.counts()).containsEntry(SecurityEvent.SUPPRESSED, 7L));
    // The bucket refilled: after one second the new event goes through.
    assertThat(out.get(out.size() - 1).invocation().requestId()).isEqualTo("req-y");
  }

  @Test
  void record_steadyRateBelowLimit_neverWithholds() {
    FloodControl f = flood(20, 10);
    for (int i = 0; i < 100; i++) {
      f.record(event("req-" + i));
      nanos.addAndGet(100_000_000L);
    }
    assertThat(ofKind(SecurityEvent.FINDING)).hasSize(100);
    assertThat(f.pending()).isZero();
  }

  @Test
  void record_concurrentFlood_deliversExactlyTheBucketAndCountsTheRest() throws Exception {
    FloodControl f = flood(1_000_000, 100);
    int threads = 8;
    int each = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      int id = t;
      pool.submit(() -> {
        go.await();
        for (int i = 0; i < each; i++) {
          f.record(event("req-" + id));
        }
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ofKind(SecurityEvent.FINDING)).hasSize(100);
    assertThat(f.pending()).isEqualTo((long) threads * each - 100);
    nanos.addAndGet(1_000_000_000L);
    f.flush(Invocation.of("req-0", "fn"));
    assertThat(ofKind(SecurityEvent.SUPPRESSED)).singleElement()
        .satisfies(s -> assertThat(s.counts()).containsEntry(SecurityEvent.SUPPRESSED, (long) threads * each - 100));
  }

  @Test
  void flush_invocationsWithoutRequestId_eachGetAFreshCap() {
    FloodControl f = flood(2, 1000);
    for (int inv = 0; inv < 3; inv++) {
      f.flush(Invocation.of("", "tool"));
      for (int i = 0; i < 3; i++) {
        f.record(event(""));
      }
    }
    assertThat(ofKind(SecurityEvent.FINDING)).hasSize(6);
  }

  @Test
  void record_summaryItself_isNeverWithheld() {
    FloodControl f = flood(1, 1);
    f.record(event("a"));
    f.record(SecurityEvent.suppressed(Instant.EPOCH, Invocation.of("a", "fn"), Instant.EPOCH,
        java.util.Map.of("finding", 3L)));
    assertThat(out).hasSize(2);
  }
}
