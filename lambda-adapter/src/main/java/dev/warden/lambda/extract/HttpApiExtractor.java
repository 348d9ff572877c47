package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.warden.extract.InputCollector;
import java.util.HashMap;
import java.util.Map;

/**
 * API Gateway HTTP API (payload format 2.0) and Lambda Function URL events: path parameters,
 * query, headers, the {@code cookies} array, body. Event shape: AWS Lambda Developer Guide,
 * "Lambda function URLs — request payload" and API Gateway payload format version 2.0.
 */
final class HttpApiExtractor implements Extractor<APIGatewayV2HTTPEvent> {

  @Override
  public Class<APIGatewayV2HTTPEvent> type() {
    return APIGatewayV2HTTPEvent.class;
  }

  @Override
  public String trigger() {
    return "apigateway-http";
  }

  @Override
  public void extract(APIGatewayV2HTTPEvent e, InputCollector out) {
    Http.pathParameters(e.getPathParameters(), out);
    Http.query(e.getQueryStringParameters(), null, out);
    Http.headers(e.getHeaders(), null, out);
    if (e.getCookies() != null) {
      for (String c : e.getCookies()) {
        Http.cookie(c, out);
      }
    }
    Http.body(e.getBody(), e.getIsBase64Encoded(), Http.header(e.getHeaders(), "content-type"), out);
  }

  @Override
  public Map<String, String> request(APIGatewayV2HTTPEvent e) {
    Map<String, String> r = new HashMap<>();
    if (e.getRequestContext() != null && e.getRequestContext().getHttp() != null) {
      APIGatewayV2HTTPEvent.RequestContext.Http h = e.getRequestContext().getHttp();
      RestApiExtractor.putIfPresent(r, "method", h.getMethod());
      RestApiExtractor.putIfPresent(r, "path", h.getPath());
      RestApiExtractor.putIfPresent(r, "source-ip", h.getSourceIp());
      RestApiExtractor.putIfPresent(r, "user-agent", h.getUserAgent());
    } else {
      RestApiExtractor.putIfPresent(r, "path", e.getRawPath());
    }
    return r;
  }
}
