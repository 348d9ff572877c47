package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.warden.Verdict;
import dev.warden.detect.Finding;
import dev.warden.policy.Action;
import dev.warden.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed refusals: the response object each HTTP trigger expects, with a small JSON body that names
 * the request id and nothing about the rule (no help for the attacker). The status is 403, except
 * when every finding that refused the request is a limit on the body itself: too large
 * ({@code max-bytes}, {@code max-fields}, {@code value-too-long}, {@code decompressed-size}) is 413,
 * unparsable ({@code malformed-body}, {@code max-depth}) is 400. Other triggers have no response to
 * shape; the caller throws {@link dev.warden.WardenBlockedException} (or refuses records one by one,
 * see {@link Batches}).
 */
public final class Refusals {

  private static final Set<String> TOO_LARGE = Set.of("max-bytes", "max-fields", "value-too-long", "decompressed-size");
  private static final Set<String> UNPARSABLE = Set.of("malformed-body", "max-depth");

  private Refusals() {}

  /** The JSON body of a 403 refusal. */
  public static String body(String requestId) {
    return body(403, requestId);
  }

  /** The JSON body of a refusal with {@code status}. */
  public static String body(int status, String requestId) {
    String id = new String(JsonStringEncoder.getInstance().quoteAsString(requestId == null ? "" : requestId));
    return "{\"message\":\"" + reason(status) + "\",\"requestId\":\"" + id + "\"}";
  }

  /** A 403 of the response type that matches {@code event}, if it is an HTTP event. */
  public static Optional<Object> forbidden(Object event, String requestId) {
    return response(event, requestId, 403);
  }

  /**
   * The refusal of the response type that matches {@code event}, if it is an HTTP event, with the
   * status {@link #status(Verdict)} picks.
   */
  public static Optional<Object> refusal(Object event, String requestId, Verdict verdict) {
    return response(event, requestId, status(verdict));
  }

  /**
   * 413 when every blocking finding says the body is too large, 400 when every one says it cannot
   * be parsed (413 wins when both), else 403.
   */
  public static int status(Verdict verdict) {
    if (verdict == null) {
      return 403;
    }
    boolean tooLarge = false;
    boolean unparsable = false;
    boolean any = false;
    for (Verdict.Outcome o : verdict.outcomes()) {
      if (o.action() != Action.BLOCK) {
        continue;
      }
      any = true;
      Finding f = o.finding();
      if (!Policy.LIMIT_DETECTOR.equals(f.detector())) {
        return 403;
      }
      if (TOO_LARGE.contains(f.rule())) {
        tooLarge = true;
      } else if (UNPARSABLE.contains(f.rule())) {
        unparsable = true;
      } else {
        return 403;
      }
    }
    if (!any) {
      return 403;
    }
    return tooLarge ? 413 : unparsable ? 400 : 403;
  }

  private static String reason(int status) {
    switch (status) {
      case 400: return "Bad Request";
      case 413: return "Payload Too Large";
      default: return "Forbidden";
    }
  }

  private static Optional<Object> response(Object event, String requestId, int status) {
    Map<String, String> headers = Map.of("Content-Type", "application/json");
    String body = body(status, requestId);
    if (event instanceof APIGatewayProxyRequestEvent) {
      return Optional.of(new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers)
          .withBody(body).withIsBase64Encoded(false));
    }
    if (event instanceof APIGatewayV2HTTPEvent) {
      return Optional.of(APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
          .withBody(body).withIsBase64Encoded(false).build());
    }
    if (event instanceof APIGatewayV2WebSocketEvent) {
      // On $connect a non-2xx status rejects the connection (API Gateway Developer Guide,
      // "Manage connected users and client apps: $connect"); on other routes it is the route response.
      APIGatewayV2WebSocketResponse r = new APIGatewayV2WebSocketResponse();
      r.setStatusCode(status);
      r.setHeaders(headers);
      r.setBody(body);
      r.setIsBase64Encoded(false);
      return Optional.of(r);
    }
    if (event instanceof ApplicationLoadBalancerRequestEvent) {
      ApplicationLoadBalancerResponseEvent r = new ApplicationLoadBalancerResponseEvent();
      r.setStatusCode(status);
      r.setStatusDescription(status + " " + reason(status));
      if (((ApplicationLoadBalancerRequestEvent) event).getMultiValueHeaders() != null) {
        // Multi-value mode: ALB reads only multiValueHeaders from the response.
        r.setMultiValueHeaders(Map.of("Content-Type", List.of("application/json")));
      } else {
        r.setHeaders(headers);
      }
      r.setBody(body);
      r.setIsBase64Encoded(false);
      return Optional.of(r);
    }
    return Optional.empty();
  }
}
