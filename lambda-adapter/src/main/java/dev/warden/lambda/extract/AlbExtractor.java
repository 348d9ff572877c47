package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import dev.warden.extract.InputCollector;
import java.util.HashMap;
import java.util.Map;

/**
 * Application Load Balancer target events, single and multi-value mode. Event shape: AWS Lambda
 * Developer Guide, "Using AWS Lambda with an Application Load Balancer". ALB passes query values
 * still percent-encoded; the normalizer decodes them before detection.
 */
final class AlbExtractor implements Extractor<ApplicationLoadBalancerRequestEvent> {

  @Override
  public Class<ApplicationLoadBalancerRequestEvent> type() {
    return ApplicationLoadBalancerRequestEvent.class;
  }

  @Override
  public String trigger() {
    return "alb";
  }

  @Override
  public void extract(ApplicationLoadBalancerRequestEvent e, InputCollector out) {
    Http.query(e.getQueryStringParameters(), e.getMultiValueQueryStringParameters(), out);
    Http.headers(e.getHeaders(), e.getMultiValueHeaders(), out);
    Http.body(e.getBody(), e.getIsBase64Encoded(),
        Http.header(e.getHeaders(), e.getMultiValueHeaders(), "content-type"), out);
  }

  @Override
  public Map<String, String> request(ApplicationLoadBalancerRequestEvent e) {
    Map<String, String> r = new HashMap<>();
    RestApiExtractor.putIfPresent(r, "method", e.getHttpMethod());
    RestApiExtractor.putIfPresent(r, "path", e.getPath());
    RestApiExtractor.putIfPresent(r, "user-agent", Http.header(e.getHeaders(), e.getMultiValueHeaders(), "user-agent"));
    RestApiExtractor.putIfPresent(r, "source-ip", Http.header(e.getHeaders(), e.getMultiValueHeaders(), "x-forwarded-for"));
    return r;
  }
}
