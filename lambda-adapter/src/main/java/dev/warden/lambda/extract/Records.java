package dev.warden.lambda.extract;

import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import java.util.List;

/** Small helpers the record-batch extractors share. */
final class Records {

  private Records() {}

  /** Names in locations are cut to 128 characters, as in JSON paths. */
  static String cut(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 128 ? s.substring(0, 128) : s;
  }

  /** A list of strings at {@code path[0]}, {@code path[1]}... */
  static void values(Source source, String path, List<String> values, InputCollector out) {
    if (values == null) {
      return;
    }
    int k = 0;
    for (String v : values) {
      if (!out.value(source, path + "[" + k++ + "]", v) && out.full()) {
        return;
      }
    }
  }
}
