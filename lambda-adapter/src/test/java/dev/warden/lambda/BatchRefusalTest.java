package dev.warden.lambda;

import static dev.warden.lambda.TriggerFixtures.base64;
import static dev.warden.lambda.TriggerFixtures.inJsonText;
import static dev.warden.lambda.TriggerFixtures.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.WardenBlockedException;
import dev.warden.event.SecurityEvent;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.TriggerFixtures.Fixture;
import dev.warden.lambda.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partial refusal of SQS, Kinesis and DynamoDB Streams batches, composition and zero-code. */
class BatchRefusalTest {

  static final String ID0 = "059f36b4-87a3-44ab-83d2-661975830a7d";
  static final String ID1 = "2e1424d4-f796-459a-8184-9c92662be6da";
  static final String ID2 = "c80e8021-a70a-42c7-a470-796e1186f753";

  private final ListSink sink = new ListSink();
  private final FakeContext ctx = FakeContext.builder().requestId("req-b").build();

  @BeforeEach
  void reset() {
    Handlers.CALLS.set(0);
    Handlers.LAST.set(null);
  }

  private <I, O> RequestHandler<I, O> protect(RequestHandler<I, O> h, Map<String, String> env) {
    return TestSupport.builder(sink, TestSupport.patient(env), TestSupport.MARKER).protect(h);
  }

  private static SQSEvent sqs(UnaryOperator<ObjectNode> inject) {
    Fixture f = TriggerFixtures.fixture("sqs");
    return (SQSEvent) TriggerFixtures.typed(f, inject.apply(TriggerFixtures.tree(f)));
  }

  private static List<String> ids(SQSEvent e) {
    return e.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList();
  }

  private static List<String> failures(SQSBatchResponse r) {
    return r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  @Test
  void sqs_hostileMiddleRecord_handlerGetsTheOthersAndFailureNamesIt() {
    SQSBatchResponse r = protect(new Handlers.SqsBatch(), Map.of())
        .handleRequest(sqs(set("/Records/1/body", "restock EVIL")), ctx);
    assertThat(ids((SQSEvent) Handlers.LAST.get())).containsExactly(ID0, ID2);
    assertThat(failures(r)).containsExactly(ID1);
    assertThat(sink.ofKind(SecurityEvent.FINDING)).singleElement()
        .satisfies(e -> assertThat(e.finding().location()).isEqualTo("sqs[1].body"));
  }

  @Test
  void sqs_handlerReportsItsOwnFailure_mergedWithWardens() {
    SQSBatchResponse r = protect(new Handlers.SqsBatch(), Map.of()).handleRequest(sqs(t -> {
      set("/Records/0/body", "fail-me").apply(t);
      return inJsonText("/Records/2/body", "/note", "EVIL").apply(t);
    }), ctx);
    assertThat(ids((SQSEvent) Handlers.LAST.get())).containsExactly(ID0, ID1);
    assertThat(failures(r)).containsExactlyInAnyOrder(ID0, ID2);
  }

  @Test
  void sqs_everyRecordHostile_handlerNotCalledAndAllReported() {
    SQSBatchResponse r = protect(new Handlers.SqsBatch(), Map.of()).handleRequest(sqs(t -> {
      set("/Records/0/messageAttributes/foo/stringValue", "EVIL").apply(t);
      set("/Records/1/body", "EVIL").apply(t);
      return set("/Records/2/body", "EVIL").apply(t);
    }), ctx);
    assertThat(Handlers.CALLS).hasValue(0);
    assertThat(failures(r)).containsExactly(ID0, ID1, ID2);
  }

  @Test
  void sqs_withoutBatchResponseType_wholeBatchRefused() {
    RequestHandler<SQSEvent, Void> h = protect(new Handlers.SqsWhole(), Map.of());
    SQSEvent e = sqs(set("/Records/1/body", "EVIL"));
    assertThatThrownBy(() -> h.handleRequest(e, ctx)).isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void sqs_monitorMode_handlerSeesEveryRecordAndNoFailure() {
    SQSBatchResponse r = protect(new Handlers.SqsBatch(), Map.of("WARDEN_MODE", "monitor"))
        .handleRequest(sqs(set("/Records/1/body", "EVIL")), ctx);
    assertThat(ids((SQSEvent) Handlers.LAST.get())).containsExactly(ID0, ID1, ID2);
    assertThat(failures(r)).isEmpty();
  }

  @Test
  void sqs_failClosedWardenError_wholeBatchRefused() {
    RequestHandler<SQSEvent, SQSBatchResponse> h = TestSupport.builder(sink, TestSupport.patient(Map.of("WARDEN_FAIL_CLOSED", "true")),
        TestSupport.THROWING).protect(new Handlers.SqsBatch());
    SQSEvent e = sqs(t -> t);
    assertThatThrownBy(() -> h.handleRequest(e, ctx)).isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void sqs_limitInOneRecord_onlyThatRecordWithheld() {
    String deep = "{\"a\":".repeat(10) + "1" + "}".repeat(10);
    SQSBatchResponse r = protect(new Handlers.SqsBatch(), Map.of("WARDEN_MAX_DEPTH", "5"))
        .handleRequest(sqs(set("/Records/2/body", deep)), ctx);
    assertThat(ids((SQSEvent) Handlers.LAST.get())).containsExactly(ID0, ID1);
    assertThat(failures(r)).containsExactly(ID2);
    assertThat(sink.ofKind(SecurityEvent.FINDING)).singleElement()
        .satisfies(e -> assertThat(e.finding().rule()).isEqualTo("max-depth"));
  }

  @Test
  void sqs_limitInTwoRecords_eachWithheldOnItsOwn() {
    String deep = "{\"a\":".repeat(10) + "1" + "}".repeat(10);
    SQSBatchResponse r = protect(new Handlers.SqsBatch(), Map.of("WARDEN_MAX_DEPTH", "5")).handleRequest(sqs(t -> {
      set("/Records/0/body", deep).apply(t);
      return set("/Records/2/body", deep).apply(t);
    }), ctx);
    assertThat(ids((SQSEvent) Handlers.LAST.get())).containsExactly(ID1);
    assertThat(failures(r)).containsExactly(ID0, ID2);
  }

  @Test
  void sqs_collectorFull_wholeBatchRefusedBecauseLaterRecordsWereNotInspected() {
    RequestHandler<SQSEvent, SQSBatchResponse> h = protect(new Handlers.SqsBatch(), Map.of("WARDEN_MAX_FIELDS", "4"));
    SQSEvent e = sqs(set("/Records/2/body", "EVIL"));
    assertThatThrownBy(() -> h.handleRequest(e, ctx)).isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void sqs_findingCapReachedInOneRecord_wholeBatchRefused() {
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 80; i++) {
      many.append(i == 0 ? "" : ",").append("\"EVIL\"");
    }
    RequestHandler<SQSEvent, SQSBatchResponse> h = protect(new Handlers.SqsBatch(), Map.of());
    SQSEvent e = sqs(set("/Records/0/body", many.append(']').toString()));
    assertThatThrownBy(() -> h.handleRequest(e, ctx)).isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void kinesis_hostileRecord_reportedBySequenceNumber() {
    Fixture f = TriggerFixtures.fixture("kinesis");
    KinesisEvent e = (KinesisEvent) TriggerFixtures.typed(f,
        set("/Records/0/kinesis/data", base64("EVIL")).apply(TriggerFixtures.tree(f)));
    StreamsEventResponse r = protect(new Handlers.KinesisBatch(), Map.of()).handleRequest(e, ctx);
    assertThat(((KinesisEvent) Handlers.LAST.get()).getRecords()).extracting(x -> x.getKinesis().getPartitionKey())
        .containsExactly("order-1002");
    assertThat(r.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("49590338271490256608559692538361571095921575989136588898");
  }

  @Test
  void dynamodb_hostileRecord_reportedBySequenceNumberEvenWhenHandlerReturnsNull() {
    Fixture f = TriggerFixtures.fixture("dynamodb");
    DynamodbEvent e = (DynamodbEvent) TriggerFixtures.typed(f,
        set("/Records/1/dynamodb/NewImage/comment/S", "EVIL").apply(TriggerFixtures.tree(f)));
    StreamsEventResponse r = protect(new Handlers.DynamodbBatch(), Map.of()).handleRequest(e, ctx);
    assertThat(((DynamodbEvent) Handlers.LAST.get()).getRecords()).hasSize(1);
    assertThat(r.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("4421584500000000017450439092");
  }

  private byte[] zeroCode(Class<?> handler, byte[] event) throws IOException {
    Map<String, String> env = new HashMap<>(TestSupport.patient(Map.of()));
    env.put("WARDEN_HANDLER", handler.getName());
    WardenHandler h = new WardenHandler(env, TestSupport.builder(sink, env, TestSupport.MARKER));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    h.handleRequest(new ByteArrayInputStream(event), out, ctx);
    return out.toByteArray();
  }

  @Test
  void zeroCode_sqsHostileRecord_handlerSeesCleanRecordsAndResponseNamesHostile() throws IOException {
    Fixture f = TriggerFixtures.fixture("sqs");
    byte[] event = TriggerFixtures.bytes(set("/Records/0/body", "EVIL").apply(TriggerFixtures.tree(f)));
    JsonNode r = TriggerFixtures.JSON.readTree(zeroCode(Handlers.SqsBatch.class, event));
    assertThat(ids((SQSEvent) Handlers.LAST.get())).containsExactly(ID1, ID2);
    assertThat(r.get("batchItemFailures")).hasSize(1);
    assertThat(r.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo(ID0);
  }

  @Test
  void zeroCode_sqsWithoutBatchResponseType_wholeBatchRefused() {
    Fixture f = TriggerFixtures.fixture("sqs");
    byte[] event = TriggerFixtures.bytes(set("/Records/0/body", "EVIL").apply(TriggerFixtures.tree(f)));
    assertThatThrownBy(() -> zeroCode(Handlers.SqsWhole.class, event)).isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS).hasValue(0);
  }

  @Test
  void zeroCode_snsHostile_wholeEventRefused() {
    Fixture f = TriggerFixtures.fixture("sns");
    byte[] event = TriggerFixtures.bytes(set("/Records/0/Sns/Subject", "EVIL").apply(TriggerFixtures.tree(f)));
    assertThatThrownBy(() -> zeroCode(Handlers.MapHandler.class, event)).isInstanceOf(WardenBlockedException.class);
    assertThat(Handlers.CALLS).hasValue(0);
  }
}
