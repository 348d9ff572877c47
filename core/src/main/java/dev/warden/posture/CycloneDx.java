package dev.warden.posture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes an inventory as a CycloneDX 1.5 JSON bill of materials (bomFormat, specVersion,
 * serialNumber, metadata.timestamp/tools, components with group, name, version, purl and a SHA-256
 * hash; field names per the CycloneDX 1.5 JSON schema).
 */
public final class CycloneDx {

  private CycloneDx() {}

  public static void write(String subject, List<Component> components, Instant time, OutputStream out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("bomFormat", "CycloneDX");
      g.writeStringField("specVersion", "1.5");
      g.writeStringField("serialNumber", "urn:uuid:" + UUID.randomUUID());
      g.writeNumberField("version", 1);
      g.writeObjectFieldStart("metadata");
      g.writeStringField("timestamp", time.toString());
      g.writeObjectFieldStart("tools");
      g.writeArrayFieldStart("components");
      g.writeStartObject();
      g.writeStringField("type", "application");
      g.writeStringField("name", "warden");
      g.writeStringField("version", Versions.warden());
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("component");
      g.writeStringField("type", "application");
      g.writeStringField("name", subject);
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("components");
      for (Component c : components) {
        g.writeStartObject();
        g.writeStringField("type", "library");
        g.writeStringField("bom-ref", c.file());
        if (!c.group().isEmpty()) {
          g.writeStringField("group", c.group());
        }
        g.writeStringField("name", c.artifact());
        if (!c.version().isEmpty()) {
          g.writeStringField("version", c.version());
        }
        g.writeStringField("purl", c.purl());
        if (!c.sha256().isEmpty()) {
          g.writeArrayFieldStart("hashes");
          g.writeStartObject();
          g.writeStringField("alg", "SHA-256");
          g.writeStringField("content", c.sha256());
          g.writeEndObject();
          g.writeEndArray();
        }
        g.writeArrayFieldStart("properties");
        g.writeStartObject();
        g.writeStringField("name", "warden:file");
        g.writeStringField("value", c.file());
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("name", "warden:coordinates-from");
        g.writeStringField("value", c.evidence());
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
