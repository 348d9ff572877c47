package dev.warden.lambda.extract;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractorsTest {

  private static final Map<Class<?>, String> TRIGGERS = Map.ofEntries(
      Map.entry(APIGatewayProxyRequestEvent.class, "apigateway-rest"),
      Map.entry(APIGatewayV2HTTPEvent.class, "apigateway-http"),
      Map.entry(ApplicationLoadBalancerRequestEvent.class, "alb"),
      Map.entry(APIGatewayV2WebSocketEvent.class, "apigateway-websocket"),
      Map.entry(SQSEvent.class, "sqs"),
      Map.entry(SNSEvent.class, "sns"),
      Map.entry(S3Event.class, "s3"),
      Map.entry(DynamodbEvent.class, "dynamodb"),
      Map.entry(KinesisEvent.class, "kinesis"),
      Map.entry(KafkaEvent.class, "kafka"),
      Map.entry(ScheduledEvent.class, "eventbridge"),
      Map.entry(CloudWatchLogsEvent.class, "cloudwatch-logs"));

  @Test
  void everyTrigger_hasItsOwnExtractor_madeOnce() throws Exception {
    Extractors x = Extractors.standard();
    for (Map.Entry<Class<?>, String> t : TRIGGERS.entrySet()) {
      Object event = t.getKey().getDeclaredConstructor().newInstance();
      Extractor<Object> e = x.forEvent(event);
      assertThat(x.supports(t.getKey())).as(t.getValue()).isTrue();
      assertThat(e.type()).as(t.getValue()).isEqualTo(t.getKey());
      assertThat(x.forEvent(event)).as("made once").isSameAs(e);
    }
  }

  @Test
  void otherTypes_getTheGenericWalker() {
    Extractors x = Extractors.standard();
    for (Object o : List.of("text", Map.of("k", "v"), new Object())) {
      assertThat(x.supports(o.getClass())).isFalse();
      assertThat(x.forEvent(o).type()).isEqualTo(Object.class);
    }
    assertThat(x.forEvent(null).type()).isEqualTo(Object.class);
  }

  /** A subclass of an event type (a user's own event class) is read by its parent's extractor. */
  static final class MySqsEvent extends SQSEvent {
  }

  @Test
  void subclassOfAnEvent_usesTheParentsExtractor() {
    Extractors x = Extractors.standard();
    assertThat(x.forEvent(new MySqsEvent()).type()).isEqualTo(SQSEvent.class);
    assertThat(x.supports(MySqsEvent.class)).isFalse();
  }
}
