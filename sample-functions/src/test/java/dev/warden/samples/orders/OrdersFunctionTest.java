package dev.warden.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.samples.Captured;
import dev.warden.samples.demo.Events;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OrdersFunctionTest {

  static final String ATTACK = "shipped' OR '1'='1";

  private final Captured captured = new Captured();
  private final FakeContext ctx = FakeContext.create();

  @Test
  void unprotected_tautology_returnsOtherCustomersOrders() {
    APIGatewayProxyResponseEvent r = new OrdersFunction().handleRequest(Events.orders(ATTACK), ctx);
    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getBody()).contains("C-1001", "C-2002", "C-3003");
  }

  @Test
  void protected_tautology_refusedWith403AndLogged() {
    RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h = captured.warden().protect(new OrdersFunction());
    APIGatewayProxyResponseEvent r = h.handleRequest(Events.orders(ATTACK), ctx);
    assertThat(r.getStatusCode()).isEqualTo(403);
    assertThat(r.getBody()).doesNotContain("C-2002");
    assertThat(captured.blocked()).singleElement().asString().startsWith("sqli/").endsWith("@query.status");
  }

  @ParameterizedTest
  @ValueSource(strings = {"shipped", "pending", "O'Brien's pick", "cancelled"})
  void protected_benignStatus_identicalToUnprotected(String status) {
    APIGatewayProxyResponseEvent plain = new OrdersFunction().handleRequest(Events.orders(status), ctx);
    APIGatewayProxyResponseEvent guarded = captured.warden().protect(new OrdersFunction()).handleRequest(Events.orders(status), ctx);
    assertThat(guarded).usingRecursiveComparison().isEqualTo(plain);
    assertThat(captured.all()).isEmpty();
  }
}
