package dev.warden.lambda;

import static dev.warden.lambda.TriggerFixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.Engine;
import dev.warden.Verdict;
import dev.warden.detect.Finding;
import dev.warden.extract.InputCollector;
import dev.warden.lambda.TestSupport.ListSink;
import dev.warden.lambda.TriggerFixtures.Fixture;
import dev.warden.lambda.extract.Extractors;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.lambda.testing.Fixtures;
import dev.warden.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every limit is a finding (never an exception); bodies of every content type; HTTP refusal statuses. */
class LimitsAndBodiesTest {

  private final ListSink sink = new ListSink();
  private final FakeContext ctx = FakeContext.builder().requestId("req-l").build();

  private Guard guard(Policy p) {
    // A generous time budget: a slow build machine must not turn into a time-budget finding.
    p = p.toBuilder().timeBudget(TestSupport.SLOW_MACHINE.limits().timeBudget()).build();
    return new Guard(Engine.of(p, List.of(TestSupport.MARKER), sink, Engine.Failures.PROPAGATE),
        Extractors.standard(), null);
  }

  private Verdict typed(Policy p, String fixture, UnaryOperator<ObjectNode> change) {
    Fixture f = TriggerFixtures.fixture(fixture);
    return guard(p).check(TriggerFixtures.typed(f, change.apply(TriggerFixtures.tree(f))), ctx).verdict();
  }

  private static List<String> rules(Verdict v) {
    return v.findings().stream().map(f -> f.detector() + "/" + f.rule() + "@" + f.location()).toList();
  }

  private static APIGatewayProxyRequestEvent rest(String contentType, String body) {
    APIGatewayProxyRequestEvent e = Fixtures.load("events/apigw-rest.json", APIGatewayProxyRequestEvent.class);
    e.getHeaders().put("Content-Type", contentType);
    e.getMultiValueHeaders().put("Content-Type", List.of(contentType));
    e.setBody(body);
    return e;
  }

  // ---- limits: each is a limit-exceeded finding with its rule ----

  @Test
  void rawEvent_largerThanMaxBytes_maxBytesFinding() {
    byte[] bytes = Fixtures.bytes("events/sqs.json");
    StreamGuard.Result r = new StreamGuard(guard(Policy.builder().maxBytes(100).build())).check(bytes, null, ctx);
    assertThat(rules(r.check().verdict())).containsExactly("limit-exceeded/max-bytes@event");
  }

  @Test
  void sqsBody_deeperThanMaxDepth_maxDepthFindingInThatRecord() {
    Verdict v = typed(Policy.builder().maxDepth(4).build(), "sqs",
        set("/Records/1/body", "[[[[[[[[\"x\"]]]]]]]]"));
    assertThat(rules(v)).containsExactly("limit-exceeded/max-depth@sqs[1].body[0][0][0][0]");
  }

  @Test
  void dynamodbImage_deeperThanMaxDepth_maxDepthFinding() {
    Verdict v = typed(Policy.builder().maxDepth(3).build(), "dynamodb", t -> t);
    assertThat(v.findings()).extracting(Finding::rule).containsExactly("max-depth");
    assertThat(v.findings().get(0).location()).startsWith("dynamodb[0].newImage.");
  }

  @Test
  void batch_moreValuesThanMaxFields_maxFieldsFinding() {
    Verdict v = typed(Policy.builder().maxFields(3).build(), "sqs", t -> t);
    assertThat(v.findings()).extracting(Finding::rule).containsExactly("max-fields");
  }

  @Test
  void kinesisData_longerThanMaxValueChars_valueTooLongFinding() {
    Verdict v = typed(Policy.builder().maxValueChars(10).build(), "kinesis",
        set("/Records/1/kinesis/data", TriggerFixtures.base64("a long text record of many characters")));
    assertThat(rules(v)).containsExactly("limit-exceeded/value-too-long@kinesis[1].data");
  }

  @Test
  void cloudWatchLogs_gzipBomb_decompressedSizeFindingAndBoundedWork() {
    byte[] bomb = TriggerFixtures.gzip(new byte[10 * 1024 * 1024]);
    Verdict v = typed(Policy.builder().maxDecompressedBytes(64 * 1024).build(), "cloudwatch-logs",
        set("/awslogs/data", Base64.getEncoder().encodeToString(bomb)));
    assertThat(rules(v)).containsExactly("limit-exceeded/decompressed-size@logs");
  }

  @Test
  void cloudWatchLogs_notGzip_malformedBodyFinding() {
    Verdict v = typed(Policy.defaults(), "cloudwatch-logs",
        set("/awslogs/data", TriggerFixtures.base64("not gzip at all")));
    assertThat(rules(v)).containsExactly("limit-exceeded/malformed-body@logs");
  }

  @Test
  void cloudWatchLogs_withinLimit_decodedAndWalked() {
    CloudWatchLogsEvent e = Fixtures.load("events/cloudwatch-logs.json", CloudWatchLogsEvent.class);
    InputCollector c = new InputCollector(Policy.defaults());
    Extractors.standard().extract(e, c);
    assertThat(c.inputs()).anySatisfy(in -> assertThat(in.path()).isEqualTo("logs.logEvents[1].message"));
  }

  // ---- HTTP bodies ----

  @Test
  void multipartBody_fieldsFileNamesAndTextFiles_inspectedAtTheirLocations() {
    String body = "--XyZ\r\n"
        + "Content-Disposition: form-data; name=\"comment\"\r\n\r\n"
        + "nice EVIL\r\n"
        + "--XyZ\r\n"
        + "Content-Disposition: form-data; name=\"upload\"; filename=\"../../EVIL.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\n"
        + "file text EVIL\r\n"
        + "--XyZ--\r\n";
    Verdict v = guard(Policy.defaults()).check(rest("multipart/form-data; boundary=XyZ", body), ctx).verdict();
    assertThat(v.findings()).extracting(Finding::location)
        .containsExactly("body.comment", "body.upload.filename", "body.upload");
  }

  @Test
  void multipartBody_binaryFile_skippedAndRecorded() {
    String body = "--b1\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"cat.png\"\r\n"
        + "Content-Type: image/png\r\n\r\nEVIL\u0000\u0001\r\n--b1--";
    Verdict v = guard(Policy.defaults()).check(rest("multipart/form-data; boundary=\"b1\"", body), ctx).verdict();
    assertThat(v.findings()).isEmpty();
    assertThat(v.skipped()).singleElement().satisfies(s -> {
      assertThat(s.path()).isEqualTo("body.photo");
      assertThat(s.reason()).isEqualTo("binary part content-type image/png");
    });
  }

  @Test
  void multipartBody_withoutBoundary_malformedBody() {
    Verdict v = guard(Policy.defaults()).check(rest("multipart/form-data", "--x\r\n\r\nhello"), ctx).verdict();
    assertThat(rules(v)).containsExactly("limit-exceeded/malformed-body@body");
  }

  @Test
  void binaryBody_skippedWithReasonOnTheVerdict() {
    Verdict v = guard(Policy.defaults()).check(rest("image/png", "EVIL"), ctx).verdict();
    assertThat(v.findings()).isEmpty();
    assertThat(v.skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("binary content-type image/png"));
  }

  @Test
  void vendorJsonBody_walkedAsJsonNotSkippedAsBinary() {
    Verdict v = guard(Policy.defaults()).check(rest("application/vnd.api+json", "{\"data\":{\"note\":\"EVIL\"}}"), ctx)
        .verdict();
    assertThat(v.findings()).extracting(Finding::location).containsExactly("body.data.note");
    assertThat(v.skipped()).isEmpty();
  }

  @Test
  void xmlBody_inspectedWholeSoTheDoctypeIsVisible() {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///EVIL\">]><r>&x;</r>";
    Verdict v = guard(Policy.defaults()).check(rest("application/xml", xml), ctx).verdict();
    assertThat(v.findings()).extracting(Finding::location).containsExactly("body");
  }

  @Test
  void plainTextBody_inspectedWhole() {
    Verdict v = guard(Policy.defaults()).check(rest("text/plain; charset=utf-8", "just EVIL text"), ctx).verdict();
    assertThat(v.findings()).extracting(Finding::location).containsExactly("body");
  }

  @Test
  void s3Key_plusAndPercentEscapes_decodedOnceAsS3Encodes() {
    Verdict v = typed(Policy.defaults(), "s3", set("/Records/0/s3/object/key", "a+b%2Fc"));
    InputCollector c = new InputCollector(Policy.defaults());
    Fixture f = TriggerFixtures.fixture("s3");
    Extractors.standard().extract(TriggerFixtures.typed(f,
        set("/Records/0/s3/object/key", "dir%2F..%2Fmy+file.txt").apply(TriggerFixtures.tree(f))), c);
    assertThat(c.inputs()).singleElement().satisfies(in -> assertThat(in.text()).isEqualTo("dir/../my file.txt"));
    assertThat(v.findings()).isEmpty();
  }

  // ---- HTTP refusal statuses ----

  private APIGatewayProxyResponseEvent refuse(Map<String, String> env, APIGatewayProxyRequestEvent e) {
    return TestSupport.builder(sink, TestSupport.patient(env), TestSupport.MARKER).protect(new Handlers.Orders())
        .handleRequest(e, ctx);
  }

  @Test
  void http_bodyLargerThanMaxBytes_413() {
    APIGatewayProxyResponseEvent r = refuse(Map.of("WARDEN_MAX_BYTES", "64"),
        rest("application/json", "{\"note\":\"" + "a".repeat(200) + "\"}"));
    assertThat(r.getStatusCode()).isEqualTo(413);
    assertThat(r.getBody()).contains("Payload Too Large").contains("req-l");
  }

  @Test
  void http_declaredJsonThatDoesNotParse_400() {
    APIGatewayProxyResponseEvent r = refuse(Map.of(), rest("application/json", "{\"note\": oops"));
    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(r.getBody()).contains("Bad Request");
  }

  @Test
  void http_malformedBodyWithAnAttackToo_403() {
    APIGatewayProxyResponseEvent r = refuse(Map.of(), rest("application/json", "{\"note\": EVIL"));
    assertThat(r.getStatusCode()).isEqualTo(403);
  }

  @Test
  void http_limitFindingsOnlyMonitored_handlerRuns() {
    APIGatewayProxyResponseEvent r = refuse(Map.of("WARDEN_ACTIONS", "limit-exceeded=monitor"),
        rest("application/json", "{oops"));
    assertThat(r.getStatusCode()).isEqualTo(200);
  }

  @Test
  void refusalBody_namesStatusReasonOnly() {
    assertThat(Refusals.body(413, "r\"1")).isEqualTo("{\"message\":\"Payload Too Large\",\"requestId\":\"r\\\"1\"}");
    assertThat(new String(Refusals.body("x").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .contains("Forbidden");
  }
}
