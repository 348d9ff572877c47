package dev.warden.lambda.extract;

import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import java.util.Locale;

/**
 * {@code multipart/form-data} bodies (RFC 7578): each part's field name, its file name (an
 * uploader picks it: path traversal and stored XSS live there) and its value, at
 * {@code body.<field>} and {@code body.<field>.filename}. File contents of binary types are skipped
 * and the skip recorded; text parts are inspected like a body of their own type.
 *
 * <p>Bounded and linear: the boundary is at most 70 characters (RFC 2046 section 5.1.1), the
 * scan moves forward only, and it stops when the collector is full. A body without a usable
 * boundary is {@code limit-exceeded/malformed-body}.
 */
final class Multipart {

  /** RFC 2046 section 5.1.1: "boundary := 0*69&lt;bchars&gt; bcharsnospace". */
  static final int MAX_BOUNDARY = 70;

  private Multipart() {}

  static void parse(String body, String contentType, InputCollector out) {
    String boundary = param(contentType, "boundary");
    if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
      out.exceeded("malformed-body", Source.BODY, "body", "multipart body without a usable boundary");
      out.value(Source.BODY, "body", body);
      return;
    }
    String delimiter = "--" + boundary;
    int at = body.indexOf(delimiter);
    int parts = 0;
    while (at >= 0 && !out.full()) {
      int start = at + delimiter.length();
      if (body.startsWith("--", start)) {
        return; // close delimiter
      }
      int next = body.indexOf(delimiter, start);
      int end = next < 0 ? body.length() : next;
      part(body, start, end, parts++, out);
      at = next;
    }
  }

  /** One part between {@code start} (after the delimiter) and {@code end} (the next delimiter). */
  private static void part(String body, int start, int end, int index, InputCollector out) {
    int headersStart = skipLineBreak(body, start);
    int blank = body.indexOf("\r\n\r\n", headersStart);
    int sep = 4;
    int lfBlank = body.indexOf("\n\n", headersStart);
    if (lfBlank >= 0 && lfBlank < end && (blank < 0 || lfBlank < blank)) {
      blank = lfBlank;
      sep = 2;
    }
    if (blank < 0 || blank >= end) {
      return;
    }
    String name = null;
    String filename = null;
    String type = "";
    int line = headersStart;
    while (line < blank) {
      int eol = body.indexOf('\n', line);
      if (eol < 0 || eol > blank) {
        eol = blank;
      }
      String h = body.substring(line, eol).trim();
      int colon = h.indexOf(':');
      if (colon > 0) {
        String hn = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String hv = h.substring(colon + 1).trim();
        if (hn.equals("content-disposition")) {
          name = param(hv, "name");
          filename = param(hv, "filename");
        } else if (hn.equals("content-type")) {
          type = hv.toLowerCase(Locale.ROOT);
        }
      }
      line = eol + 1;
    }
    int contentStart = blank + sep;
    int contentEnd = end;
    // The line break before the next delimiter belongs to the delimiter (RFC 2046 section 5.1.1).
    if (contentEnd >= 2 && body.startsWith("\r\n", contentEnd - 2) && contentEnd - 2 >= contentStart) {
      contentEnd -= 2;
    } else if (contentEnd >= 1 && body.charAt(contentEnd - 1) == '\n' && contentEnd - 1 >= contentStart) {
      contentEnd -= 1;
    }
    String field = name == null || name.isEmpty() ? "part[" + index + "]" : cut(name);
    String path = "body." + field;
    if (name != null) {
      out.name(Source.BODY, path, name);
    }
    if (filename != null) {
      out.value(Source.BODY, path + ".filename", filename);
    }
    String content = body.substring(contentStart, Math.max(contentStart, contentEnd));
    if (Http.binary(type)) {
      out.skipped(Source.BODY, path, "binary part content-type " + Http.mediaType(type));
      return;
    }
    if (Http.mediaType(type).endsWith("json") || (type.isEmpty() && filename == null)) {
      Payload.text(content, Source.BODY, path, out);
    } else {
      out.value(Source.BODY, path, content);
    }
  }

  private static int skipLineBreak(String s, int i) {
    if (s.startsWith("\r\n", i)) {
      return i + 2;
    }
    return s.startsWith("\n", i) ? i + 1 : i;
  }

  /**
   * A parameter of a header value: {@code name="x"} or {@code name=x}, case-insensitive name,
   * quotes removed (backslash escapes honoured). Linear; no regular expression.
   */
  static String param(String header, String wanted) {
    if (header == null) {
      return null;
    }
    int i = header.indexOf(';');
    while (i >= 0 && i < header.length()) {
      int p = i + 1;
      while (p < header.length() && header.charAt(p) == ' ') {
        p++;
      }
      int eq = header.indexOf('=', p);
      if (eq < 0) {
        return null;
      }
      String key = header.substring(p, eq).trim();
      int v = eq + 1;
      StringBuilder value = new StringBuilder();
      int after;
      if (v < header.length() && header.charAt(v) == '"') {
        int k = v + 1;
        while (k < header.length() && header.charAt(k) != '"') {
          if (header.charAt(k) == '\\' && k + 1 < header.length()) {
            k++;
          }
          value.append(header.charAt(k));
          k++;
        }
        after = header.indexOf(';', k);
      } else {
        int semi = header.indexOf(';', v);
        value.append(header, v, semi < 0 ? header.length() : semi);
        after = semi;
      }
      if (key.equalsIgnoreCase(wanted)) {
        return value.toString().trim();
      }
      i = after;
    }
    return null;
  }

  private static String cut(String s) {
    return s.length() > 128 ? s.substring(0, 128) : s;
  }
}
