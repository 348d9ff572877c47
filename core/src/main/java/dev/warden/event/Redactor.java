package dev.warden.event;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Finds secret-shaped substrings so they never reach a log line.
 *
 * <p>Security-critical. Every scanner is a single forward pass (no regular expressions), so the
 * cost is linear in the scanned range whatever the input. Shapes recognised:
 * <ul>
 *   <li>{@code aws-access-key-id}: AWS key ids ({@code AKIA}, {@code ASIA} and the other
 *       documented 4-letter prefixes, followed by 16 characters of {@code [A-Z2-7]}).</li>
 *   <li>{@code aws-secret-key}: 40-character base64-alphabet tokens mixing cases and digits (the
 *       shape of AWS secret access keys).</li>
 *   <li>{@code jwt}: three base64url segments, the first starting with {@code eyJ}.</li>
 *   <li>{@code bearer}: the credential after {@code Bearer } / {@code Basic }.</li>
 *   <li>{@code private-key}: PEM blocks whose label ends in {@code PRIVATE KEY}.</li>
 *   <li>{@code card-number}: 13–19 digit runs (spaces or dashes allowed) passing the Luhn check.</li>
 *   <li>{@code secret-field}: the value after a secret-named key ({@code password=},
 *       {@code "accessToken":"…"}, {@code api_key:} …); a quoted value is masked up to its
 *       closing quote, spaces included. Names are matched after folding case and dropping
 *       {@code _ -}, so {@code clientSecret}, {@code client_secret} and {@code X-Api-Key} all
 *       count; users add names with {@link #withFields}.</li>
 *   <li>{@code pattern}: matches of user-configured patterns ({@link #withPatterns}), run with
 *       RE2J, whose matching time is linear in the text whatever the pattern (no backtracking);
 *       {@code java.util.regex} never runs on untrusted text here.</li>
 * </ul>
 *
 * <p>{@link #active()} is the redactor {@link Evidence} uses: the engine binds its configured
 * redactor to the inspecting thread for the duration of detection, so detectors that build
 * findings with {@code Finding.of} get the user's fields and patterns without knowing of them.
 * Instances are thread-safe and immutable.
 */
public final class Redactor {

  /** A secret found at {@code [start, end)} of the scanned text. */
  public record Span(int start, int end, String kind) {}

  /** The built-in scanners. */
  public static final Redactor DEFAULT = new Redactor(List.of(), List.of());

  private static final ThreadLocal<Redactor> ACTIVE = new ThreadLocal<>();

  private static final String[] KEY_ID_PREFIXES = {
    "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA", "APKA"
  };

  // Folded names (lower case, without '_' and '-'). A name CONTAINING one of these is secret.
  private static final String[] SECRET_WORDS = {
    "password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey", "credential",
    "authorization", "privatekey", "signature", "cookie"
  };

  // Folded names that are secret when the name IS or ENDS WITH them (too short to use "contains").
  private static final String[] SECRET_SUFFIXES = {"pwd", "pass", "auth", "session", "sessionid", "sid", "jwt", "key"};

  // Names that end in "key" but are not secrets (the "key" suffix is otherwise too eager).
  private static final String[] NOT_SECRET = {"key", "primarykey", "sortkey", "partitionkey", "objectkey", "keyid",
      "monkey", "hotkey", "turkey", "whiskey", "jockey", "hockey", "donkey"};

  private final List<String> fields;
  private final List<Pattern> patterns;
  /** Shortest name that can be secret: 3 for the built-ins, less if a configured name is shorter. */
  private final int minNameLength;

  private Redactor(List<String> fields, List<Pattern> patterns) {
    this.fields = List.copyOf(fields);
    this.patterns = List.copyOf(patterns);
    int min = 3;
    for (String f : fields) {
      min = Math.min(min, f.length());
    }
    this.minNameLength = Math.max(1, min);
  }

  /**
   * This redactor plus field names that mark secrets (matched like the built-ins: case folded,
   * {@code _ -} dropped, a name containing one counts). Blank names are ignored.
   */
  public Redactor withFields(Collection<String> names) {
    Set<String> all = new LinkedHashSet<>(fields);
    for (String n : Objects.requireNonNull(names, "names")) {
      String f = fold(Objects.requireNonNull(n, "field name"));
      if (!f.isEmpty()) {
        all.add(f);
      }
    }
    return new Redactor(List.copyOf(all), patterns);
  }

  /**
   * This redactor plus RE2 patterns whose matches are masked as {@code [REDACTED:pattern]}.
   *
   * @throws IllegalArgumentException naming the pattern when one does not compile
   */
  public Redactor withPatterns(Collection<String> regexes) {
    List<Pattern> all = new ArrayList<>(patterns);
    for (String r : Objects.requireNonNull(regexes, "patterns")) {
      all.add(compile(r));
    }
    return new Redactor(fields, all);
  }

  /** Compiles an RE2 pattern, failing with a message that names it. */
  public static Pattern compile(String regex) {
    return Patterns.compile(regex);
  }

  /**
   * The compilation, in a class of its own: its {@code catch} makes the bytecode verifier load
   * RE2's exception class, which a policy without redaction patterns (the default) never needs
   * at init.
   */
  private static final class Patterns {
    private Patterns() {}

    static Pattern compile(String regex) {
      Objects.requireNonNull(regex, "pattern");
      try {
        Pattern p = Pattern.compile(regex);
        if (p.matcher("").matches()) {
          throw new IllegalArgumentException("redaction pattern matches the empty string: " + regex);
        }
        return p;
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("redaction pattern is not valid RE2 syntax: " + regex, e);
      }
    }
  }

  /** The redactor bound to this thread by {@link #bind}, else {@link #DEFAULT}. */
  public static Redactor active() {
    Redactor r = ACTIVE.get();
    return r == null ? DEFAULT : r;
  }

  /**
   * Binds {@code r} to the current thread until the returned scope is closed (use
   * try-with-resources); the previous binding is restored on close.
   */
  public static Scope bind(Redactor r) {
    Redactor previous = ACTIVE.get();
    ACTIVE.set(Objects.requireNonNull(r, "redactor"));
    return new Restore<>(ACTIVE, previous);
  }

  /**
   * Puts a thread-local binding back as it was (a class rather than a lambda: it is reached on
   * the first request, where each lambda costs a generated class).
   */
  static final class Restore<T> implements Scope {
    private final ThreadLocal<T> local;
    private final T previous;

    Restore(ThreadLocal<T> local, T previous) {
      this.local = local;
      this.previous = previous;
    }

    @Override
    public void close() {
      if (previous == null) {
        local.remove();
      } else {
        local.set(previous);
      }
    }
  }

  /** A thread binding; closing it never throws. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** Extra field names configured on this redactor (folded). */
  public List<String> fields() {
    return fields;
  }

  /**
   * True when a field, header or parameter of this name carries secrets, so its value must never
   * be logged: {@code Authorization}, {@code Cookie}, {@code Set-Cookie}, {@code X-Api-Key},
   * {@code password}, {@code clientSecret}, {@code sessionToken}, plus configured names.
   */
  public boolean isSecretName(String name) {
    return name != null && isSecretFolded(fold(name));
  }

  /**
   * True when a value found at {@code location} (an input path such as {@code header.authorization},
   * {@code cookie.session} or {@code body.user.password}) must be redacted whole, whatever it
   * looks like: every cookie, and any location whose last name segment is secret.
   */
  public boolean isSecretLocation(String location) {
    if (location == null || location.isEmpty()) {
      return false;
    }
    String l = location.toLowerCase(Locale.ROOT);
    if (l.startsWith("cookie") || l.startsWith("header.cookie") || l.startsWith("header.set-cookie")) {
      return true;
    }
    // Every segment counts: body.password[0], body.credentials.user, query.token.
    int i = 0;
    int n = l.length();
    while (i < n) {
      int j = i;
      while (j < n && l.charAt(j) != '.' && l.charAt(j) != '[' && l.charAt(j) != ']') {
        j++;
      }
      if (j > i && isSecretName(l.substring(i, j))) {
        return true;
      }
      i = j + 1;
    }
    return false;
  }

  static String fold(String name) {
    return fold(name, 0, name.length());
  }

  private static String fold(CharSequence name, int from, int to) {
    StringBuilder b = new StringBuilder(to - from);
    for (int i = from; i < to && b.length() < 128; i++) {
      char c = name.charAt(i);
      if (c != '_' && c != '-' && c != ' ') {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  private boolean isSecretFolded(String f) {
    if (f.isEmpty()) {
      return false;
    }
    for (String w : SECRET_WORDS) {
      if (f.contains(w)) {
        return true;
      }
    }
    for (String ok : NOT_SECRET) {
      if (f.equals(ok)) {
        return false;
      }
    }
    for (String sfx : SECRET_SUFFIXES) {
      if (f.endsWith(sfx) && (!sfx.equals("key") || f.endsWith("apikey") || f.endsWith("secretkey")
          || f.endsWith("privkey") || f.endsWith("signingkey") || f.endsWith("encryptionkey") || f.endsWith("masterkey"))) {
        return true;
      }
    }
    for (String c : fields) {
      if (f.contains(c)) {
        return true;
      }
    }
    return false;
  }

  /** Secret spans overlapping {@code [from, to)}, sorted by start, non-overlapping. */
  public List<Span> secretSpans(CharSequence text, int from, int to) {
    List<Span> found = new ArrayList<>();
    scanTokens(text, from, to, found);
    scanPem(text, from, to, found);
    scanCards(text, from, to, found);
    scanNamedValues(text, from, to, found);
    scanPatterns(text, from, to, found);
    return merge(found);
  }

  /** {@code text} with every secret replaced by its marker (and nothing else changed). */
  public String redact(CharSequence text) {
    List<Span> spans = secretSpans(text, 0, text.length());
    if (spans.isEmpty()) {
      return text.toString();
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    for (Span s : spans) {
      out.append(text, i, s.start()).append("[REDACTED:").append(s.kind()).append(']');
      i = s.end();
    }
    return out.append(text, i, text.length()).toString();
  }

  // Tokens of base64/base64url characters: key ids, secret keys, JWTs, bearer credentials.
  private static void scanTokens(CharSequence t, int from, int to, List<Span> out) {
    int i = from;
    while (i < to) {
      if (!isTokenChar(t.charAt(i))) {
        i++;
        continue;
      }
      int s = i;
      while (i < to && (isTokenChar(t.charAt(i)) || t.charAt(i) == '.')) {
        i++;
      }
      classifyToken(t, s, i, out);
    }
  }

  private static void classifyToken(CharSequence t, int s, int e, List<Span> out) {
    int n = e - s;
    // A JWT may be glued to a name ("q=eyJ…", "jwt:eyJ…" is split by ':' already): find its header.
    int dotsAfter = countDots(t, s, e);
    for (int j = s; j + 20 <= e; j++) {
      if (t.charAt(j) == '.') {
        dotsAfter--;
        continue;
      }
      if (dotsAfter >= 2 && t.charAt(j) == 'e' && startsWith(t, j, "eyJ")
          && (j == s || !isBase64UrlChar(t.charAt(j - 1)))) {
        if (j > s) {
          classifyToken(t, s, j, out);
        }
        out.add(new Span(j, e, "jwt"));
        return;
      }
    }
    // A token may contain dots only as a JWT; otherwise look at its pieces between dots and
    // '=' signs, so "key=<secret>" and "a.b.<secret>" still expose the secret's own shape.
    int p = s;
    for (int i = s; i <= e; i++) {
      if (i == e || t.charAt(i) == '.' || t.charAt(i) == '=') {
        classifyPiece(t, p, i, out);
        p = i + 1;
      }
    }
    // "Bearer <credential>" / "Basic <credential>": the word before a space.
    if (n == 6 && equalsIgnoreCase(t, s, "bearer") || n == 5 && equalsIgnoreCase(t, s, "basic")) {
      int c = e;
      while (c < t.length() && t.charAt(c) == ' ') {
        c++;
      }
      int ce = c;
      while (ce < t.length() && (isTokenChar(t.charAt(ce)) || t.charAt(ce) == '.' || t.charAt(ce) == '~')) {
        ce++;
      }
      if (c > e && ce - c >= 8) {
        out.add(new Span(c, ce, "bearer"));
      }
    }
  }

  private static void classifyPiece(CharSequence t, int s, int e, List<Span> out) {
    int n = e - s;
    for (int i = s; i + 20 <= e; i++) {
      // No boundary check: a key id glued to other characters is still a key id, and masking a
      // look-alike costs nothing.
      if (isKeyIdAt(t, i)) {
        out.add(new Span(i, i + 20, "aws-access-key-id"));
      }
    }
    // A secret key glued to a name by '=' or '-' ("s=wJalr…", "key-wJalr…"): look at every run of
    // the standard base64 alphabet inside the piece, not only at the piece as a whole.
    int r = s;
    while (r < e) {
      if (!isBase64Char(t.charAt(r))) {
        r++;
        continue;
      }
      int rs = r;
      while (r < e && isBase64Char(t.charAt(r))) {
        r++;
      }
      if (r - rs == 40 && (rs > s || r < e) && mixed(t, rs, rs + 40)) {
        out.add(new Span(rs, r, "aws-secret-key"));
      }
    }
    if (n == 40 || (n > 40 && n <= 44 && t.charAt(s + 40) == '=')) {
      boolean upper = false;
      boolean lower = false;
      boolean digit = false;
      for (int i = s; i < s + 40; i++) {
        char c = t.charAt(i);
        upper |= c >= 'A' && c <= 'Z';
        lower |= c >= 'a' && c <= 'z';
        digit |= c >= '0' && c <= '9';
      }
      if (upper && lower && digit) {
        out.add(new Span(s, e, "aws-secret-key"));
      }
    }
  }

  private static boolean isKeyIdAt(CharSequence t, int i) {
    // Every documented prefix starts with 'A'; this test alone skips almost every position.
    if (t.charAt(i) != 'A') {
      return false;
    }
    boolean prefix = false;
    for (String p : KEY_ID_PREFIXES) {
      if (startsWith(t, i, p)) {
        prefix = true;
        break;
      }
    }
    if (!prefix) {
      return false;
    }
    for (int k = i + 4; k < i + 20; k++) {
      char c = t.charAt(k);
      if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static void scanPem(CharSequence t, int from, int to, List<Span> out) {
    // Look a little before the range so a block that starts just outside is still masked.
    for (int i = from; i + 10 <= to; i++) {
      if (t.charAt(i) == '-' && startsWith(t, i, "-----BEGIN ")) {
        int labelEnd = indexOf(t, "-----", i + 11, Math.min(t.length(), i + 80));
        if (labelEnd < 0) {
          continue;
        }
        String label = t.subSequence(i + 11, labelEnd).toString();
        if (!label.endsWith("PRIVATE KEY")) {
          continue;
        }
        int end = indexOf(t, "-----END ", labelEnd + 5, t.length());
        int stop = end < 0 ? t.length() : Math.min(t.length(), end + 9 + label.length() + 5);
        out.add(new Span(i, stop, "private-key"));
        i = stop;
      }
    }
  }

  private static void scanCards(CharSequence t, int from, int to, List<Span> out) {
    int i = from;
    while (i < to) {
      if (!isDigit(t.charAt(i)) || (i > 0 && isDigit(t.charAt(i - 1)))) {
        i++;
        continue;
      }
      int s = i;
      int digits = 0;
      int lastDigit = i;
      int[] ds = new int[19];
      while (i < t.length()) {
        char c = t.charAt(i);
        if (isDigit(c)) {
          if (digits == 19) {
            digits++;
            break;
          }
          ds[digits++] = c - '0';
          lastDigit = i;
          i++;
        } else if ((c == ' ' || c == '-') && i + 1 < t.length() && isDigit(t.charAt(i + 1))) {
          i++;
        } else {
          break;
        }
      }
      if (digits >= 13 && digits <= 19 && luhn(ds, digits)) {
        out.add(new Span(s, lastDigit + 1, "card-number"));
      } else if (digits > 13) {
        // "378282246310005 73": a card followed by another number. Try each group boundary.
        int count = 0;
        for (int k = s; k <= lastDigit && count < 19; k++) {
          if (isDigit(t.charAt(k))) {
            count++;
            boolean groupEnd = k + 1 >= t.length() || !isDigit(t.charAt(k + 1));
            if (groupEnd && count >= 13 && luhn(ds, count)) {
              out.add(new Span(s, k + 1, "card-number"));
              break;
            }
          }
        }
      }
      while (i < t.length() && isDigit(t.charAt(i))) {
        i++;
      }
    }
  }

  static boolean luhn(int[] ds, int n) {
    int sum = 0;
    for (int k = 0; k < n; k++) {
      int d = ds[n - 1 - k];
      if ((k & 1) == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  private void scanPatterns(CharSequence t, int from, int to, List<Span> out) {
    if (patterns.isEmpty() || from >= to) {
      return;
    }
    // RE2J: linear-time automaton matching, so a hostile text cannot make this slow.
    CharSequence range = t.subSequence(from, to);
    for (Pattern p : patterns) {
      Matcher m = p.matcher(range);
      int guard = 0;
      while (m.find() && guard++ < 10_000) {
        if (m.end() > m.start()) {
          out.add(new Span(from + m.start(), from + m.end(), "pattern"));
        }
      }
    }
  }

  private void scanNamedValues(CharSequence t, int from, int to, List<Span> out) {
    int i = from;
    while (i < to) {
      char c = t.charAt(i);
      if (!Character.isLetter(c) || (i > 0 && isNameChar(t.charAt(i - 1)))) {
        i++;
        continue;
      }
      int s = i;
      while (i < t.length() && isNameChar(t.charAt(i)) && i - s < 64) {
        i++;
      }
      if (i - s < minNameLength) {
        continue;
      }
      int v = i;
      if (v < t.length() && (t.charAt(v) == '"' || t.charAt(v) == '\'')) {
        v++;
      }
      while (v < t.length() && t.charAt(v) == ' ') {
        v++;
      }
      // The separator is cheap to test, the name costs a fold: most words in prose stop here.
      if (v >= t.length() || (t.charAt(v) != '=' && t.charAt(v) != ':') || !isSecretName(t, s, i)) {
        continue;
      }
      v++;
      char quote = 0;
      while (v < t.length() && (t.charAt(v) == ' ' || t.charAt(v) == '"' || t.charAt(v) == '\'')) {
        if (t.charAt(v) != ' ') {
          quote = t.charAt(v);
        }
        v++;
      }
      int e = v;
      if (quote != 0) {
        // A quoted secret may hold spaces and separators: mask up to the closing quote (bounded).
        int limit = Math.min(t.length(), v + MAX_QUOTED);
        while (e < limit && t.charAt(e) != quote && t.charAt(e) != '\n' && t.charAt(e) != '\r') {
          e++;
        }
      } else {
        while (e < t.length() && !isValueEnd(t.charAt(e))) {
          e++;
        }
        // "Authorization: Bearer x" / "password: Basic y": the scheme is not the whole secret.
        int w = e;
        while (w < t.length() && t.charAt(w) == ' ') {
          w++;
        }
        if (w > e && w < t.length() && !isValueEnd(t.charAt(w)) && e - v <= 8) {
          e = w;
          while (e < t.length() && !isValueEnd(t.charAt(e))) {
            e++;
          }
        }
      }
      if (e > v) {
        out.add(new Span(v, e, "secret-field"));
      }
      i = e;
    }
  }

  private boolean isSecretName(CharSequence t, int s, int e) {
    return isSecretFolded(fold(t, s, e));
  }

  /** Longest quoted secret value masked after a secret-named key. */
  static final int MAX_QUOTED = 8192;

  private static boolean isValueEnd(char c) {
    return c == '&' || c == '"' || c == '\'' || c == ',' || c == ';' || c == '}' || c == ' '
        || c == '\n' || c == '\r' || c == '\t';
  }

  private static List<Span> merge(List<Span> spans) {
    if (spans.size() < 2) {
      return spans;
    }
    spans.sort((x, y) -> x.start() != y.start() ? Integer.compare(x.start(), y.start()) : Integer.compare(y.end(), x.end()));
    List<Span> out = new ArrayList<>();
    Span cur = spans.get(0);
    for (int k = 1; k < spans.size(); k++) {
      Span s = spans.get(k);
      if (s.start() < cur.end()) {
        cur = new Span(cur.start(), Math.max(cur.end(), s.end()), cur.kind());
      } else {
        out.add(cur);
        cur = s;
      }
    }
    out.add(cur);
    return out;
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '+' || c == '/' || c == '-' || c == '_' || c == '=';
  }

  private static boolean isBase64UrlChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }

  private static boolean isBase64Char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
  }

  private static boolean mixed(CharSequence t, int s, int e) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = s; i < e; i++) {
      char c = t.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= c >= '0' && c <= '9';
    }
    return upper && lower && digit;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int countDots(CharSequence t, int s, int e) {
    int n = 0;
    for (int i = s; i < e; i++) {
      if (t.charAt(i) == '.') {
        n++;
      }
    }
    return n;
  }

  private static boolean startsWith(CharSequence t, int i, String p) {
    if (i + p.length() > t.length()) {
      return false;
    }
    for (int k = 0; k < p.length(); k++) {
      if (t.charAt(i + k) != p.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalsIgnoreCase(CharSequence t, int s, String p) {
    for (int k = 0; k < p.length(); k++) {
      if (Character.toLowerCase(t.charAt(s + k)) != p.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(CharSequence t, String p, int from, int to) {
    for (int i = from; i + p.length() <= to; i++) {
      if (startsWith(t, i, p)) {
        return i;
      }
    }
    return -1;
  }
}
