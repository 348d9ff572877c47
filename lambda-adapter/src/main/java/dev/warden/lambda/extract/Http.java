package dev.warden.lambda.extract;

import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts every HTTP trigger shares: headers, query parameters, cookies and bodies. Each method
 * adds values to the collector under stable locations ({@code header.user-agent},
 * {@code query.id}, {@code cookie.session}, {@code body.items[0].name}) and never throws.
 */
final class Http {

  /** Content types whose bodies are binary: skipped, because text detectors mean nothing there. */
  private static final List<String> BINARY_PREFIXES = List.of(
      "image/", "audio/", "video/", "font/", "application/octet-stream", "application/pdf",
      "application/zip", "application/gzip", "application/x-protobuf", "application/vnd.");

  private Http() {}

  static void headers(Map<String, String> single, Map<String, List<String>> multi, InputCollector out) {
    if (multi != null && !multi.isEmpty()) {
      for (Map.Entry<String, List<String>> e : multi.entrySet()) {
        String name = lower(e.getKey());
        if (name.equals("cookie") && e.getValue() != null) {
          for (String c : e.getValue()) {
            cookieHeader(c, out);
          }
        }
        if (out.ignoresHeader(name) || e.getValue() == null) {
          continue;
        }
        values(Source.HEADER, "header." + name, e.getValue(), out);
      }
      return;
    }
    if (single == null) {
      return;
    }
    for (Map.Entry<String, String> e : single.entrySet()) {
      String name = lower(e.getKey());
      if (name.equals("cookie")) {
        cookieHeader(e.getValue(), out);
      }
      if (!out.ignoresHeader(name)) {
        out.value(Source.HEADER, "header." + name, e.getValue());
      }
    }
  }

  static void query(Map<String, String> single, Map<String, List<String>> multi, InputCollector out) {
    if (multi != null && !multi.isEmpty()) {
      for (Map.Entry<String, List<String>> e : multi.entrySet()) {
        String name = e.getKey() == null ? "" : e.getKey();
        out.name(Source.QUERY, "query." + name, name);
        if (e.getValue() != null) {
          values(Source.QUERY, "query." + name, e.getValue(), out);
        }
      }
      return;
    }
    if (single == null) {
      return;
    }
    for (Map.Entry<String, String> e : single.entrySet()) {
      String name = e.getKey() == null ? "" : e.getKey();
      out.name(Source.QUERY, "query." + name, name);
      out.value(Source.QUERY, "query." + name, e.getValue());
    }
  }

  static void pathParameters(Map<String, String> params, InputCollector out) {
    if (params == null) {
      return;
    }
    for (Map.Entry<String, String> e : params.entrySet()) {
      out.value(Source.PATH, "path." + e.getKey(), e.getValue());
    }
  }

  /** {@code Cookie: a=1; b=2} → {@code cookie.a}, {@code cookie.b}. */
  static void cookieHeader(String header, InputCollector out) {
    if (header == null) {
      return;
    }
    int i = 0;
    while (i < header.length() && !out.full()) {
      int semi = header.indexOf(';', i);
      int end = semi < 0 ? header.length() : semi;
      cookie(header.substring(i, end).trim(), out);
      i = end + 1;
    }
  }

  /** One {@code name=value} cookie. */
  static void cookie(String pair, InputCollector out) {
    if (pair == null || pair.isEmpty()) {
      return;
    }
    int eq = pair.indexOf('=');
    String name = eq < 0 ? pair : pair.substring(0, eq).trim();
    String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
    out.value(Source.COOKIE, "cookie." + name, value);
  }

  /**
   * The request body: base64 undone, then walked as JSON, split as a form or multipart body, or
   * inspected as text (XML whole, so XXE declarations stay visible, and plain text). Binary content
   * types are skipped and the skip recorded on the verdict. A body marked JSON that does not parse
   * is {@code limit-exceeded/malformed-body} (and still inspected as text).
   */
  static void body(String body, boolean base64, String contentType, InputCollector out) {
    if (body == null || body.isEmpty()) {
      return;
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (!out.size(base64 ? (long) body.length() * 3 / 4 : body.length(), Source.BODY, "body")) {
      return;
    }
    if (binary(type)) {
      out.skipped(Source.BODY, "body", "binary content-type " + mediaType(type));
      return;
    }
    String text = body;
    if (base64) {
      try {
        text = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        out.exceeded("malformed-body", Source.BODY, "body", "body is marked base64 but does not decode");
        return;
      }
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      form(text, out);
      return;
    }
    if (type.startsWith("multipart/form-data")) {
      Multipart.parse(text, contentType, out);
      return;
    }
    boolean declaredJson = mediaType(type).endsWith("json");
    if ((declaredJson || type.isEmpty() || type.startsWith("text/plain")) && Json.looksLikeJson(text)) {
      if (Json.walk(text, Source.BODY, "body", out)) {
        return;
      }
    }
    if (declaredJson) {
      // A server that parses the body as JSON rejects it; an attacker probing parser differentials
      // sends exactly this. Reported so the policy can answer 400, and inspected as text anyway.
      out.exceeded("malformed-body", Source.BODY, "body", "body is declared JSON but does not parse");
    }
    out.value(Source.BODY, "body", text);
  }

  /**
   * The media type without parameters, cut to 64 characters of token characters: safe to put in a
   * skip note (the header is attacker-chosen).
   */
  static String mediaType(String lowerType) {
    int semi = lowerType.indexOf(';');
    String t = (semi < 0 ? lowerType : lowerType.substring(0, semi)).trim();
    StringBuilder sb = new StringBuilder(Math.min(t.length(), 64));
    for (int i = 0; i < t.length() && sb.length() < 64; i++) {
      char c = t.charAt(i);
      sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "/+-.".indexOf(c) >= 0 ? c : '_');
    }
    return sb.toString();
  }

  /** {@code a=1&b=2}, URL-decoded once as a server would, into {@code body.a}, {@code body.b}. */
  static void form(String text, InputCollector out) {
    int i = 0;
    while (i <= text.length() && !out.full()) {
      int amp = text.indexOf('&', i);
      int end = amp < 0 ? text.length() : amp;
      String pair = text.substring(i, end);
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
        out.name(Source.BODY, "body." + name, name);
        out.value(Source.BODY, "body." + name, value);
      }
      i = end + 1;
    }
  }

  private static String formDecode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    return new dev.warden.normalize.PercentDecoder().decode(s.replace('+', ' '));
  }

  private static void values(Source source, String path, List<String> values, InputCollector out) {
    int k = 0;
    for (String v : values) {
      out.value(source, k == 0 ? path : path + "[" + k + "]", v);
      k++;
    }
  }

  static boolean binary(String lowerType) {
    String media = mediaType(lowerType);
    if (media.endsWith("json") || media.endsWith("xml")) {
      // Structured-syntax suffixes (RFC 6839): application/vnd.api+json is JSON, not binary.
      return false;
    }
    for (String p : BINARY_PREFIXES) {
      if (lowerType.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  /** Case-insensitive header lookup. */
  static String header(Map<String, String> headers, String name) {
    if (headers == null) {
      return null;
    }
    String v = headers.get(name);
    if (v != null) {
      return v;
    }
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (name.equalsIgnoreCase(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Case-insensitive lookup of the first value in a multi-value map. */
  static String header(Map<String, String> single, Map<String, List<String>> multi, String name) {
    String v = header(single, name);
    if (v != null || multi == null) {
      return v;
    }
    for (Map.Entry<String, List<String>> e : multi.entrySet()) {
      if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }
}
