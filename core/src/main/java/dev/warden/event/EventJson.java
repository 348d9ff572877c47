package dev.warden.event;

import dev.warden.Invocation;
import dev.warden.detect.Finding;
import dev.warden.policy.Policy;
import java.util.Map;
import java.util.UUID;
import org.owasp.encoder.Encode;

/**
 * Renders a {@link SecurityEvent} as a single line of JSON shaped as an OCSF 1.3.0 Detection
 * Finding (class_uid 2004, category_uid 2), with the Cloud and Security Control profiles; see
 * {@code docs/SECURITY-EVENTS.md} for the field-by-field mapping and
 * {@code dev/warden/event/warden-event.schema.json} for the schema every line satisfies.
 *
 * <p>Security-critical. Every attacker-controlled string (evidence, location, URL path, user
 * agent, source address) passes through {@link Evidence} again (secret redaction with the given
 * {@link Redactor}, 128-character bound, control characters and ANSI escapes made visible) and is
 * then HTML-encoded with the OWASP encoder, because SIEM consoles and log viewers render these
 * fields as HTML; {@link JsonLine} escapes what is left, so a line can never be split, forged
 * or turned into script. Evidence found at a secret location ({@code header.authorization},
 * {@code cookie.*}, password fields) is replaced whole. Thread-safe; never returns a multi-line
 * string.
 */
public final class EventJson {

  /** The OCSF schema version the events follow. */
  public static final String OCSF_VERSION = "1.3.0";
  /** OCSF Detection Finding. */
  public static final int CLASS_UID = 2004;
  /** OCSF category Findings. */
  public static final int CATEGORY_UID = 2;
  /** Detection Finding activity "Create": each event reports a new finding. */
  public static final int ACTIVITY_CREATE = 1;

  static final String PRODUCT = "Warden";
  static final String PRODUCT_VERSION = productVersion();


  private EventJson() {}

  /** Renders with the built-in redaction. */
  public static String render(SecurityEvent e) {
    return render(e, Redactor.DEFAULT);
  }

  /** Renders with {@code redactor} (built-ins plus the policy's fields and patterns). */
  public static String render(SecurityEvent e, Redactor redactor) {
    JsonLine g = new JsonLine(1024);
    write(g, e, redactor);
    return g.toString();
  }

  private static void write(JsonLine g, SecurityEvent e, Redactor redactor) {
    Invocation inv = e.invocation();
    Finding f = e.finding();
    Outcome o = outcome(e);
    long time = e.time().toEpochMilli();
    String uid = uid(e);
    Arn arn = Arn.parse(inv.functionArn());

    g.writeStartObject();
    // Base event and class (schema.ocsf.io/1.3.0/classes/detection_finding).
    g.writeNumberField("activity_id", ACTIVITY_CREATE);
    g.writeStringField("activity_name", "Create");
    g.writeNumberField("category_uid", CATEGORY_UID);
    g.writeStringField("category_name", "Findings");
    g.writeNumberField("class_uid", CLASS_UID);
    g.writeStringField("class_name", "Detection Finding");
    g.writeNumberField("type_uid", CLASS_UID * 100L + ACTIVITY_CREATE);
    g.writeStringField("type_name", "Detection Finding: Create");
    g.writeNumberField("time", time);
    g.writeNumberField("severity_id", o.severityId);
    g.writeStringField("severity", o.severity);
    g.writeNumberField("status_id", 1);
    g.writeStringField("status", "New");
    g.writeStringField("message", message(e, f, redactor));
    // Security Control profile (schema.ocsf.io/1.3.0/profiles/security_control).
    g.writeNumberField("action_id", o.actionId);
    g.writeStringField("action", o.action);
    g.writeNumberField("disposition_id", o.dispositionId);
    g.writeStringField("disposition", o.disposition);

    g.writeObjectFieldStart("metadata");
    g.writeStringField("version", OCSF_VERSION);
    g.writeStringField("uid", uid);
    g.writeStringField("log_name", Slf4jEventSink.LOGGER);
    g.writeStringField("event_code", e.kind());
    if (!inv.requestId().isEmpty()) {
      g.writeStringField("correlation_uid", platform(inv.requestId()));
    }
    g.writeArrayFieldStart("profiles");
    g.writeString("cloud");
    g.writeString("security_control");
    g.writeEndArray();
    g.writeObjectFieldStart("product");
    g.writeStringField("name", PRODUCT);
    g.writeStringField("vendor_name", PRODUCT);
    g.writeStringField("version", PRODUCT_VERSION);
    g.writeStringField("lang", "java");
    g.writeEndObject();
    g.writeEndObject();

    g.writeObjectFieldStart("finding_info");
    g.writeStringField("uid", uid);
    g.writeStringField("title", title(e, f));
    g.writeArrayFieldStart("types");
    g.writeString(f != null ? f.detector() : e.kind());
    g.writeEndArray();
    g.writeNumberField("created_time", time);
    if (f != null) {
      g.writeObjectFieldStart("analytic");
      g.writeStringField("uid", f.detector() + "/" + f.rule());
      g.writeStringField("name", f.rule());
      g.writeStringField("category", f.detector());
      g.writeNumberField("type_id", 1);
      g.writeStringField("type", "Rule");
      g.writeEndObject();
    }
    Long total = e.counts().get(SecurityEvent.SUPPRESSED);
    if (total != null) {
      g.writeNumberField("related_events_count", total);
    }
    g.writeEndObject();

    // Cloud profile (schema.ocsf.io/1.3.0/objects/cloud, /objects/api).
    g.writeObjectFieldStart("cloud");
    g.writeStringField("provider", "AWS");
    if (arn != null) {
      g.writeStringField("region", arn.region);
      g.writeObjectFieldStart("account");
      g.writeStringField("uid", arn.account);
      g.writeEndObject();
    }
    g.writeEndObject();
    if (!inv.requestId().isEmpty()) {
      g.writeObjectFieldStart("api");
      g.writeStringField("operation", "Invoke");
      g.writeObjectFieldStart("service");
      g.writeStringField("name", "lambda");
      g.writeEndObject();
      g.writeObjectFieldStart("request");
      g.writeStringField("uid", platform(inv.requestId()));
      g.writeEndObject();
      g.writeEndObject();
    }

    if (!inv.functionName().isEmpty()) {
      g.writeArrayFieldStart("resources");
      g.writeStartObject();
      g.writeStringField("name", platform(inv.functionName()));
      g.writeStringField("type", "AWS::Lambda::Function");
      if (!inv.functionArn().isEmpty()) {
        g.writeStringField("uid", platform(inv.functionArn()));
      }
      if (!inv.functionVersion().isEmpty()) {
        g.writeStringField("version", platform(inv.functionVersion()));
      }
      if (arn != null) {
        g.writeStringField("region", arn.region);
        g.writeStringField("cloud_partition", arn.partition);
      }
      g.writeEndObject();
      g.writeEndArray();
    }

    if (f != null) {
      // Evidence Artifacts (schema.ocsf.io/1.3.0/objects/evidences): what, where, and from whom.
      g.writeArrayFieldStart("evidences");
      g.writeStartObject();
      g.writeObjectFieldStart("data");
      g.writeStringField("detector", f.detector());
      g.writeStringField("rule", f.rule());
      g.writeStringField("source", f.source().id());
      g.writeStringField("location", safe(f.location(), redactor));
      g.writeStringField("excerpt", Encode.forHtml(Evidence.sanitize(f.evidence(), f.location(), redactor)));
      g.writeEndObject();
      writeHttp(g, inv.request(), redactor);
      g.writeEndObject();
      g.writeEndArray();
    }

    // Warden's own names, flat and stable, for grep and for SIEMs that keep OCSF's unmapped bag.
    g.writeObjectFieldStart("unmapped");
    g.writeStringField("warden_event", e.kind());
    g.writeStringField("disposition", e.disposition());
    g.writeStringField("function", platform(inv.functionName()));
    g.writeStringField("request_id", platform(inv.requestId()));
    g.writeStringField("trigger", platform(inv.trigger()));
    if (f != null) {
      g.writeStringField("detector", f.detector());
      g.writeStringField("rule", f.rule());
      g.writeStringField("location", safe(f.location(), redactor));
    }
    if (!e.counts().isEmpty()) {
      g.writeObjectFieldStart("counts");
      for (Map.Entry<String, Long> c : e.counts().entrySet()) {
        g.writeNumberField(safe(c.getKey(), redactor), c.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeHttp(JsonLine g, Map<String, String> req, Redactor redactor) {
    String ip = req.get("source-ip");
    if (ip != null && !ip.isEmpty()) {
      g.writeObjectFieldStart("src_endpoint");
      g.writeStringField("ip", safe(ip, redactor));
      g.writeEndObject();
    }
    String method = req.get("method");
    String path = req.get("path");
    String ua = req.get("user-agent");
    if (method != null || path != null || ua != null) {
      g.writeObjectFieldStart("http_request");
      if (method != null) {
        g.writeStringField("http_method", safe(method, redactor));
      }
      if (path != null) {
        g.writeObjectFieldStart("url");
        g.writeStringField("path", safe(path, redactor));
        g.writeEndObject();
      }
      if (ua != null) {
        g.writeStringField("user_agent", safe(ua, redactor));
      }
      g.writeEndObject();
    }
  }

  /**
   * A value the platform supplied (request id, function name, version, ARN, trigger id): not
   * attacker-controlled, so not redacted (a function called {@code token-service} keeps its ARN
   * intact for correlation), but still bounded, neutralised and HTML-encoded like everything else.
   */
  static String platform(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), 256));
    for (int i = 0; i < s.length() && i < 256; i++) {
      Evidence.appendNeutral(b, s.charAt(i));
    }
    return Encode.forHtml(b.toString());
  }

  /** Untrusted text as it may appear in an event: redacted, bounded, neutralised, HTML-encoded. */
  static String safe(String s, Redactor redactor) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    try (Redactor.Scope ignored = Redactor.bind(redactor)) {
      return Encode.forHtml(Evidence.excerpt(s, 0, 0));
    }
  }

  private static String title(SecurityEvent e, Finding f) {
    switch (e.kind()) {
      case SecurityEvent.GUARD_ERROR:
        return "Warden guard error";
      case SecurityEvent.SUPPRESSED:
        return "Security events suppressed by flood control";
      default:
        if (f == null) {
          return e.kind();
        }
        if (Policy.LIMIT_DETECTOR.equals(f.detector())) {
          return "Inspection limit exceeded: " + f.rule();
        }
        return (SecurityEvent.GUARD_VIOLATION.equals(e.kind()) ? "Runtime guard " : "Attack detected: ")
            + f.detector() + " (" + f.rule() + ") in " + f.source().id();
    }
  }

  private static String message(SecurityEvent e, Finding f, Redactor redactor) {
    if (f == null) {
      return Encode.forHtml(Evidence.excerpt(e.message(), 0, 0));
    }
    String what = f.detector() + " (" + f.rule() + ") at " + safe(f.location(), redactor);
    switch (e.disposition()) {
      case "blocked":
        return what + ": invocation refused";
      case "alerted":
        return what + ": alert only, invocation continues";
      default:
        return what + ": " + e.disposition();
    }
  }

  /** OCSF outcome attributes for an event. */
  private record Outcome(int severityId, String severity, int actionId, String action, int dispositionId,
      String disposition) {}

  private static Outcome outcome(SecurityEvent e) {
    boolean blocked = "blocked".equals(e.disposition());
    Finding f = e.finding();
    switch (e.kind()) {
      case SecurityEvent.GUARD_ERROR:
        // Disposition 27 "Error": Warden's own failure; the action says whether the call went on.
        return blocked ? new Outcome(3, "Medium", 2, "Denied", 27, "Error")
            : new Outcome(2, "Low", 1, "Allowed", 27, "Error");
      case SecurityEvent.SUPPRESSED:
        // Action unknown (the withheld events had several), disposition 20 "Count".
        return new Outcome(3, "Medium", 0, "Unknown", 20, "Count");
      default:
        boolean limit = f != null && Policy.LIMIT_DETECTOR.equals(f.detector());
        if (blocked) {
          return limit ? new Outcome(3, "Medium", 2, "Denied", 2, "Blocked")
              : new Outcome(4, "High", 2, "Denied", 2, "Blocked");
        }
        if ("alerted".equals(e.disposition())) {
          return limit ? new Outcome(2, "Low", 1, "Allowed", 19, "Alert")
              : new Outcome(3, "Medium", 1, "Allowed", 19, "Alert");
        }
        return new Outcome(2, "Low", 1, "Allowed", 15, "Detected");
    }
  }

  /** A stable id: the same event rendered twice gets the same uid; different events differ. */
  private static String uid(SecurityEvent e) {
    Finding f = e.finding();
    String key = e.kind() + '\n' + e.time().toEpochMilli() + '.' + e.time().getNano() + '\n'
        + e.invocation().requestId() + '\n' + e.invocation().functionArn() + '\n'
        + (f == null ? e.message() : f.detector() + '\n' + f.rule() + '\n' + f.location());
    return nameUuid(key);
  }

  /**
   * A name-based UUID (RFC 9562 version 8, "custom") from two independent 64-bit hashes of
   * {@code key}: the same event always gets the same uid, different events get different ones in
   * practice. Not {@link UUID#nameUUIDFromBytes} (MD5): the first {@code MessageDigest} loads and
   * initialises the JDK's security providers, tens of classes on the cold-start path for a name
   * that guards nothing.
   */
  static String nameUuid(String key) {
    long a = 0xCBF29CE484222325L;
    long b = 0x9E3779B97F4A7C15L;
    for (int i = 0, n = key.length(); i < n; i++) {
      char c = key.charAt(i);
      a = (a ^ c) * 0x100000001B3L; // FNV-1a
      b = Long.rotateLeft(b ^ c, 27) * 0xC2B2AE3D27D4EB4FL;
    }
    a = mix(a ^ key.length());
    b = mix(b ^ a);
    long msb = (a & ~0xF000L) | 0x8000L; // version 8
    long lsb = (b & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(msb, lsb).toString();
  }

  /** The SplitMix64 finaliser: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String productVersion() {
    String v = EventJson.class.getPackage() == null ? null : EventJson.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "dev" : v;
  }

  /** The parts of a Lambda function ARN: arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]. */
  static final class Arn {
    final String partition;
    final String region;
    final String account;

    private Arn(String partition, String region, String account) {
      this.partition = partition;
      this.region = region;
      this.account = account;
    }

    /** Null unless {@code arn} has the shape of a Lambda function ARN with plain region and account. */
    static Arn parse(String arn) {
      if (arn == null || arn.length() > 256 || !arn.startsWith("arn:")) {
        return null;
      }
      String[] p = arn.split(":", 7);
      if (p.length < 7 || !"lambda".equals(p[2]) || !"function".equals(p[5])) {
        return null;
      }
      if (!plain(p[1]) || !plain(p[3]) || p[4].length() != 12 || !p[4].chars().allMatch(Character::isDigit)) {
        return null;
      }
      return new Arn(p[1], p[3], p[4]);
    }

    private static boolean plain(String s) {
      if (s.isEmpty() || s.length() > 32) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
          return false;
        }
      }
      return true;
    }
  }
}
