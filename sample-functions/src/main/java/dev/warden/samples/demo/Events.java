package dev.warden.samples.demo;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.warden.lambda.testing.Fixtures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events for the sample functions, built from the JSON fixtures under {@code demo/} (shapes as
 * documented by AWS for each trigger) with one attacker-controlled field replaced. Each call
 * returns a fresh event. Thread-safe; arguments must not be null.
 */
public final class Events {

  private Events() {}

  /** API Gateway REST: {@code GET /customers/C-1001/orders?status=...}. */
  public static APIGatewayProxyRequestEvent orders(String status) {
    APIGatewayProxyRequestEvent e = Fixtures.load("demo/orders-request.json", APIGatewayProxyRequestEvent.class);
    Map<String, String> q = new HashMap<>();
    q.put("status", status);
    e.setQueryStringParameters(q);
    e.setMultiValueQueryStringParameters(Map.of("status", List.of(status)));
    return e;
  }

  /** Function URL: {@code GET /?name=...}. */
  public static APIGatewayV2HTTPEvent document(String name) {
    APIGatewayV2HTTPEvent e = Fixtures.load("demo/documents-request.json", APIGatewayV2HTTPEvent.class);
    e.setQueryStringParameters(Map.of("name", name));
    e.setRawQueryString("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    return e;
  }

  /** Function URL: {@code POST /} with an XML document as the body. */
  public static APIGatewayV2HTTPEvent documentUpload(String xml) {
    APIGatewayV2HTTPEvent e = Fixtures.load("demo/documents-upload.json", APIGatewayV2HTTPEvent.class);
    e.setBody(xml);
    return e;
  }

  /** HTTP API (payload 2.0): {@code GET /preview?url=...}. */
  public static APIGatewayV2HTTPEvent preview(String url) {
    APIGatewayV2HTTPEvent e = Fixtures.load("demo/preview-request.json", APIGatewayV2HTTPEvent.class);
    e.setQueryStringParameters(Map.of("url", url));
    e.setRawQueryString("url=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
    return e;
  }

  /** SQS batch: one message per body, message ids {@code msg-0}, {@code msg-1}, ... */
  public static SQSEvent orderEvents(String... bodies) {
    SQSEvent template = Fixtures.load("demo/order-events.json", SQSEvent.class);
    SQSEvent.SQSMessage proto = template.getRecords().get(0);
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      SQSEvent.SQSMessage m = Fixtures.load("demo/order-events.json", SQSEvent.class).getRecords().get(0);
      m.setMessageId("msg-" + i);
      m.setBody(bodies[i]);
      m.setEventSourceArn(proto.getEventSourceArn());
      records.add(m);
    }
    SQSEvent e = new SQSEvent();
    e.setRecords(records);
    return e;
  }

  /** An order-event message body; {@code note} is written into the JSON as a string. */
  public static String orderEvent(int orderId, String status, String note) {
    return "{\"orderId\":" + orderId + ",\"status\":\"" + jsonEscape(status) + "\",\"note\":\"" + jsonEscape(note) + "\"}";
  }

  /** S3 {@code ObjectCreated:Put} for {@code key}, URL-encoded as S3 sends it ({@code +} for a space). */
  public static S3Event upload(String key) {
    String json = Fixtures.text("demo/upload-event.json")
        .replace("\"key\": \"report.csv\"", "\"key\": \"" + jsonEscape(URLEncoder.encode(key, StandardCharsets.UTF_8)) + "\"");
    return Fixtures.parse(json, S3Event.class);
  }

  private static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
