package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed refusals: the response object each HTTP trigger expects, with status 403 and a small JSON
 * body that names the request id and nothing about the rule (no help for the attacker). Other
 * triggers have no response to shape; the caller throws {@link dev.warden.WardenBlockedException}.
 */
public final class Refusals {

  private Refusals() {}

  /** The JSON body of a refusal. */
  public static String body(String requestId) {
    String id = new String(JsonStringEncoder.getInstance().quoteAsString(requestId == null ? "" : requestId));
    return "{\"message\":\"Forbidden\",\"requestId\":\"" + id + "\"}";
  }

  /** A 403 of the response type that matches {@code event}, if it is an HTTP event. */
  public static Optional<Object> forbidden(Object event, String requestId) {
    Map<String, String> headers = Map.of("Content-Type", "application/json");
    if (event instanceof APIGatewayProxyRequestEvent) {
      return Optional.of(new APIGatewayProxyResponseEvent().withStatusCode(403).withHeaders(headers)
          .withBody(body(requestId)).withIsBase64Encoded(false));
    }
    if (event instanceof APIGatewayV2HTTPEvent) {
      return Optional.of(APIGatewayV2HTTPResponse.builder().withStatusCode(403).withHeaders(headers)
          .withBody(body(requestId)).withIsBase64Encoded(false).build());
    }
    if (event instanceof ApplicationLoadBalancerRequestEvent) {
      ApplicationLoadBalancerResponseEvent r = new ApplicationLoadBalancerResponseEvent();
      r.setStatusCode(403);
      r.setStatusDescription("403 Forbidden");
      if (((ApplicationLoadBalancerRequestEvent) event).getMultiValueHeaders() != null) {
        // Multi-value mode: ALB reads only multiValueHeaders from the response.
        r.setMultiValueHeaders(Map.of("Content-Type", List.of("application/json")));
      } else {
        r.setHeaders(headers);
      }
      r.setBody(body(requestId));
      r.setIsBase64Encoded(false);
      return Optional.of(r);
    }
    return Optional.empty();
  }
}
