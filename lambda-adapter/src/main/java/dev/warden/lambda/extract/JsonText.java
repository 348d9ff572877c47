package dev.warden.lambda.extract;

/**
 * A JSON tokenizer over a {@code String}, for the bodies Warden walks on every request. It reads
 * what RFC 8259 allows and what the JSON parser of jackson-core accepts with its default features
 * (several root values, a root number followed by white space or the end), and refuses the rest
 * the same way: comments, single quotes, unquoted names, trailing commas, leading zeros,
 * {@code NaN}, raw control characters in strings, unknown escapes. {@code JsonTextTest} checks
 * it against jackson-core on generated and fuzzed documents.
 *
 * <p>Why not jackson-core here: its first parse loads and initialises about forty classes, tens
 * of milliseconds at a cold start for each function whose first event has a JSON body; this
 * class is one, and reads an ordinary body faster.
 *
 * <p>Bounded like the parser it replaces: nesting beyond {@value #MAX_DEPTH}, strings beyond
 * {@value #MAX_STRING} characters, names beyond {@value #MAX_NAME} and numbers beyond
 * {@value #MAX_NUMBER} characters raise {@link TooLarge}; anything malformed raises
 * {@link Malformed}. Linear in the text; memory proportional to the nesting. One document, one
 * thread.
 */
final class JsonText implements JsonTokens {

  static final int MAX_DEPTH = 1000;
  static final int MAX_STRING = 16 * 1024 * 1024;
  static final int MAX_NAME = 64 * 1024;
  static final int MAX_NUMBER = 1000;

  /** The text is not JSON. No stack trace: it describes the input, not Warden. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super("malformed JSON", null, false, false);
    }
  }

  /** The document exceeds a size bound. */
  static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("JSON document exceeds parser limits", null, false, false);
    }
  }

  private final String s;
  private final int n;
  private int pos;
  private int depth;
  /** Per nesting level, whether it is an array; index 0 is the root. */
  private boolean[] array = new boolean[16];
  /** In the innermost container: a member just ended, so a comma or the close comes next. */
  private boolean afterValue;
  /** In the innermost object: a name was read, so its value comes next. */
  private boolean haveName;
  /** In the innermost container: a comma was read, so a close is not allowed. */
  private boolean afterComma;
  private String text;
  /** A scalar value already read with its name, returned by the next {@link #next}. */
  private Kind pending;

  JsonText(String s) {
    this.s = s;
    this.n = s.length();
  }

  @Override
  public Kind next() {
    if (pending != null) {
      Kind k = pending;
      pending = null;
      return k;
    }
    skipBlanks();
    if (pos >= n) {
      if (depth == 0) {
        return null;
      }
      throw new Malformed();
    }
    char c = s.charAt(pos);
    if (depth > 0) {
      boolean arr = array[depth];
      if (afterValue) {
        if (c == ',') {
          pos++;
          afterValue = false;
          afterComma = true;
          return next();
        }
        if (c == (arr ? ']' : '}')) {
          return close(arr);
        }
        throw new Malformed();
      }
      if (!arr && !haveName) {
        if (c == '}' && !afterComma) {
          return close(false);
        }
        if (c != '"') {
          throw new Malformed();
        }
        pos++;
        text = string(MAX_NAME);
        skipBlanks();
        if (pos >= n || s.charAt(pos) != ':') {
          throw new Malformed();
        }
        pos++;
        haveName = true;
        afterComma = false;
        // Like jackson-core, read a scalar value with its name, so a broken number or literal
        // fails before the name is reported; strings and containers are read when their turn comes.
        skipBlanks();
        if (pos >= n) {
          throw new Malformed();
        }
        char v = s.charAt(pos);
        if (v == 't' || v == 'f' || v == 'n' || v == '-' || v >= '0' && v <= '9') {
          pending = value(v);
        } else if (v != '"' && v != '{' && v != '[') {
          throw new Malformed();
        }
        return Kind.FIELD_NAME;
      }
      if (arr && c == ']' && !afterComma) {
        return close(true);
      }
    }
    return value(c);
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public void skipChildren() {
    int level = depth;
    while (depth >= level) {
      if (next() == null) {
        throw new Malformed();
      }
    }
  }

  private Kind value(char c) {
    afterComma = false;
    switch (c) {
      case '{':
      case '[': {
        pos++;
        if (++depth > MAX_DEPTH) {
          throw new TooLarge();
        }
        if (depth == array.length) {
          array = java.util.Arrays.copyOf(array, depth * 2);
        }
        array[depth] = c == '[';
        afterValue = false;
        haveName = false;
        return c == '[' ? Kind.START_ARRAY : Kind.START_OBJECT;
      }
      case '"':
        pos++;
        text = string(MAX_STRING);
        ended();
        return Kind.VALUE_STRING;
      case 't':
        literal("true");
        return Kind.VALUE_OTHER;
      case 'f':
        literal("false");
        return Kind.VALUE_OTHER;
      case 'n':
        literal("null");
        return Kind.VALUE_OTHER;
      default:
        if (c == '-' || c >= '0' && c <= '9') {
          number();
          return Kind.VALUE_OTHER;
        }
        throw new Malformed();
    }
  }

  private Kind close(boolean arr) {
    pos++;
    depth--;
    ended();
    return arr ? Kind.END_ARRAY : Kind.END_OBJECT;
  }

  /** A value ended in the (now) innermost container. */
  private void ended() {
    afterValue = depth > 0;
    haveName = false;
    afterComma = false;
  }

  private void literal(String word) {
    if (!s.startsWith(word, pos)) {
      throw new Malformed();
    }
    pos += word.length();
    // "truex" and "null1" are one bad token, as for jackson-core; "true]" or "true " end the word.
    if (pos < n) {
      char c = s.charAt(pos);
      if (c >= '0' && c != ']' && c != '}' && Character.isJavaIdentifierPart(c)) {
        throw new Malformed();
      }
    }
    ended();
  }

  /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
  private void number() {
    int start = pos;
    if (s.charAt(pos) == '-') {
      pos++;
    }
    if (pos >= n || !digit(s.charAt(pos))) {
      throw new Malformed();
    }
    if (s.charAt(pos) == '0') {
      pos++;
      if (pos < n && digit(s.charAt(pos))) {
        throw new Malformed(); // leading zero
      }
    } else {
      digits();
    }
    if (pos < n && s.charAt(pos) == '.') {
      pos++;
      if (pos >= n || !digit(s.charAt(pos))) {
        throw new Malformed();
      }
      digits();
    }
    if (pos < n && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < n && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      if (pos >= n || !digit(s.charAt(pos))) {
        throw new Malformed();
      }
      digits();
    }
    if (pos - start > MAX_NUMBER) {
      throw new TooLarge();
    }
    // Root values must be apart: "1 2" is two numbers, "12" one and "1[" nothing.
    if (depth == 0 && pos < n && !blank(s.charAt(pos))) {
      throw new Malformed();
    }
    ended();
  }

  private void digits() {
    while (pos < n && digit(s.charAt(pos))) {
      pos++;
    }
  }

  /** The string whose body starts at {@code pos}; {@code pos} ends after the closing quote. */
  private String string(int limit) {
    int start = pos;
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '"') {
        if (pos - start > limit) {
          throw new TooLarge();
        }
        return s.substring(start, pos++);
      }
      if (c == '\\' || c < 0x20) {
        break;
      }
      pos++;
    }
    StringBuilder sb = new StringBuilder(pos - start + 16).append(s, start, pos);
    while (pos < n) {
      char c = s.charAt(pos++);
      if (c == '"') {
        if (sb.length() > limit) {
          throw new TooLarge();
        }
        return sb.toString();
      }
      if (c < 0x20 || c == '\\' && pos >= n) {
        throw new Malformed();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> sb.append(unicode());
        default -> throw new Malformed();
      }
    }
    throw new Malformed(); // unterminated
  }

  private char unicode() {
    if (pos + 4 > n) {
      throw new Malformed();
    }
    int v = 0;
    for (int k = 0; k < 4; k++) {
      char c = s.charAt(pos++);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        throw new Malformed();
      }
      v = v << 4 | d;
    }
    return (char) v;
  }

  private void skipBlanks() {
    while (pos < n && blank(s.charAt(pos))) {
      pos++;
    }
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }
}
