package dev.warden.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.warden.Invocation;
import dev.warden.detect.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders a {@link SecurityEvent} as a single line of JSON. The generator escapes every control
 * character, so a line can never be split or forged by the content; evidence was already
 * redacted and bounded by {@link Evidence}. Thread-safe.
 */
public final class EventJson {

  private static final JsonFactory JSON = new JsonFactory();

  private EventJson() {}

  public static String render(SecurityEvent e) {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("warden_event", e.kind());
      g.writeStringField("time", e.time().toString());
      Invocation inv = e.invocation();
      g.writeStringField("function", inv.functionName());
      if (!inv.functionVersion().isEmpty()) {
        g.writeStringField("function_version", inv.functionVersion());
      }
      g.writeStringField("request_id", inv.requestId());
      g.writeStringField("trigger", inv.trigger());
      g.writeStringField("disposition", e.disposition());
      Finding f = e.finding();
      if (f != null) {
        g.writeStringField("detector", f.detector());
        g.writeStringField("rule", f.rule());
        g.writeStringField("source", f.source().id());
        g.writeStringField("location", Evidence.excerpt(f.location(), 0, 0));
        g.writeStringField("evidence", f.evidence());
      }
      if (!e.message().isEmpty()) {
        g.writeStringField("message", e.message());
      }
      if (!inv.request().isEmpty()) {
        g.writeObjectFieldStart("request");
        for (Map.Entry<String, String> r : inv.request().entrySet()) {
          g.writeStringField(r.getKey(), Evidence.excerpt(r.getValue(), 0, 0));
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return w.toString();
  }
}
