package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.warden.Invocation;
import dev.warden.detect.Finding;
import dev.warden.extract.Source;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in = EventJson.class.getResourceAsStream("warden-event.schema.json")) {
      assertThat(in).as("schema on the class path").isNotNull();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  /** Schema violations of a rendered line (empty when valid). */
  static Set<ValidationMessage> violations(String line) throws Exception {
    return schema.validate(JSON.readTree(line));
  }

  static Stream<Arguments> kinds() {
    return Events.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void render_everyKind_isOneLineValidAgainstSchema(String name, SecurityEvent e) throws Exception {
    String line = EventJson.render(e);
    assertThat(line).doesNotContain("\n").doesNotContain("\r");
    assertThat(violations(line)).as(name + ": " + line).isEmpty();
    JsonNode n = JSON.readTree(line);
    assertThat(n.path("type_uid").asLong()).isEqualTo(n.path("class_uid").asLong() * 100 + n.path("activity_id").asLong());
    assertThat(n.path("unmapped").path("warden_event").asText()).isEqualTo(e.kind());
  }

  @Test
  void schema_eventWithWrongClassOrMissingProduct_isRejected() throws Exception {
    ObjectNode n = (ObjectNode) JSON.readTree(EventJson.render(Events.all().get("finding-blocked")));
    n.put("class_uid", 2003);
    assertThat(schema.validate(n)).isNotEmpty();
    n = (ObjectNode) JSON.readTree(EventJson.render(Events.all().get("finding-blocked")));
    ((ObjectNode) n.path("metadata")).remove("product");
    assertThat(schema.validate(n)).isNotEmpty();
    n = (ObjectNode) JSON.readTree(EventJson.render(Events.all().get("finding-blocked")));
    ((ObjectNode) n.path("evidences").get(0).path("data")).put("excerpt", "<script>");
    assertThat(schema.validate(n)).isNotEmpty();
  }

  @Test
  void render_blockedHttpFinding_mapsOcsfAttributes() throws Exception {
    JsonNode n = JSON.readTree(EventJson.render(Events.all().get("finding-blocked")));
    assertThat(n.path("class_uid").asInt()).isEqualTo(2004);
    assertThat(n.path("category_uid").asInt()).isEqualTo(2);
    assertThat(n.path("type_uid").asInt()).isEqualTo(200401);
    assertThat(n.path("time").asLong()).isEqualTo(Events.T.toEpochMilli());
    assertThat(n.path("severity_id").asInt()).isEqualTo(4);
    assertThat(n.path("action_id").asInt()).isEqualTo(2);
    assertThat(n.path("action").asText()).isEqualTo("Denied");
    assertThat(n.path("disposition_id").asInt()).isEqualTo(2);
    assertThat(n.path("disposition").asText()).isEqualTo("Blocked");
    assertThat(n.at("/metadata/version").asText()).isEqualTo("1.3.0");
    assertThat(n.at("/metadata/product/name").asText()).isEqualTo("Warden");
    assertThat(n.at("/metadata/correlation_uid").asText()).isEqualTo("8f5c7e9a-3b1d-4c2e-9f00-1a2b3c4d5e6f");
    assertThat(n.at("/finding_info/types/0").asText()).isEqualTo("sqli");
    assertThat(n.at("/finding_info/analytic/uid").asText()).isEqualTo("sqli/tautology");
    assertThat(n.at("/cloud/provider").asText()).isEqualTo("AWS");
    assertThat(n.at("/cloud/region").asText()).isEqualTo("eu-west-1");
    assertThat(n.at("/cloud/account/uid").asText()).isEqualTo("123456789012");
    assertThat(n.at("/api/request/uid").asText()).isEqualTo("8f5c7e9a-3b1d-4c2e-9f00-1a2b3c4d5e6f");
    assertThat(n.at("/resources/0/uid").asText()).isEqualTo(Events.ARN);
    assertThat(n.at("/resources/0/name").asText()).isEqualTo("orders");
    assertThat(n.at("/resources/0/version").asText()).isEqualTo("7");
    assertThat(n.at("/resources/0/type").asText()).isEqualTo("AWS::Lambda::Function");
    assertThat(n.at("/evidences/0/data/location").asText()).isEqualTo("query.id");
    assertThat(n.at("/evidences/0/data/excerpt").asText()).isEqualTo("1&#39; OR &#39;1&#39;=&#39;1");
    assertThat(n.at("/evidences/0/src_endpoint/ip").asText()).isEqualTo("203.0.113.9");
    assertThat(n.at("/evidences/0/http_request/http_method").asText()).isEqualTo("GET");
    assertThat(n.at("/evidences/0/http_request/url/path").asText()).isEqualTo("/orders");
    assertThat(n.at("/evidences/0/http_request/user_agent").asText()).isEqualTo("curl/8.5.0");
    assertThat(n.at("/unmapped/detector").asText()).isEqualTo("sqli");
  }

  @Test
  void render_alertedFinding_isAllowedWithAlertDisposition() throws Exception {
    JsonNode n = JSON.readTree(EventJson.render(Events.all().get("finding-alerted")));
    assertThat(n.path("action_id").asInt()).isEqualTo(1);
    assertThat(n.path("disposition_id").asInt()).isEqualTo(19);
    assertThat(n.path("severity_id").asInt()).isEqualTo(3);
  }

  @Test
  void render_suppressedSummary_countsWithheldEvents() throws Exception {
    JsonNode n = JSON.readTree(EventJson.render(Events.all().get("suppressed")));
    assertThat(n.at("/finding_info/related_events_count").asLong()).isEqualTo(43);
    assertThat(n.at("/unmapped/counts/finding").asLong()).isEqualTo(41);
    assertThat(n.path("disposition_id").asInt()).isEqualTo(20);
  }

  @Test
  void render_hostileRequestAndLocation_cannotSplitLineOrInjectMarkup() throws Exception {
    Invocation inv = new Invocation("r\r\n{\"forged\":1}", "fn", "1", "arn:aws:lambda:x:y", "apigateway-http",
        Map.of("user-agent", "Mozilla\u001b[31m\r\nINFO forged <img src=x onerror=alert(1)>",
            "path", "/a\u2028b<svg/onload=alert(1)>", "source-ip", "1.2.3.4\n5.6.7.8", "method", "GET"));
    Finding f = new Finding("xss", "event-handler", Source.BODY, "body.<b onmouseover=x>\n",
        "\"><script>alert(document.cookie)</script>\u0007\u009b");
    String line = EventJson.render(SecurityEvent.finding(Events.T, inv, f, "blocked"));
    assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u001b", "\u0007", "\u009b")
        .doesNotContain("<script", "<img", "<svg", "<b ");
    assertThat(violations(line)).isEmpty();
    JsonNode n = JSON.readTree(line);
    // Decoded values are still free of raw markup and control characters.
    assertThat(n.at("/evidences/0/http_request/user_agent").asText()).doesNotContain("<", "\u001b", "\n");
    assertThat(n.at("/evidences/0/data/excerpt").asText()).contains("&lt;script&gt;").doesNotContain("<");
    assertThat(n.at("/cloud").has("region")).as("malformed ARN is not parsed").isFalse();
  }

  @Test
  void render_findingAtSecretLocation_redactsWholeEvidence() throws Exception {
    for (String location : new String[] {"header.authorization", "header.x-api-key", "cookie.session",
        "header.cookie", "body.user.password", "query.access_token", "body.clientSecret"}) {
      Finding f = new Finding("sqli", "tautology", Source.HEADER, location, "opaque-value-1234' OR 1=1");
      JsonNode n = JSON.readTree(EventJson.render(SecurityEvent.finding(Events.T, Events.http(), f, "blocked")));
      assertThat(n.at("/evidences/0/data/excerpt").asText()).as(location).isEqualTo(Evidence.SECRET_LOCATION);
    }
    Finding plain = new Finding("sqli", "tautology", Source.QUERY, "query.id", "opaque-value-1234' OR 1=1");
    JsonNode n = JSON.readTree(EventJson.render(SecurityEvent.finding(Events.T, Events.http(), plain, "blocked")));
    assertThat(n.at("/evidences/0/data/excerpt").asText()).contains("opaque-value-1234");
  }

  @Test
  void render_handBuiltEvidenceWithSecret_isRedactedAndBounded() throws Exception {
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    Finding f = new Finding("cmdi", "pipe", Source.BODY, "body.cmd", "x".repeat(5000) + " | curl " + secret);
    JsonNode n = JSON.readTree(EventJson.render(SecurityEvent.finding(Events.T, Events.http(), f, "blocked")));
    String ex = n.at("/evidences/0/data/excerpt").asText();
    assertThat(ex.length()).isLessThanOrEqualTo(Evidence.MAX_CHARS + 64 + 2);
    Finding g = new Finding("cmdi", "pipe", Source.BODY, "body.cmd", "| curl " + secret);
    assertThat(EventJson.render(SecurityEvent.finding(Events.T, Events.http(), g, "blocked"))).doesNotContain(secret);
  }

  @Test
  void render_functionNamedLikeASecret_keepsPlatformValuesIntact() throws Exception {
    String arn = "arn:aws:lambda:eu-west-1:123456789012:function:auth-token-rotator:live";
    Invocation inv = new Invocation("req-1", "auth-token-rotator", "3", arn, "sqs", null);
    JsonNode n = JSON.readTree(EventJson.render(SecurityEvent.finding(Events.T, inv, Events.sqli(), "blocked")));
    assertThat(n.at("/resources/0/uid").asText()).isEqualTo(arn);
    assertThat(n.at("/resources/0/name").asText()).isEqualTo("auth-token-rotator");
  }

  @Test
  void arn_lambdaFunctionArn_yieldsRegionAccountPartition() {
    EventJson.Arn a = EventJson.Arn.parse("arn:aws-cn:lambda:cn-north-1:123456789012:function:f:$LATEST");
    assertThat(a).isNotNull();
    assertThat(a.partition).isEqualTo("aws-cn");
    assertThat(a.region).isEqualTo("cn-north-1");
    assertThat(a.account).isEqualTo("123456789012");
    assertThat(EventJson.Arn.parse("arn:aws:s3:::bucket")).isNull();
    assertThat(EventJson.Arn.parse("arn:aws:lambda:eu-west-1:12345:function:f")).isNull();
  }

  @Test
  void nameUuid_sameKeyTwice_sameVersion8Uuid() {
    String a = EventJson.nameUuid("finding\n1700000000000.5\nreq-1\nsqli\ntautology\nquery.id");
    assertThat(EventJson.nameUuid("finding\n1700000000000.5\nreq-1\nsqli\ntautology\nquery.id")).isEqualTo(a);
    java.util.UUID u = java.util.UUID.fromString(a);
    assertThat(u.version()).isEqualTo(8);
    assertThat(u.variant()).isEqualTo(2);
  }

  @Test
  void nameUuid_keysDifferingInOneCharacterOrOrder_allDistinct() {
    Set<String> seen = new java.util.HashSet<>();
    int n = 0;
    for (int i = 0; i < 20_000; i++) {
      String k = "req-" + i + "\nquery.q";
      seen.add(EventJson.nameUuid(k));
      seen.add(EventJson.nameUuid(new StringBuilder(k).reverse().toString()));
      n += 2;
    }
    seen.add(EventJson.nameUuid(""));
    seen.add(EventJson.nameUuid("\u0000"));
    assertThat(seen).hasSize(n + 2);
  }
}
