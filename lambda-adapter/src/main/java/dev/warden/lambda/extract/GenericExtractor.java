package dev.warden.lambda.extract;

import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Any other event: {@code String}, {@code Map}, {@code List}, arrays, Jackson trees and POJOs
 * (read through Warden's bounded mapper), walked generically. Locations start at {@code event}:
 * {@code event.order.note}, {@code event.items[1]}. Cycles in object graphs are cut.
 */
final class GenericExtractor implements Extractor<Object> {

  @Override
  public Class<Object> type() {
    return Object.class;
  }

  @Override
  public String trigger() {
    return "generic";
  }

  @Override
  public void extract(Object event, InputCollector out) {
    walk(event, "event", out);
  }

  /** Walks any object graph under {@code root} (other extractors use it for free-form parts). */
  static void walk(Object o, String root, InputCollector out) {
    walk(o, root, 1, out, new IdentityHashMap<>());
  }

  private static void walk(Object o, String path, int depth, InputCollector out, IdentityHashMap<Object, Boolean> seen) {
    if (o == null || out.full()) {
      return;
    }
    if (o instanceof CharSequence) {
      out.value(Source.OTHER, path, o.toString());
      return;
    }
    if (o instanceof Number || o instanceof Boolean || o instanceof Character || o instanceof Enum) {
      return;
    }
    if (o instanceof byte[]) {
      return;
    }
    if (!out.depth(depth, Source.OTHER, path) || seen.put(o, Boolean.TRUE) != null) {
      return;
    }
    if (o instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        String key = String.valueOf(e.getKey());
        String child = path + "." + (key.length() > 128 ? key.substring(0, 128) : key);
        out.name(Source.OTHER, child, key);
        walk(e.getValue(), child, depth + 1, out, seen);
        if (out.full()) {
          return;
        }
      }
    } else if (o instanceof Collection) {
      int i = 0;
      for (Object v : (Collection<?>) o) {
        walk(v, path + "[" + i++ + "]", depth + 1, out, seen);
        if (out.full()) {
          return;
        }
      }
    } else if (o.getClass().isArray()) {
      int n = Array.getLength(o);
      for (int i = 0; i < n && !out.full(); i++) {
        walk(Array.get(o, i), path + "[" + i + "]", depth + 1, out, seen);
      }
    } else if (o instanceof com.fasterxml.jackson.databind.JsonNode) {
      if (!Json.walk(((com.fasterxml.jackson.databind.JsonNode) o).traverse(), Source.OTHER, path, out)) {
        out.exceeded("malformed-body", Source.OTHER, path, "unreadable JSON tree");
      }
    } else {
      // A POJO: read its bean properties the way the runtime would have written them.
      com.fasterxml.jackson.databind.JsonNode tree = Json.mapper().valueToTree(o);
      walk(tree, path, depth, out, seen);
    }
  }
}
