package dev.warden.samples.orderevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.samples.Captured;
import dev.warden.samples.demo.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderEventsFunctionTest {

  static final String REFUND_ALL = "late'); UPDATE orders SET status = 'refunded' WHERE customer = 'C-2002'; --";

  private final Captured captured = new Captured();
  private final FakeContext ctx = FakeContext.create();

  static SQSEvent batchWithAttack() {
    return Events.orderEvents(Events.orderEvent(1, "shipped", "left at the door"),
        Events.orderEvent(4, "shipped", REFUND_ALL), Events.orderEvent(2, "shipped", "porch"));
  }

  static List<String> failures(SQSBatchResponse r) {
    return r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  @Test
  void unprotected_stackedUpdateInNote_rewritesAnotherCustomersOrder() {
    OrderEventsFunction f = new OrderEventsFunction();
    SQSBatchResponse r = f.handleRequest(batchWithAttack(), ctx);
    assertThat(failures(r)).isEmpty();
    assertThat(f.orders()).contains("3:C-2002:refunded");
  }

  @Test
  void protected_stackedUpdateInNote_onlyThatMessageFailsAndIsLogged() {
    OrderEventsFunction f = new OrderEventsFunction();
    RequestHandler<SQSEvent, SQSBatchResponse> h = captured.warden().protect(f);
    SQSBatchResponse r = h.handleRequest(batchWithAttack(), ctx);
    assertThat(failures(r)).containsExactly("msg-1");
    assertThat(f.orders()).containsExactly("1:C-1001:shipped", "2:C-1001:shipped", "3:C-2002:shipped", "4:C-3003:pending");
    assertThat(f.history()).containsExactly("1:shipped:left at the door", "2:shipped:porch");
    assertThat(captured.blocked()).singleElement().asString().startsWith("sqli/").contains("sqs[1].body");
  }

  @Test
  void protected_benignBatch_identicalToUnprotected() {
    SQSEvent batch = Events.orderEvents(Events.orderEvent(1, "shipped", "left at the door"),
        Events.orderEvent(2, "cancelled", "customer's request: O'Brien moved"), "not json");
    OrderEventsFunction plain = new OrderEventsFunction();
    OrderEventsFunction guarded = new OrderEventsFunction();
    SQSBatchResponse a = plain.handleRequest(batch, ctx);
    SQSBatchResponse b = captured.warden().protect(guarded).handleRequest(batch, ctx);
    assertThat(b).usingRecursiveComparison().isEqualTo(a);
    assertThat(guarded.orders()).isEqualTo(plain.orders());
    assertThat(guarded.history()).isEqualTo(plain.history());
    assertThat(captured.all()).isEmpty();
  }
}
