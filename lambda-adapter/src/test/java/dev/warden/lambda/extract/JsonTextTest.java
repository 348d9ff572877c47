package dev.warden.lambda.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonText} against jackson-core, the parser it replaced on the request path: for every
 * document, the walk must accept or refuse alike and collect the same values at the same paths.
 */
class JsonTextTest {

  private static final Policy POLICY = Policy.builder().maxDepth(8).maxFields(60).build();

  private record Outcome(boolean ok, List<?> inputs, List<?> limits) {}

  private static Outcome ours(String doc) {
    InputCollector c = new InputCollector(POLICY);
    boolean ok = Json.walk(doc, Source.BODY, "body", c);
    return new Outcome(ok, c.inputs(), c.limitFindings());
  }

  private static Outcome jackson(String doc) {
    InputCollector c = new InputCollector(POLICY);
    boolean ok;
    try (com.fasterxml.jackson.core.JsonParser p = Json.factory().createParser(doc)) {
      ok = Json.walk(p, Source.BODY, "body", c);
    } catch (java.io.IOException e) {
      ok = false;
    }
    return new Outcome(ok, c.inputs(), c.limitFindings());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"a\":\"x\",\"b\":[1,\"y\",{\"c\":\"z\"}],\"d\":{\"e\":[[\"deep\"]]}}", "[]", "{}", "\"root\"", "  7  ",
      "{\"s\":\"\\u0041\\ud83d\\ude00\\n\\t\\\"\\\\\\/\\b\\f\\r\",\"lone\":\"\\udc00\"}", "[-0,0.5,1e5,1E+5,-2.5e-3,true,false,null]",
      "{\"a\":1}{\"b\":\"2\"}", "1 2", "\"a\"\"b\"", "[1,2", "{\"a\":}", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "[01]", "[1.]",
      "[.5]", "[-]", "[+1]", "[1e]", "[NaN]", "{'a':1}", "{a:1}", "[\"a\" \"b\"]", "[truex]", "[true1]", "[tru]",
      "[\"\\x41\"]", "[\"\\u00G1\"]", "[\"raw\ttab\"]", "/* c */ {}", "[1]x", "12[", "1{", "{\"a\":[1 2]}", "]", "}",
      ",", ":", "", "   ", "[\"\\u0000\"]", "{\"k\":\"v\"}   ", "[[[[[[[[[[[[\"too deep\"]]]]]]]]]]]]",
      "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":\"x\"}}}}}}}},\"after\":\"y\"}",
      "[true{}", "[null]]", "\"unterminated", "[\"\\", "\uFEFF{}", "{\"a\":\"\u2028\"}", "[1e999,-1e-999]"})
  void walk_documentOfEachShape_sameOutcomeAsJackson(String doc) {
    assertThat(ours(doc)).isEqualTo(jackson(doc));
  }

  /** Mutations of valid documents: inserted, deleted and replaced characters from the JSON alphabet. */
  @Test
  void walk_mutatedDocuments_sameOutcomeAsJackson() {
    List<String> seeds = List.of("{\"a\":\"x\",\"b\":[1,\"y\",{\"c\":\"z\\u0041\"}],\"n\":-1.5e3,\"t\":true,\"f\":null}",
        "[[\"a\",{\"b\":[]}],{\"c\":\"\\\"q\\\"\"},0,false]", "{\"k\":{\"k\":{\"k\":{\"k\":[\"v\"]}}}}");
    String alphabet = "{}[]\",:\\/ \t\n0123456789-+.eEtrufalsn\u0001\u00e9x";
    Random random = new Random(20261122);
    int valid = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder doc = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      for (int m = random.nextInt(4); m >= 0; m--) {
        int at = random.nextInt(doc.length() + 1);
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> doc.insert(at, c);
          case 1 -> { if (at < doc.length()) doc.deleteCharAt(at); }
          default -> { if (at < doc.length()) doc.setCharAt(at, c); }
        }
      }
      String d = doc.toString();
      Outcome expected = jackson(d);
      assertThat(ours(d)).as(d).isEqualTo(expected);
      valid += expected.ok() ? 1 : 0;
    }
    assertThat(valid).as("valid documents among the mutations").isBetween(1_000, 19_000);
  }

  @Test
  void walk_bytes_byteOrderMarkIgnoredAndMalformedUtf8Refused() {
    byte[] bom = "\uFEFF{\"a\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    InputCollector c = new InputCollector(POLICY);
    assertThat(Json.walk(bom, Source.BODY, "body", c)).isTrue();
    assertThat(c.inputs()).hasSize(2);
    assertThat(Json.walk(new byte[] {'[', '"', (byte) 0xC3, '"', ']'}, Source.BODY, "body", new InputCollector(POLICY)))
        .isFalse();
    assertThat(Json.scan(new byte[] {'[', (byte) 0xFF, ']'}, 8)).isEqualTo(Json.Scan.INVALID);
  }

  @Test
  void walk_nestingBeyondTheParserCap_recordedAsLimitNotFailure() {
    String deep = "[".repeat(JsonText.MAX_DEPTH + 1) + "]".repeat(JsonText.MAX_DEPTH + 1);
    Outcome o = ours(deep);
    assertThat(o.ok()).isTrue();
    assertThat(o.limits()).isNotEmpty();
    assertThat(Json.scan(deep.getBytes(StandardCharsets.UTF_8), 5000)).isEqualTo(Json.Scan.TOO_DEEP);
  }
}
