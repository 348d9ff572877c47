package dev.warden.event;

/**
 * A small streaming JSON writer for the lines Warden logs (security events, metrics): objects,
 * arrays, string and number fields, written to one line. It exists so that writing the first
 * event or metrics line at cold start loads one class rather than a JSON library's generator
 * (factory, features, recycler pools, encoders: some fifty classes).
 *
 * <p>Strings are escaped as RFC 8259 requires: quotation mark, reverse solidus and every control
 * character below U+0020 ({@code \n}, {@code \r}, {@code \t} short, the rest as {@code \}{@code u00XX}),
 * so no value can end the line or the string early. Other characters are written as they are, like
 * the generators of common JSON libraries do. Numbers are written as {@link Long#toString} and
 * {@link Double#toString} write them. A null string value is written as {@code null}.
 *
 * <p>The caller keeps objects and arrays balanced (the writer tracks only where commas go). Not
 * thread-safe: one writer per line.
 */
final class JsonLine {

  private final StringBuilder out;
  /** Per open container, whether it still has no member: bit {@code depth}, up to 63 levels. */
  private long empty = 1L;
  private int depth;

  JsonLine(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  void writeStartObject() {
    open('{');
  }

  void writeEndObject() {
    close('}');
  }

  void writeStartArray() {
    open('[');
  }

  void writeEndArray() {
    close(']');
  }

  void writeObjectFieldStart(String name) {
    name(name);
    push('{');
  }

  void writeArrayFieldStart(String name) {
    name(name);
    push('[');
  }

  void writeStringField(String name, String value) {
    name(name);
    string(value);
  }

  void writeNumberField(String name, long value) {
    name(name);
    out.append(value);
  }

  /**
   * {@code nanos} as milliseconds with three decimals ({@code 0.412}), rounded to the
   * microsecond: exact decimal digits without formatting a double, which costs more than the
   * rest of the line.
   */
  void writeMillisField(String name, long nanos) {
    name(name);
    long micros = (Math.max(0, nanos) + 500) / 1000;
    long frac = micros % 1000;
    out.append(micros / 1000).append('.');
    if (frac < 100) {
      out.append('0');
    }
    if (frac < 10) {
      out.append('0');
    }
    out.append(frac);
  }

  /** A field whose value is already JSON ({@code json} must be one complete value). */
  void writeRawField(String name, String json) {
    name(name);
    out.append(json);
  }

  /** A string as an array element. */
  void writeString(String value) {
    separator();
    string(value);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void open(char c) {
    separator();
    push(c);
  }

  private void push(char c) {
    out.append(c);
    depth++;
    empty |= 1L << depth;
  }

  private void close(char c) {
    out.append(c);
    empty &= ~(1L << depth);
    depth--;
  }

  private void name(String name) {
    separator();
    string(name);
    out.append(':');
  }

  /** A comma before every member but the first of its container. */
  private void separator() {
    long bit = 1L << depth;
    if ((empty & bit) != 0) {
      empty &= ~bit;
    } else {
      out.append(',');
    }
  }

  private void string(String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    int from = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, from, i);
      from = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(s, from, s.length()).append('"');
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
