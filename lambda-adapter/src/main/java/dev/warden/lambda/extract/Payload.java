package dev.warden.lambda.extract;

import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * Message payloads shared by the non-HTTP extractors: text that may be JSON, base64 that may hide
 * text, gzip that may hide a bomb. Every method is bounded by the collector's limits, records a
 * {@code limit-exceeded} finding or a skip note instead of throwing, and is linear in its input.
 */
final class Payload {

  private Payload() {}

  /** Text that is walked as JSON when it is a JSON object or array, else inspected whole at {@code path}. */
  static void text(String text, Source source, String path, InputCollector out) {
    if (text == null || text.isEmpty()) {
      return;
    }
    if (Json.looksLikeJson(text) && Json.walk(text, source, path, out)) {
      return;
    }
    out.value(source, path, text);
  }

  /**
   * Bytes that are text when they decode as strict UTF-8 (then as {@link #text}); anything else is
   * binary: skipped, and the skip recorded, because text detectors mean nothing on it.
   */
  static void bytes(byte[] data, Source source, String path, InputCollector out) {
    if (data == null || data.length == 0) {
      return;
    }
    if (!out.size(data.length, source, path)) {
      return;
    }
    String s = utf8(data);
    if (s == null) {
      out.skipped(source, path, "binary data (not UTF-8 text)");
      return;
    }
    text(s, source, path, out);
  }

  /** {@link #bytes} of a ByteBuffer, without disturbing its position. */
  static void bytes(ByteBuffer buffer, Source source, String path, InputCollector out) {
    if (buffer == null) {
      return;
    }
    ByteBuffer b = buffer.duplicate();
    byte[] data = new byte[b.remaining()];
    b.get(data);
    bytes(data, source, path, out);
  }

  /** Base64 text (Kafka values, CloudWatch Logs data) decoded, then as {@link #bytes}. */
  static void base64(String encoded, Source source, String path, InputCollector out) {
    byte[] data = decodeBase64(encoded, source, path, out);
    if (data != null) {
      bytes(data, source, path, out);
    }
  }

  /** Decoded base64, or null (size limit recorded, or a skip note when it is not base64). */
  static byte[] decodeBase64(String encoded, Source source, String path, InputCollector out) {
    if (encoded == null || encoded.isEmpty()) {
      return null;
    }
    if (!out.size((long) encoded.length() * 3 / 4, source, path)) {
      return null;
    }
    try {
      return Base64.getMimeDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      out.skipped(source, path, "not base64");
      return null;
    }
  }

  /**
   * Inflates gzip data, stopping at {@code maxDecompressedBytes}: a gzip bomb costs at most that
   * much memory and time, and yields {@code limit-exceeded/decompressed-size}. Returns null when
   * the limit was hit or the data is not gzip (recorded as {@code malformed-body}).
   */
  static byte[] gunzip(byte[] data, Source source, String path, InputCollector out) {
    ByteArrayOutputStream inflated = new ByteArrayOutputStream(Math.min(data.length * 4, 1 << 16));
    byte[] buf = new byte[8192];
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data), 8192)) {
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (!out.decompressed(total, source, path)) {
          return null;
        }
        inflated.write(buf, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      out.exceeded("malformed-body", source, path, "data is not valid gzip");
      return null;
    }
    return inflated.toByteArray();
  }

  /** Strict UTF-8 decoding; null when the bytes are not UTF-8 text (or contain NUL, a binary tell). */
  static String utf8(byte[] data) {
    for (byte b : data) {
      if (b == 0) {
        return null;
      }
    }
    try {
      CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data));
      return cb.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
