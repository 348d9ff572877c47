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
 * Warden's own bounded JSON reading. {@link JsonText} (and, for trees, jackson-core's
 * {@link StreamReadConstraints}) cap nesting, string, number and name sizes whatever the caller
 * asks, and the walker streams tokens instead of building a tree, so a hostile document costs
 * time linear in its size and memory proportional to its depth. Thread-safe.
 */
public final class Json {

  /**
   * A bounded mapper for reading whole documents (stream handlers' events, POJOs walked
   * generically). Created on first use: building an {@code ObjectMapper} loads about 400
   * classes, which typed handlers, whose events Warden walks with the streaming parser alone,
   * never need at cold start.
   */
  public static ObjectMapper mapper() {
    return MapperHolder.MAPPER;
  }

  /**
   * jackson-core's factory for the mapper and for parsers over trees, bounded like
   * {@link JsonText}. In a holder: bodies are read by {@link JsonText}, so most functions never
   * load jackson-core at all.
   */
  static JsonFactory factory() {
    return FactoryHolder.FACTORY;
  }

  private static final class FactoryHolder {
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
            .maxNestingDepth(JsonText.MAX_DEPTH)
            .maxNumberLength(JsonText.MAX_NUMBER)
            .maxStringLength(JsonText.MAX_STRING)
            .maxNameLength(JsonText.MAX_NAME)
            .build())
        .build();
  }

  /** Lazy holder: the JVM initialises it, once and thread-safely, on the first {@link #mapper()}. */
  private static final class MapperHolder {
    static final ObjectMapper MAPPER = new ObjectMapper(FactoryHolder.FACTORY);
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
   * raw text); limit violations are recorded in the collector, never thrown. Reads with
   * {@link JsonText}, not jackson-core, so a cold start with a JSON body loads no parser.
   */
  public static boolean walk(String json, Source source, String root, InputCollector out) {
    return walk(new JsonText(json), source, root, out);
  }

  /**
   * As {@link #walk(String, Source, String, InputCollector)}, over UTF-8 bytes. Bytes that are not
   * UTF-8 are not a JSON text (RFC 8259, section 8.1): false. A leading byte order mark is
   * ignored, as jackson-core ignores it.
   */
  public static boolean walk(byte[] json, Source source, String root, InputCollector out) {
    String text = utf8(json);
    return text != null && walk(text, source, root, out);
  }

  /** Walks the tokens of a jackson-core parser (a tree from data binding, for instance). */
  static boolean walk(JsonParser p, Source source, String root, InputCollector out) {
    return walk(new JacksonTokens(p), source, root, out);
  }

  private static boolean walk(JsonTokens p, Source source, String root, InputCollector out) {
    int cap = 16;
    String[] names = new String[cap];
    int[] index = new int[cap];
    boolean[] array = new boolean[cap];
    // The path of the container open at each depth, and of its current member: each location is
    // its container's path and one step, built once and shared by a key and its value.
    String[] container = new String[cap];
    String[] member = new String[cap];
    int depth = 0;
    JsonTokens.Kind t;
    try {
      while ((t = p.next()) != null) {
        switch (t) {
          case START_OBJECT:
          case START_ARRAY: {
            String here;
            if (depth == 0) {
              here = root;
            } else if (array[depth]) {
              index[depth]++;
              here = element(container[depth], index[depth]);
            } else {
              here = member[depth] != null ? member[depth] : container[depth];
            }
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
              container = java.util.Arrays.copyOf(container, cap);
              member = java.util.Arrays.copyOf(member, cap);
            }
            array[depth] = t == JsonTokens.Kind.START_ARRAY;
            index[depth] = -1;
            names[depth] = null;
            container[depth] = here;
            member[depth] = null;
            break;
          }
          case END_OBJECT:
          case END_ARRAY:
            depth--;
            break;
          case FIELD_NAME:
            names[depth] = p.text();
            member[depth] = field(container[depth], names[depth]);
            if (!out.name(source, member[depth], names[depth])) {
              return true;
            }
            break;
          case VALUE_STRING: {
            String at;
            if (depth == 0) {
              at = root;
            } else if (array[depth]) {
              index[depth]++;
              at = element(container[depth], index[depth]);
            } else {
              at = member[depth] != null ? member[depth] : container[depth];
            }
            if (!out.value(source, at, p.text())) {
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
    } catch (JsonText.TooLarge e) {
      out.exceeded("max-depth", source, root, "document exceeds parser limits");
    } catch (RuntimeException e) {
      return false;
    }
    return true;
  }

  /** Outcome of {@link #scan}. */
  public enum Scan { OK, TOO_DEEP, INVALID }

  /**
   * Checks a document's nesting against {@code maxDepth} without building anything, before a
   * less careful parser (the runtime's) sees it. Linear in the size; memory proportional to the
   * nesting it allows.
   */
  public static Scan scan(byte[] json, int maxDepth) {
    String text = utf8(json);
    if (text == null) {
      return Scan.INVALID;
    }
    try {
      JsonText p = new JsonText(text);
      int depth = 0;
      JsonTokens.Kind t;
      while ((t = p.next()) != null) {
        if (t == JsonTokens.Kind.START_OBJECT || t == JsonTokens.Kind.START_ARRAY) {
          if (++depth > maxDepth) {
            return Scan.TOO_DEEP;
          }
        } else if (t == JsonTokens.Kind.END_OBJECT || t == JsonTokens.Kind.END_ARRAY) {
          depth--;
        }
      }
      return Scan.OK;
    } catch (JsonText.TooLarge e) {
      return Scan.TOO_DEEP;
    } catch (RuntimeException e) {
      return Scan.INVALID;
    }
  }

  /** Strictly decoded UTF-8 without a leading byte order mark, or null for malformed bytes. */
  private static String utf8(byte[] b) {
    int from = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    try {
      return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b, from, b.length - from)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  /** jackson-core's tokens in {@link JsonTokens} terms; loaded only where a parser exists. */
  private static final class JacksonTokens implements JsonTokens {
    private final JsonParser p;

    JacksonTokens(JsonParser p) {
      this.p = p;
    }

    @Override
    public Kind next() {
      try {
        JsonToken t = p.nextToken();
        if (t == null) {
          return null;
        }
        // Not a switch: its synthetic map class would be shared with the walker's switch and
        // load jackson-core's token type wherever a body is walked.
        return t == JsonToken.START_OBJECT ? Kind.START_OBJECT
            : t == JsonToken.START_ARRAY ? Kind.START_ARRAY
            : t == JsonToken.END_OBJECT ? Kind.END_OBJECT
            : t == JsonToken.END_ARRAY ? Kind.END_ARRAY
            : t == JsonToken.FIELD_NAME ? Kind.FIELD_NAME
            : t == JsonToken.VALUE_STRING ? Kind.VALUE_STRING
            : Kind.VALUE_OTHER;
      } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
        throw new JsonText.TooLarge();
      } catch (IOException e) {
        throw new JsonText.Malformed();
      }
    }

    @Override
    public String text() {
      try {
        return p.getText();
      } catch (IOException e) {
        throw new JsonText.Malformed();
      }
    }

    @Override
    public void skipChildren() {
      try {
        p.skipChildren();
      } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
        throw new JsonText.TooLarge();
      } catch (IOException e) {
        throw new JsonText.Malformed();
      }
    }
  }

  /** Location of a member: {@code container.key}. Keys are cut to 128 characters. */
  private static String field(String container, String key) {
    int n = Math.min(key.length(), 128);
    return new StringBuilder(container.length() + 1 + n).append(container).append('.').append(key, 0, n).toString();
  }

  /** Location of an array element: {@code container[i]}. */
  private static String element(String container, int i) {
    return new StringBuilder(container.length() + 8).append(container).append('[').append(Math.max(i, 0))
        .append(']').toString();
  }
}
