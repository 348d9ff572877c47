package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.warden.extract.InputCollector;
import java.util.HashMap;
import java.util.Map;

/**
 * API Gateway WebSocket API events: headers and query string of the {@code $connect} request,
 * then the message body of each frame ({@code body}, walked as JSON when it is JSON). Event shape:
 * API Gateway Developer Guide, "Set up WebSocket API integrations" / Lambda proxy integration
 * input format for WebSocket APIs.
 */
final class WebSocketExtractor implements Extractor<APIGatewayV2WebSocketEvent> {

  @Override
  public Class<APIGatewayV2WebSocketEvent> type() {
    return APIGatewayV2WebSocketEvent.class;
  }

  @Override
  public String trigger() {
    return "apigateway-websocket";
  }

  @Override
  public void extract(APIGatewayV2WebSocketEvent e, InputCollector out) {
    Http.pathParameters(e.getPathParameters(), out);
    Http.query(e.getQueryStringParameters(), e.getMultiValueQueryStringParameters(), out);
    Http.headers(e.getHeaders(), e.getMultiValueHeaders(), out);
    Http.body(e.getBody(), e.isIsBase64Encoded(),
        Http.header(e.getHeaders(), e.getMultiValueHeaders(), "content-type"), out);
  }

  @Override
  public Map<String, String> request(APIGatewayV2WebSocketEvent e) {
    Map<String, String> r = new HashMap<>();
    RestApiExtractor.putIfPresent(r, "user-agent", Http.header(e.getHeaders(), e.getMultiValueHeaders(), "user-agent"));
    if (e.getRequestContext() != null) {
      RestApiExtractor.putIfPresent(r, "path", e.getRequestContext().getRouteKey());
      if (e.getRequestContext().getIdentity() != null) {
        RestApiExtractor.putIfPresent(r, "source-ip", e.getRequestContext().getIdentity().getSourceIp());
      }
    }
    return r;
  }
}
