package dev.warden.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.warden.WardenBlockedException;
import dev.warden.detect.Detectors;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One protected handler invoked from many threads at once (as SnapStart-restored or
 * multi-threaded callers may), with benign and hostile events interleaved. Every verdict must be
 * the one the same event gets alone, every event must reach the handler unchanged and matched to
 * its own request id, and every security event must name the request that caused it: no state
 * leaks between concurrent invocations.
 */
class ConcurrencyStressTest {

  private static final int THREADS = 8;
  private static final int PER_THREAD = 2_000;
  private static final List<String> ATTACKS = List.of("1' OR '1'='1", "<script>alert(1)</script>",
      "../../../etc/passwd", "; cat /etc/passwd", "${jndi:ldap://x.example/a}", "http://169.254.169.254/latest/");

  private final ListSink sink = new ListSink();
  // Flood control would (rightly) summarise most of these events; this test checks that every
  // event that is written belongs to its request, so the rate cap is lifted.
  private final Map<String, String> env = Map.of("WARDEN_TIME_BUDGET_MS", "60000",
      "WARDEN_MAX_EVENTS_PER_SECOND", "1000000");

  private static boolean hostile(int t, int i) {
    return (t * 31 + i) % 3 == 0;
  }

  private static String value(int t, int i) {
    return hostile(t, i) ? ATTACKS.get((t + i) / 3 % ATTACKS.size()) : "order-" + t + "-" + i;
  }

  @Test
  void typedHandler_eightThreadsMixedEvents_everyVerdictAndEventCorrect() throws Exception {
    Set<String> seenByHandler = ConcurrentHashMap.newKeySet();
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> user = (e, c) -> {
      String q = e.getQueryStringParameters().get("q");
      String id = e.getQueryStringParameters().get("id");
      // The event the handler sees must be the one sent with this request id.
      assertThat(id).isEqualTo(c.getAwsRequestId());
      seenByHandler.add(id);
      return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(id + ":" + q);
    };
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h =
        Warden.builder().environment(env).sink(sink).detectors(Detectors.discover()).protect(user);

    Call typed = (t, i) -> {
      String id = "r-" + t + "-" + i;
      Map<String, String> q = new HashMap<>();
      q.put("id", id);
      q.put("q", value(t, i));
      APIGatewayProxyRequestEvent e = new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/orders")
          .withQueryStringParameters(q);
      APIGatewayProxyResponseEvent r = h.handleRequest(e, FakeContext.builder().requestId(id).build());
      if (hostile(t, i)) {
        return r.getStatusCode() == 403 && r.getBody().contains(id) ? null : id + " not refused: " + r.getBody();
      }
      return r.getStatusCode() == 200 && r.getBody().equals(id + ":" + value(t, i)) ? null : id + " wrong: " + r.getBody();
    };
    Map<String, Integer> alone = findingsAlone(typed);
    List<String> failures = run(typed);

    assertThat(failures).isEmpty();
    assertSecurityEventsMatchRequests(seenByHandler, alone);
  }

  @Test
  void streamHandler_eightThreadsMixedEvents_bytesUnchangedAndMatched() throws Exception {
    RequestStreamHandler user = (in, out, c) -> {
      byte[] b = in.readAllBytes();
      out.write(c.getAwsRequestId().getBytes(StandardCharsets.UTF_8));
      out.write('|');
      out.write(b);
    };
    RequestStreamHandler h = Warden.builder().environment(env).sink(sink).detectors(Detectors.discover()).protect(user);

    Call stream = (t, i) -> {
      String id = "s-" + t + "-" + i;
      byte[] event = ("{\"id\":\"" + id + "\",\"q\":\"" + value(t, i).replace("\"", "\\\"") + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        h.handleRequest(new ByteArrayInputStream(event), out, FakeContext.builder().requestId(id).build());
      } catch (WardenBlockedException b) {
        return hostile(t, i) && b.getMessage().contains(id) ? null : id + " refused wrongly";
      }
      String expected = id + "|" + new String(event, StandardCharsets.UTF_8);
      return !hostile(t, i) && out.toString(StandardCharsets.UTF_8).equals(expected) ? null : id + " passed wrongly";
    };
    Map<String, Integer> alone = findingsAlone(stream);
    List<String> failures = run(stream);

    assertThat(failures).isEmpty();
    assertSecurityEventsMatchRequests(Set.of(), alone);
  }

  private interface Call {
    String run(int thread, int i) throws Exception;
  }

  /** Runs every call on {@value #THREADS} threads started together; returns the failures. */
  private static List<String> run(Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        start.await();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < PER_THREAD; i++) {
          try {
            String f = call.run(thread, i);
            if (f != null) {
              bad.add(f);
            }
          } catch (Throwable e) {
            bad.add(thread + "/" + i + " threw " + e);
          }
        }
        return bad;
      }));
    }
    start.countDown();
    List<String> all = new ArrayList<>();
    for (Future<List<String>> f : results) {
      all.addAll(f.get(5, TimeUnit.MINUTES));
    }
    pool.shutdown();
    return all;
  }

  /**
   * How many findings each attack value yields when sent alone, one thread (some attacks are seen
   * by two detectors); the sink is cleared afterwards.
   */
  private Map<String, Integer> findingsAlone(Call call) throws Exception {
    Map<String, Integer> alone = new HashMap<>();
    for (int t = 0; t < THREADS && alone.size() < ATTACKS.size(); t++) {
      for (int i = 0; i < PER_THREAD && alone.size() < ATTACKS.size(); i++) {
        if (hostile(t, i) && !alone.containsKey(value(t, i))) {
          assertThat(call.run(t, i)).isNull();
          alone.put(value(t, i), sink.ofKind(SecurityEvent.FINDING).size());
          sink.events.clear();
        }
      }
    }
    assertThat(alone.keySet()).containsExactlyInAnyOrderElementsOf(ATTACKS);
    return alone;
  }

  /** Per hostile request, exactly the findings the same event gets alone, under its own id; none on benign ones. */
  private void assertSecurityEventsMatchRequests(Set<String> handled, Map<String, Integer> alone) {
    assertThat(sink.ofKind(SecurityEvent.GUARD_ERROR)).isEmpty();
    Map<String, Integer> perRequest = new HashMap<>();
    for (SecurityEvent e : sink.ofKind(SecurityEvent.FINDING)) {
      String id = e.invocation().requestId();
      String[] parts = id.split("-");
      int t = Integer.parseInt(parts[1]);
      int i = Integer.parseInt(parts[2]);
      assertThat(hostile(t, i)).as("finding on benign request %s", id).isTrue();
      assertThat(e.finding().location()).endsWith("q");
      assertThat(handled).doesNotContain(id);
      perRequest.merge(id, 1, Integer::sum);
    }
    int hostileCount = 0;
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < PER_THREAD; i++) {
        hostileCount += hostile(t, i) ? 1 : 0;
      }
    }
    assertThat(perRequest).hasSize(hostileCount);
    perRequest.forEach((id, n) -> {
      String[] parts = id.split("-");
      assertThat(n).as("findings for %s", id).isEqualTo(alone.get(value(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]))));
    });
  }
}
