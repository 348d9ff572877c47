package dev.warden.posture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders the dependency inventory as one line of JSON shaped as an OCSF "Software Inventory
 * Info" event (class_uid 5020, category_uid 5 Discovery, activity_id 1 Log, type_uid 502001):
 * {@code device} is the Lambda execution environment (type "Virtual", with the function's region
 * and account in {@code cloud}), and {@code sbom.package} is the function while
 * {@code sbom.software_components} lists each jar with name, version, purl and its SHA-256
 * {@code hash} (OCSF objects sbom, package, software_component, fingerprint; schema 1.4.0).
 */
public final class InventoryEvent {

  private static final JsonFactory JSON = new JsonFactory();

  private InventoryEvent() {}

  public static String render(List<Component> components, Map<String, String> env, Instant time) {
    StringWriter w = new StringWriter(256 + components.size() * 200);
    String function = env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "");
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeNumberField("class_uid", 5020);
      g.writeStringField("class_name", "Software Inventory Info");
      g.writeNumberField("category_uid", 5);
      g.writeStringField("category_name", "Discovery");
      g.writeNumberField("activity_id", 1);
      g.writeStringField("activity_name", "Log");
      g.writeNumberField("type_uid", 502001);
      g.writeNumberField("severity_id", 1);
      g.writeStringField("severity", "Informational");
      g.writeNumberField("time", time.toEpochMilli());
      g.writeObjectFieldStart("metadata");
      g.writeStringField("version", "1.4.0");
      g.writeObjectFieldStart("product");
      g.writeStringField("name", "Warden");
      g.writeStringField("vendor_name", "Warden");
      g.writeStringField("version", Versions.warden());
      g.writeEndObject();
      g.writeEndObject();
      g.writeObjectFieldStart("cloud");
      g.writeStringField("provider", "AWS");
      if (env.get("AWS_REGION") != null) {
        g.writeStringField("region", env.get("AWS_REGION"));
      }
      g.writeEndObject();
      g.writeObjectFieldStart("device");
      g.writeNumberField("type_id", 6);
      g.writeStringField("type", "Virtual");
      g.writeStringField("name", function.isEmpty() ? "lambda-execution-environment" : function);
      if (env.get("AWS_REGION") != null) {
        g.writeStringField("region", env.get("AWS_REGION"));
      }
      g.writeEndObject();
      g.writeObjectFieldStart("sbom");
      g.writeNumberField("created_time", time.toEpochMilli());
      g.writeObjectFieldStart("package");
      g.writeStringField("name", function.isEmpty() ? "function" : function);
      g.writeStringField("version", env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", ""));
      g.writeEndObject();
      g.writeArrayFieldStart("software_components");
      for (Component c : components) {
        g.writeStartObject();
        g.writeStringField("name", c.group().isEmpty() ? c.artifact() : c.group() + ":" + c.artifact());
        g.writeStringField("version", c.version());
        g.writeStringField("purl", c.purl());
        g.writeStringField("type", "Library");
        if (!c.sha256().isEmpty()) {
          g.writeObjectFieldStart("hash");
          g.writeNumberField("algorithm_id", 3);
          g.writeStringField("algorithm", "SHA-256");
          g.writeStringField("value", c.sha256());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("unmapped");
      g.writeStringField("warden_event", "inventory");
      g.writeNumberField("component_count", components.size());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
