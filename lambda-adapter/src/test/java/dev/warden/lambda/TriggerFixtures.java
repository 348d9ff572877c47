package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.lambda.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/** The trigger fixtures under {@code events/} and ways to plant a value at a location inside them. */
final class TriggerFixtures {

  private TriggerFixtures() {}

  static final ObjectMapper JSON = new ObjectMapper();

  /** A fixture file and the aws-lambda-java-events type it is. */
  record Fixture(String file, Class<?> type) {
    @Override
    public String toString() {
      return file;
    }
  }

  static final List<Fixture> ALL = List.of(
      new Fixture("events/apigw-rest.json", APIGatewayProxyRequestEvent.class),
      new Fixture("events/apigw-http.json", APIGatewayV2HTTPEvent.class),
      new Fixture("events/alb.json", ApplicationLoadBalancerRequestEvent.class),
      new Fixture("events/apigw-websocket-connect.json", APIGatewayV2WebSocketEvent.class),
      new Fixture("events/apigw-websocket-message.json", APIGatewayV2WebSocketEvent.class),
      new Fixture("events/sqs.json", SQSEvent.class),
      new Fixture("events/sns.json", SNSEvent.class),
      new Fixture("events/s3.json", S3Event.class),
      new Fixture("events/dynamodb.json", DynamodbEvent.class),
      new Fixture("events/kinesis.json", KinesisEvent.class),
      new Fixture("events/kafka.json", KafkaEvent.class),
      new Fixture("events/eventbridge.json", ScheduledEvent.class),
      new Fixture("events/cloudwatch-logs.json", CloudWatchLogsEvent.class));

  static Fixture fixture(String name) {
    return ALL.stream().filter(f -> f.file().equals("events/" + name + ".json")).findFirst().orElseThrow();
  }

  static ObjectNode tree(Fixture f) {
    try {
      return (ObjectNode) JSON.readTree(Fixtures.bytes(f.file()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(JsonNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Object typed(Fixture f, JsonNode tree) {
    return Fixtures.parse(new String(bytes(tree), StandardCharsets.UTF_8), f.type());
  }

  /** Sets the text at a JSON pointer (the parent must exist). */
  static UnaryOperator<ObjectNode> set(String pointer, String value) {
    return t -> {
      put(t, pointer, JSON.getNodeFactory().textNode(value));
      return t;
    };
  }

  /** Sets {@code inner} inside the JSON document held as text at {@code pointer}. */
  static UnaryOperator<ObjectNode> inJsonText(String pointer, String inner, String value) {
    return t -> {
      JsonNode doc = read(t.at(pointer).asText());
      put(doc, inner, JSON.getNodeFactory().textNode(value));
      put(t, pointer, JSON.getNodeFactory().textNode(doc.toString()));
      return t;
    };
  }

  /** Sets {@code inner} inside the JSON document held base64-encoded at {@code pointer}. */
  static UnaryOperator<ObjectNode> inBase64Json(String pointer, String inner, String value) {
    return t -> {
      JsonNode doc = read(new String(Base64.getDecoder().decode(t.at(pointer).asText()), StandardCharsets.UTF_8));
      put(doc, inner, JSON.getNodeFactory().textNode(value));
      put(t, pointer, JSON.getNodeFactory().textNode(base64(doc.toString())));
      return t;
    };
  }

  /** Sets {@code inner} inside the gzip+base64 CloudWatch Logs document. */
  static UnaryOperator<ObjectNode> inLogs(String inner, String value) {
    return t -> {
      JsonNode doc = read(new String(gunzip(Base64.getDecoder().decode(t.at("/awslogs/data").asText())),
          StandardCharsets.UTF_8));
      put(doc, inner, JSON.getNodeFactory().textNode(value));
      put(t, "/awslogs/data", JSON.getNodeFactory().textNode(
          Base64.getEncoder().encodeToString(gzip(doc.toString().getBytes(StandardCharsets.UTF_8)))));
      return t;
    };
  }

  /** Sets the value at {@code pointer} to an array of the bytes of {@code value} (Kafka headers). */
  static UnaryOperator<ObjectNode> byteArray(String pointer, String value) {
    return t -> {
      ArrayNode a = JSON.createArrayNode();
      for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
        a.add(b);
      }
      put(t, pointer, a);
      return t;
    };
  }

  @SafeVarargs
  static UnaryOperator<ObjectNode> all(UnaryOperator<ObjectNode>... steps) {
    return t -> {
      for (UnaryOperator<ObjectNode> s : steps) {
        s.apply(t);
      }
      return t;
    };
  }

  static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  static byte[] gunzip(byte[] data) {
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(JsonNode root, String pointer, JsonNode value) {
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = root.at(p.head());
    String last = p.last().getMatchingProperty();
    if (parent instanceof ArrayNode) {
      ((ArrayNode) parent).set(p.last().getMatchingIndex(), value);
    } else if (parent instanceof ObjectNode) {
      ((ObjectNode) parent).set(last, value);
    } else {
      throw new IllegalArgumentException("no parent for " + pointer);
    }
  }
}
