package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonLineTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void writeStringField_everyCharacterBelowU0080_roundTripsOnOneLine() throws Exception {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c);
    }
    all.append("é😀\u2028");
    JsonLine g = new JsonLine(16);
    g.writeStartObject();
    g.writeStringField("k\"\n", all.toString());
    g.writeEndObject();
    String line = g.toString();
    assertThat(line).doesNotContain("\n", "\r", "\u0000");
    JsonNode n = MAPPER.readTree(line);
    assertThat(n.get("k\"\n").asText()).isEqualTo(all.toString());
    assertThat(line).contains("\\u001F", "\\n", "\\t", "\\\"", "\\\\");
  }

  @Test
  void nestedContainers_commasOnlyBetweenMembers() throws Exception {
    JsonLine g = new JsonLine(16);
    g.writeStartObject();
    g.writeNumberField("a", 1L);
    g.writeObjectFieldStart("o");
    g.writeEndObject();
    g.writeArrayFieldStart("arr");
    g.writeStartArray();
    g.writeString("x");
    g.writeString(null);
    g.writeEndArray();
    g.writeStartObject();
    g.writeMillisField("d", 250_000);
    g.writeEndObject();
    g.writeEndArray();
    g.writeStringField("n", null);
    g.writeEndObject();
    assertThat(g.toString()).isEqualTo("{\"a\":1,\"o\":{},\"arr\":[[\"x\",null],{\"d\":0.250}],\"n\":null}");
    assertThat(MAPPER.readTree(g.toString()).get("arr").size()).isEqualTo(2);
  }
}
