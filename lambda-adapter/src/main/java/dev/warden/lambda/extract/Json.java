package dev.warden.lambda.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import java.io.IOException;

/**
 * Warden's own bounded JSON reading. The factory's {@link StreamReadConstraints} cap nesting,
 * string, number and name sizes whatever the caller asks, and the walker streams tokens instead of
 * building a tree, so a hostile document costs time linear in its size and memory proportional to
 * its depth. Thread-safe.
 */
public final class Json {

  /** Hard nesting cap of the parser itself; the policy's maxDepth (smaller) is checked first. */
  static final int PARSER_MAX_DEPTH = 1000;

  /*
   * Field-name canonicalization and interning are off: they pay off when the same few names repeat
   * over many documents, but a hostile document with a million distinct names made the symbol
   * table and String.intern() dominate (16 s to scan 14 MB on JDK 17, 0.7 s
   * without), and a canonicalizing table is the classic target of hash-collision floods.
   */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(PARSER_MAX_DEPTH)
          .maxNumberLength(1000)
          .maxStringLength(16 * 1024 * 1024)
          .maxNameLength(64 * 1024)
          .build())
      .build();

  /**
   * A bounded mapper for reading whole documents (stream handlers' events, POJOs walked
   * generically). Created on first use: building an {@code ObjectMapper} loads about 400
   * classes, which typed handlers, whose events Warden walks with the streaming parser alone,
   * never need at cold start.
   */
  public static ObjectMapper mapper() {
    return MapperHolder.MAPPER;
  }

  /** Lazy holder: the JVM initialises it, once and thread-safely, on the first {@link #mapper()}. */
  private static final class MapperHolder {
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
  }

  private Json() {}

  /** Cheap sniff: does the text look like a JSON object or array? */
  static boolean looksLikeJson(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{' || c == '[') {
        return true;
      }
      if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return false;
  }

  /**
   * Walks a JSON document, adding every string value (and every field name) to {@code out} under
   * {@code root}: {@code body.items[2].name}. Numbers, booleans and nulls carry no injection and
   * are skipped. Returns false when the document is not valid JSON (the caller then inspects the
   * raw text); limit violations are recorded in the collector, never thrown.
   */
  public static boolean walk(String json, Source source, String root, InputCollector out) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return walk(p, source, root, out);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** As {@link #walk(String, Source, String, InputCollector)}, over raw UTF-8 bytes. */
  public static boolean walk(byte[] json, Source source, String root, InputCollector out) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return walk(p, source, root, out);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static boolean walk(JsonParser p, Source source, String root, InputCollector out) throws IOException {
    int cap = 16;
    String[] names = new String[cap];
    int[] index = new int[cap];
    boolean[] array = new boolean[cap];
    int depth = 0;
    JsonToken t;
    try {
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case START_OBJECT:
          case START_ARRAY: {
            if (depth > 0 && array[depth]) {
              index[depth]++;
            }
            String here = depth == 0 ? root : path(root, names, index, array, depth);
            if (!out.depth(depth + 1, source, here)) {
              p.skipChildren();
              break;
            }
            depth++;
            if (depth >= cap) {
              cap *= 2;
              names = java.util.Arrays.copyOf(names, cap);
              index = java.util.Arrays.copyOf(index, cap);
              array = java.util.Arrays.copyOf(array, cap);
            }
            array[depth] = t == JsonToken.START_ARRAY;
            index[depth] = -1;
            names[depth] = null;
            break;
          }
          case END_OBJECT:
          case END_ARRAY:
            depth--;
            break;
          case FIELD_NAME:
            names[depth] = p.currentName();
            if (!out.name(source, path(root, names, index, array, depth), names[depth])) {
              return true;
            }
            break;
          case VALUE_STRING: {
            if (array[depth]) {
              index[depth]++;
            }
            if (!out.value(source, path(root, names, index, array, depth), p.getText())) {
              return true;
            }
            break;
          }
          default:
            if (depth > 0 && array[depth]) {
              index[depth]++;
            }
            break;
        }
      }
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      out.exceeded("max-depth", source, root, "document exceeds parser limits");
    }
    return true;
  }

  /** Outcome of {@link #scan}. */
  public enum Scan { OK, TOO_DEEP, INVALID }

  /**
   * Checks a document's nesting against {@code maxDepth} without building anything, before a
   * less careful parser (the runtime's) sees it. Linear in the size; memory constant.
   */
  public static Scan scan(byte[] json, int maxDepth) {
    try (JsonParser p = FACTORY.createParser(json)) {
      int depth = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          if (++depth > maxDepth) {
            return Scan.TOO_DEEP;
          }
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        }
      }
      return Scan.OK;
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      return Scan.TOO_DEEP;
    } catch (IOException | RuntimeException e) {
      return Scan.INVALID;
    }
  }

  /** Location of the current token: {@code root.a.b[3].c}. Keys are cut to 128 characters. */
  private static String path(String root, String[] names, int[] index, boolean[] array, int depth) {
    StringBuilder sb = new StringBuilder(root.length() + 16 * depth);
    sb.append(root);
    for (int d = 1; d <= depth; d++) {
      if (array[d]) {
        sb.append('[').append(Math.max(index[d], 0)).append(']');
      } else if (names[d] != null) {
        String n = names[d];
        sb.append('.').append(n, 0, Math.min(n.length(), 128));
      }
    }
    return sb.toString();
  }
}
