package dev.warden.lambda;

import static dev.warden.lambda.TriggerFixtures.all;
import static dev.warden.lambda.TriggerFixtures.base64;
import static dev.warden.lambda.TriggerFixtures.byteArray;
import static dev.warden.lambda.TriggerFixtures.inBase64Json;
import static dev.warden.lambda.TriggerFixtures.inJsonText;
import static dev.warden.lambda.TriggerFixtures.inLogs;
import static dev.warden.lambda.TriggerFixtures.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.Engine;
import dev.warden.Verdict;
import dev.warden.detect.Finding;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.TriggerFixtures.Fixture;
import dev.warden.lambda.extract.Extractors;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.policy.Policy;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trigger's fixture: benign as written (no finding), and with {@code EVIL} planted at each
 * extractable location (found exactly there), through the typed path and the raw-bytes path.
 */
class TriggerExtractionTest {

  private final ListSink sink = new ListSink();
  private final FakeContext ctx = FakeContext.builder().requestId("req-t").build();

  private Guard guard() {
    return new Guard(Engine.of(TestSupport.SLOW_MACHINE, List.of(TestSupport.MARKER), sink, Engine.Failures.PROPAGATE),
        Extractors.standard(), null);
  }

  static Stream<Fixture> fixtures() {
    return TriggerFixtures.ALL.stream();
  }

  static Stream<Arguments> injections() {
    return Stream.of(
        arguments("apigw-rest", all(set("/queryStringParameters/status", "EVIL"),
            set("/multiValueQueryStringParameters/status/0", "EVIL")), "query.status"),
        arguments("apigw-rest", all(set("/headers/User-Agent", "EVIL"),
            set("/multiValueHeaders/User-Agent/0", "EVIL")), "header.user-agent"),
        arguments("apigw-rest", all(set("/headers/Cookie", "session=1; theme=EVIL"),
            set("/multiValueHeaders/Cookie/0", "session=1; theme=EVIL")), "cookie.theme"),
        arguments("apigw-rest", set("/pathParameters/customerId", "EVIL"), "path.customerId"),
        arguments("apigw-rest", set("/body", "{\"items\":[{\"name\":\"a\"},{\"name\":\"EVIL\"}]}"), "body.items[1].name"),
        arguments("apigw-http", inJsonText("/body", "/note", "EVIL"), "body.note"),
        arguments("apigw-http", set("/cookies/1", "consent=EVIL"), "cookie.consent"),
        arguments("apigw-http", set("/queryStringParameters/lang", "EVIL"), "query.lang"),
        arguments("apigw-http", set("/headers/user-agent", "EVIL"), "header.user-agent"),
        arguments("alb", set("/queryStringParameters/query", "EVIL"), "query.query"),
        arguments("alb", set("/headers/accept-language", "EVIL"), "header.accept-language"),
        arguments("alb", set("/body", "{\"comment\":\"EVIL\"}"), "body.comment"),
        arguments("apigw-websocket-connect", all(set("/queryStringParameters/room", "EVIL"),
            set("/multiValueQueryStringParameters/room/0", "EVIL")), "query.room"),
        arguments("apigw-websocket-connect", all(set("/headers/User-Agent", "EVIL"),
            set("/multiValueHeaders/User-Agent/0", "EVIL")), "header.user-agent"),
        arguments("apigw-websocket-message", inJsonText("/body", "/message", "EVIL"), "body.message"),
        arguments("sqs", inJsonText("/Records/0/body", "/note", "EVIL"), "sqs[0].body.note"),
        arguments("sqs", inJsonText("/Records/0/body", "/items/0/sku", "EVIL"), "sqs[0].body.items[0].sku"),
        arguments("sqs", set("/Records/1/body", "restock EVIL"), "sqs[1].body"),
        arguments("sqs", inJsonText("/Records/2/body", "/note", "EVIL"), "sqs[2].body.note"),
        arguments("sqs", set("/Records/0/messageAttributes/foo/stringValue", "EVIL"), "sqs[0].attributes.foo"),
        arguments("sns", inJsonText("/Records/0/Sns/Message", "/text", "EVIL"), "sns[0].message.text"),
        arguments("sns", set("/Records/0/Sns/Subject", "EVIL"), "sns[0].subject"),
        arguments("sns", set("/Records/0/Sns/MessageAttributes/Test/Value", "EVIL"), "sns[0].attributes.Test"),
        arguments("s3", set("/Records/0/s3/object/key", "uploads/EVIL+name.pdf"), "s3[0].object.key"),
        arguments("dynamodb", set("/Records/0/dynamodb/NewImage/comment/S", "EVIL"), "dynamodb[0].newImage.comment"),
        arguments("dynamodb", set("/Records/0/dynamodb/NewImage/tags/SS/1", "EVIL"), "dynamodb[0].newImage.tags[1]"),
        arguments("dynamodb", set("/Records/0/dynamodb/NewImage/photo/B", base64("EVIL photo")), "dynamodb[0].newImage.photo"),
        arguments("dynamodb", set("/Records/0/dynamodb/NewImage/thumbs/BS/1", base64("EVIL")), "dynamodb[0].newImage.thumbs[1]"),
        arguments("dynamodb", set("/Records/0/dynamodb/NewImage/address/M/city/S", "EVIL"), "dynamodb[0].newImage.address.city"),
        arguments("dynamodb", set("/Records/0/dynamodb/NewImage/lines/L/0/M/text/S", "EVIL"), "dynamodb[0].newImage.lines[0].text"),
        arguments("dynamodb", set("/Records/0/dynamodb/NewImage/lines/L/1/S", "EVIL"), "dynamodb[0].newImage.lines[1]"),
        arguments("dynamodb", set("/Records/1/dynamodb/NewImage/comment/S", "EVIL"), "dynamodb[1].newImage.comment"),
        arguments("kinesis", inBase64Json("/Records/0/kinesis/data", "/note", "EVIL"), "kinesis[0].data.note"),
        arguments("kinesis", set("/Records/1/kinesis/data", base64("Hello EVIL")), "kinesis[1].data"),
        arguments("kinesis", set("/Records/0/kinesis/partitionKey", "EVIL"), "kinesis[0].partitionKey"),
        arguments("kafka", inBase64Json("/records/mytopic-0/0/value", "/note", "EVIL"), "kafka[0].value.note"),
        arguments("kafka", set("/records/mytopic-0/0/key", base64("EVIL")), "kafka[0].key"),
        arguments("kafka", byteArray("/records/mytopic-0/0/headers/0/headerKey", "EVIL"), "kafka[0].headers.headerKey"),
        arguments("eventbridge", set("/detail/order/note", "EVIL"), "detail.order.note"),
        arguments("eventbridge", set("/detail/channel", "EVIL"), "detail.channel"),
        arguments("cloudwatch-logs", inLogs("/logEvents/1/message", "GET /EVIL 200"), "logs.logEvents[1].message"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void typedEvent_benignFixture_noFindingButValuesInspected(Fixture f) {
    Verdict v = guard().check(TriggerFixtures.typed(f, TriggerFixtures.tree(f)), ctx).verdict();
    assertThat(v.findings()).isEmpty();
    assertThat(v.inputs()).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void rawBytes_benignFixture_sniffedAsItsTypeWithNoFinding(Fixture f) {
    byte[] bytes = TriggerFixtures.bytes(TriggerFixtures.tree(f));
    assertThat(StreamGuard.sniff(bytes)).isEqualTo(f.type());
    StreamGuard.Result r = new StreamGuard(guard()).check(bytes, null, ctx);
    assertThat(r.check().verdict().findings()).isEmpty();
    assertThat(r.event()).isInstanceOf(f.type());
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("injections")
  void typedEvent_payloadAtLocation_foundAtExactlyThatLocation(String fixture, UnaryOperator<ObjectNode> inject,
      String location) {
    Fixture f = TriggerFixtures.fixture(fixture);
    Verdict v = guard().check(TriggerFixtures.typed(f, inject.apply(TriggerFixtures.tree(f))), ctx).verdict();
    assertThat(v.findings()).extracting(Finding::location).containsExactly(location);
    assertThat(v.findings()).extracting(Finding::detector).containsOnly("marker");
    assertThat(v.blocked()).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("injections")
  void rawBytes_payloadAtLocation_foundAtTheSameLocation(String fixture, UnaryOperator<ObjectNode> inject,
      String location) {
    Fixture f = TriggerFixtures.fixture(fixture);
    byte[] bytes = TriggerFixtures.bytes(inject.apply(TriggerFixtures.tree(f)));
    StreamGuard.Result r = new StreamGuard(guard()).check(bytes, null, ctx);
    assertThat(r.check().verdict().findings()).extracting(Finding::location).containsExactly(location);
    assertThat(r.check().invocation().trigger()).isNotEqualTo("generic");
  }
}
