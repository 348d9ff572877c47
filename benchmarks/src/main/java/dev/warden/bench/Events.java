package dev.warden.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Deterministic, realistic Lambda events as JSON text, the bytes the Lambda runtime receives,
 * and the typed event the runtime makes of them with its own serializer
 * ({@link LambdaEventSerializers}). Every event comes benign or with exactly one attack.
 */
public final class Events {

  private Events() {}

  /** The event shapes measured. */
  public enum Kind {
    /** API Gateway REST (payload 1.0), about 2 KB, about 25 inspected values. */
    REST_2K(APIGatewayProxyRequestEvent.class),
    /** API Gateway HTTP API (payload 2.0) with a 16 KB JSON body. */
    HTTP_16K(APIGatewayV2HTTPEvent.class),
    /** SQS batch of 10 messages, JSON bodies. */
    SQS_10(SQSEvent.class),
    /** HTTP API with a 256 KB JSON body. */
    JSON_256K(APIGatewayV2HTTPEvent.class);

    final Class<?> type;

    Kind(Class<?> type) {
      this.type = type;
    }

    public Class<?> type() {
      return type;
    }
  }

  /** The event as JSON text. */
  public static String json(Kind kind, boolean attack) {
    return switch (kind) {
      case REST_2K -> rest(attack);
      case HTTP_16K -> http(body(16 * 1024, attack ? "<script>alert(document.cookie)</script>" : null),
          "application/json");
      case SQS_10 -> sqs(attack);
      case JSON_256K -> http(body(256 * 1024, attack ? "x' UNION SELECT password FROM users--" : null),
          "application/json");
    };
  }

  /** The runtime's serializer for {@code type}, as the AWS Lambda Java runtime uses it. */
  @SuppressWarnings("unchecked")
  public static <T> PojoSerializer<T> serializer(Class<T> type) {
    return LambdaEventSerializers.serializerFor(type, Events.class.getClassLoader());
  }

  /** Deserializes {@code json} into the event type of {@code kind}, the way the runtime does. */
  @SuppressWarnings("unchecked")
  public static <T> T typed(Kind kind, String json) {
    PojoSerializer<T> s = (PojoSerializer<T>) serializer(kind.type);
    return s.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  static String rest(boolean attack) {
    String q = attack ? "1' OR '1'='1" : "blue running shoes";
    return """
        {
          "resource": "/customers/{customer}/orders/{id}",
          "path": "/customers/c-7731/orders/ord-10042",
          "httpMethod": "POST",
          "headers": {
            "accept": "application/json, text/plain, */*",
            "accept-encoding": "gzip, deflate, br",
            "accept-language": "en-GB,en;q=0.9,de;q=0.8",
            "authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjLTc3MzEifQ.c2lnbmF0dXJl",
            "content-type": "application/json",
            "cookie": "session=5f2c9a1e77b04d2a; theme=dark; consent=analytics",
            "host": "api.example.com",
            "origin": "https://shop.example.com",
            "referer": "https://shop.example.com/cart?step=2",
            "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
            "x-amzn-trace-id": "Root=1-65f1a2b3-1234567890abcdef12345678",
            "x-forwarded-for": "203.0.113.7, 198.51.100.2",
            "x-forwarded-port": "443",
            "x-forwarded-proto": "https",
            "x-request-id": "b7e3c1d2-9f4a-4e1b-8c2d-1a2b3c4d5e6f"
          },
          "multiValueHeaders": null,
          "queryStringParameters": {
            "q": "%s",
            "sort": "price:asc",
            "page": "2",
            "currency": "EUR",
            "utm_source": "newsletter"
          },
          "multiValueQueryStringParameters": null,
          "pathParameters": {"customer": "c-7731", "id": "ord-10042"},
          "stageVariables": null,
          "requestContext": {
            "accountId": "123456789012",
            "resourceId": "abc123",
            "stage": "prod",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "identity": {"sourceIp": "203.0.113.7", "userAgent": "Mozilla/5.0"},
            "resourcePath": "/customers/{customer}/orders/{id}",
            "httpMethod": "POST",
            "apiId": "a1b2c3d4e5"
          },
          "body": "{\\"note\\":\\"Please leave the parcel at the back door.\\",\\"quantity\\":2,\\"gift\\":false,\\"address\\":{\\"street\\":\\"12 Market Street\\",\\"city\\":\\"Springfield\\",\\"zip\\":\\"12345\\"}}",
          "isBase64Encoded": false
        }
        """.formatted(q);
  }

  /** A JSON order document of about {@code size} characters; {@code attack} goes into one note. */
  static String body(int size, String attack) {
    StringBuilder sb = new StringBuilder(size + 512);
    sb.append("{\"orderId\":\"ord-10042\",\"customer\":{\"id\":\"c-7731\",\"name\":\"Ada Lovelace\",")
        .append("\"email\":\"ada@example.com\"},\"items\":[");
    int i = 0;
    int attackAt = -1;
    // Put the attack in the middle of the document, not at either end.
    int estimatedItems = size / 420;
    if (attack != null) {
      attackAt = estimatedItems / 2;
    }
    while (sb.length() < size - 600) {
      if (i > 0) {
        sb.append(',');
      }
      String note = i == attackAt ? attack : NOTES[i % NOTES.length];
      sb.append("{\"sku\":\"SKU-").append(10000 + i).append("\",\"name\":\"").append(NAMES[i % NAMES.length])
          .append(' ').append(i).append("\",\"description\":\"").append(DESCRIPTIONS[i % DESCRIPTIONS.length])
          .append("\",\"note\":\"").append(jsonEscape(note)).append("\",\"qty\":")
          .append(1 + i % 5).append(",\"price\":").append(9 + i % 90).append(".99}");
      i++;
    }
    sb.append("],\"comment\":\"Thanks!\"}");
    return sb.toString();
  }

  private static final String[] NAMES = {"Trail runner", "Wool socks", "Rain jacket", "Water bottle",
      "Headlamp", "Camping mug", "Map case", "First-aid kit"};
  private static final String[] NOTES = {"Gift wrap, please.", "Size 42 (EU), colour: blue",
      "Deliver between 9 and 5; ring twice.", "Same as last order", "Need it by Friday!",
      "Call me at +44 20 7946 0958 if out of stock", "No substitutions", "Use the side entrance"};
  private static final String[] DESCRIPTIONS = {
      "Lightweight and breathable, with a cushioned sole for long distances on mixed terrain. "
          + "Machine washable at 30 degrees; dry flat. Recycled polyester upper (65%), rubber outsole.",
      "Merino blend that keeps feet warm when wet. Reinforced heel and toe, seamless toe box. "
          + "Pack of three pairs in assorted colours; sizes S (36-38), M (39-42) and L (43-46).",
      "Fully taped seams, adjustable hood and pit zips. Packs into its own chest pocket. "
          + "Waterproof rating 20,000 mm, breathability 15,000 g/m2/24h. Weight: 310 g in size M.",
      "Double-walled stainless steel keeps drinks cold for 24 hours or hot for 12. "
          + "Leak-proof lid with carry loop; fits most cup holders. Dishwasher safe (lid: top rack only)."};

  static String http(String body, String contentType) {
    return """
        {
          "version": "2.0",
          "routeKey": "POST /orders",
          "rawPath": "/orders",
          "rawQueryString": "source=web&draft=false",
          "cookies": ["session=5f2c9a1e77b04d2a", "theme=dark"],
          "headers": {
            "accept": "application/json",
            "content-type": "%s",
            "host": "api.example.com",
            "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
            "x-forwarded-for": "203.0.113.7",
            "x-request-id": "b7e3c1d2-9f4a-4e1b-8c2d-1a2b3c4d5e6f"
          },
          "queryStringParameters": {"source": "web", "draft": "false"},
          "requestContext": {
            "accountId": "123456789012",
            "apiId": "a1b2c3d4e5",
            "domainName": "api.example.com",
            "http": {"method": "POST", "path": "/orders", "protocol": "HTTP/1.1",
                     "sourceIp": "203.0.113.7", "userAgent": "Mozilla/5.0"},
            "requestId": "JKJaXmPLvHcESHA=",
            "routeKey": "POST /orders",
            "stage": "$default",
            "timeEpoch": 1700000000000
          },
          "body": "%s",
          "isBase64Encoded": false
        }
        """.formatted(contentType, jsonEscape(body));
  }

  static String sqs(boolean attack) {
    StringBuilder sb = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < 10; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String file = attack && i == 5 ? "../../../../etc/passwd" : "invoices/2024/11/inv-" + (5000 + i) + ".pdf";
      String body = "{\"type\":\"invoice.created\",\"invoiceId\":\"inv-" + (5000 + i)
          + "\",\"customer\":\"c-" + (7700 + i) + "\",\"amount\":\"129.90\",\"currency\":\"EUR\","
          + "\"file\":\"" + file + "\",\"note\":\"" + NOTES[i % NOTES.length] + "\",\"lines\":[{\"sku\":\"SKU-"
          + (10000 + i) + "\",\"qty\":1}]}";
      sb.append("""
          {
            "messageId": "059f36b4-87a3-44ab-83d2-66197510%04d",
            "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a+0h0+mnQRTbfcrJQT3vFCjKHrdqMVc2tdKvj9Zsk0v2TxgA6P3cdh2HOPYNvRJhyMiQGA7vLMf3lZAAT==",
            "body": "%s",
            "attributes": {
              "ApproximateReceiveCount": "1",
              "SentTimestamp": "1545082649183",
              "SenderId": "AIDAIENQZJOLO23YVJ4VO",
              "ApproximateFirstReceiveTimestamp": "1545082649185"
            },
            "messageAttributes": {},
            "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
            "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:invoices",
            "awsRegion": "eu-west-1"
          }""".formatted(i, jsonEscape(body)));
    }
    return sb.append("]}").toString();
  }

  /** Adversarial body shapes: long runs of what makes scanners do the most work. */
  public enum Hostile {
    QUOTES("'"), DQUOTES("\""), COMMENTS("/*"), JNDI("${"), ANGLE("<"), TAGS("<a "), PERCENT("%25"),
    ENTITIES("&#x26;"), BACKSLASH("\\u00"), DOTS("../"), NESTING("[");

    final String unit;

    Hostile(String unit) {
      this.unit = unit;
    }

    /** {@code chars} characters of the repeated unit. */
    public String text(int chars) {
      StringBuilder sb = new StringBuilder(chars + unit.length());
      while (sb.length() < chars) {
        sb.append(unit);
      }
      sb.setLength(chars);
      return sb.toString();
    }

    /** The content type the body is sent with: JSON for nesting, plain text otherwise. */
    public String contentType() {
      return this == NESTING ? "application/json" : "text/plain";
    }
  }

  static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** An HTTP API event whose body is {@code body} with {@code contentType}, built without JSON text. */
  public static APIGatewayV2HTTPEvent httpEvent(String body, String contentType) {
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("POST /upload")
        .withRawPath("/upload")
        .withHeaders(java.util.Map.of("content-type", contentType, "user-agent", "curl/8.5.0"))
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }
}
