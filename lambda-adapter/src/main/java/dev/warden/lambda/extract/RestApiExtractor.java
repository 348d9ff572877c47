package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.warden.extract.InputCollector;
import java.util.HashMap;
import java.util.Map;

/**
 * API Gateway REST API (payload format 1.0) proxy events: path parameters, query (single and
 * multi-value), headers (single and multi-value), cookies from the {@code Cookie} header, body.
 * Event shape: AWS Lambda Developer Guide, "Using AWS Lambda with Amazon API Gateway", payload
 * format version 1.0.
 */
final class RestApiExtractor implements Extractor<APIGatewayProxyRequestEvent> {

  @Override
  public Class<APIGatewayProxyRequestEvent> type() {
    return APIGatewayProxyRequestEvent.class;
  }

  @Override
  public String trigger() {
    return "apigateway-rest";
  }

  @Override
  public void extract(APIGatewayProxyRequestEvent e, InputCollector out) {
    Http.pathParameters(e.getPathParameters(), out);
    Http.query(e.getQueryStringParameters(), e.getMultiValueQueryStringParameters(), out);
    Http.headers(e.getHeaders(), e.getMultiValueHeaders(), out);
    Http.body(e.getBody(), Boolean.TRUE.equals(e.getIsBase64Encoded()),
        Http.header(e.getHeaders(), e.getMultiValueHeaders(), "content-type"), out);
  }

  @Override
  public Map<String, String> request(APIGatewayProxyRequestEvent e) {
    Map<String, String> r = new HashMap<>();
    putIfPresent(r, "method", e.getHttpMethod());
    putIfPresent(r, "path", e.getPath());
    putIfPresent(r, "user-agent", Http.header(e.getHeaders(), e.getMultiValueHeaders(), "user-agent"));
    if (e.getRequestContext() != null && e.getRequestContext().getIdentity() != null) {
      putIfPresent(r, "source-ip", e.getRequestContext().getIdentity().getSourceIp());
    }
    return r;
  }

  static void putIfPresent(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
