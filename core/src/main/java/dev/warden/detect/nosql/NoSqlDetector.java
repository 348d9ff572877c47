package dev.warden.detect.nosql;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.util.Optional;
import java.util.Set;

/**
 * MongoDB-style NoSQL injection: query operators smuggled into keys, parameter names or values,
 * and JavaScript that a {@code $where} (or {@code mapReduce}) would run on the server.
 *
 * <p>One linear scan looks at:
 * <ul>
 *   <li>{@code $name} where {@code name} is a MongoDB operator <em>and</em> the surrounding syntax
 *       makes it a key: {@code "$gt":}, {@code {$ne: 1}}, {@code , $where:}, {@code [$ne]} (PHP/
 *       Express bracket syntax turning {@code user[$ne]=x} into an object). A field name
 *       ({@link Input#name()}) that starts with {@code $operator} is one by itself. Rules
 *       {@code js-operator} ({@code $where}, {@code $function}, {@code $accumulator}: server-side
 *       JavaScript) and {@code query-operator} (the rest). Prices ({@code $5}) and prose
 *       ({@code $in stock}) lack the key syntax and pass.</li>
 *   <li>{@code server-side-js}: a quote that breaks out of a JS string followed by {@code ;} and
 *       a statement ({@code '; return true; var x='}, {@code ';sleep(5000);}), or by
 *       {@code &&}/{@code ||} and {@code this.}; {@code this.field.match(...)}-style predicates;
 *       Mongo shell calls ({@code db.users.find(}).</li>
 *   <li>{@code js-tautology}: {@code || 1==1}, {@code ||'1'=='1} (JavaScript equality; SQL's
 *       single {@code =} is left to the SQL detector).</li>
 * </ul>
 *
 * <p>Thread-safe and stateless. Examines at most the first {@value #MAX_CHARS} characters; every
 * look-ahead is capped, so work is linear. Never throws.
 */
public final class NoSqlDetector implements Detector {

  static final String ID = "nosql";
  static final int MAX_CHARS = 16_384;
  private static final int LOOK = 64;

  static final String QUERY_OPERATOR = "query-operator";
  static final String JS_OPERATOR = "js-operator";
  static final String SERVER_SIDE_JS = "server-side-js";
  static final String JS_TAUTOLOGY = "js-tautology";

  /** MongoDB query, update and aggregation operators (case-sensitive, as MongoDB is). */
  private static final Set<String> OPERATORS = Set.of(
      "eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "not", "nor", "or", "and", "exists",
      "type", "regex", "options", "expr", "jsonSchema", "mod", "text", "search", "elemMatch",
      "size", "all", "comment", "slice", "geoWithin", "geoIntersects", "near", "nearSphere",
      "bitsAllSet", "bitsAnySet", "bitsAllClear", "bitsAnyClear", "set", "unset", "inc", "push",
      "pull", "rename", "lookup", "match", "group", "project", "unwind", "out", "merge",
      "unionWith", "where", "function", "accumulator");

  private static final Set<String> JS_OPERATORS = Set.of("where", "function", "accumulator");

  /** Statements that follow a string break-out in injected JavaScript. */
  private static final Set<String> JS_STATEMENTS = Set.of(
      "return", "var", "let", "sleep", "while", "for", "db", "this", "emit", "throw");

  /** Methods of the Mongo shell's collection and database objects. */
  private static final Set<String> SHELL_METHODS = Set.of(
      "find", "findOne", "insert", "insertOne", "insertMany", "remove", "drop", "update",
      "updateOne", "updateMany", "deleteOne", "deleteMany", "mapReduce", "aggregate",
      "getCollection", "getCollectionNames", "dropDatabase", "runCommand", "eval", "getSiblingDB");

  /** Predicate methods used to test a field inside {@code $where} ({@code this.password.match}). */
  private static final Set<String> FIELD_METHODS = Set.of(
      "match", "test", "indexOf", "startsWith", "endsWith", "search", "charAt", "substring");

  /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
  public NoSqlDetector() {}

  @Override
  public String id() {
    return ID;
  }

  /** Results depend on the text and name flag alone. */
  @Override
  public boolean textOnly() {
    return true;
  }

  /** {@code mayMatch} is false on ASCII text without one of these: each branch needs one. */
  @Override
  public CharMask gate() {
    return GATE;
  }

  private static final CharMask STARTS = CharMask.ascii("$'\"|");

  /** {@link #STARTS} and the dot of {@code this.} and {@code db.}. */
  private static final CharMask GATE = CharMask.ascii("$'\"|.");

  /**
   * Every rule starts at {@code $}, a quote, {@code ||}, or where {@code this.} or {@code db.}
   * begins (the scan's dispatch, case as written): without {@code $ ' " |} only those two words
   * can start one, and they must begin within the {@value #MAX_CHARS} characters scanned. Prose,
   * addresses and URLs with dots are ruled out by two searches instead of a scan per character.
   */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    if (chars.any(STARTS)) {
      return true;
    }
    if (!chars.has('.')) {
      return false;
    }
    String t = in.text();
    int n = Math.min(t.length(), MAX_CHARS);
    int a = t.indexOf("this.");
    int b = t.indexOf("db.");
    return a >= 0 && a < n || b >= 0 && b < n;
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    return Optional.ofNullable(scan(in));
  }

  private static Finding scan(Input in) {
    String t = in.text();
    int n = Math.min(t.length(), MAX_CHARS);
    if (in.name() && n > 1 && t.charAt(0) == '$') {
      int e = identEnd(t, 1, n);
      String op = t.substring(1, e);
      if (OPERATORS.contains(op)) {
        return Finding.of(ID, JS_OPERATORS.contains(op) ? JS_OPERATOR : QUERY_OPERATOR, in, 0, e);
      }
    }
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      Finding f = null;
      if (c == '$') {
        f = operator(in, t, i, n);
      } else if (c == '\'' || c == '"') {
        f = breakOut(in, t, i, n);
      } else if (c == '|' && i + 1 < n && t.charAt(i + 1) == '|') {
        f = tautology(in, t, i + 2, n, i);
      } else if (c == 't' && t.startsWith("this.", i) && !identBefore(t, i)) {
        f = fieldPredicate(in, t, i, n);
      } else if (c == 'd' && t.startsWith("db.", i) && !identBefore(t, i)) {
        f = shellCall(in, t, i, n);
      }
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /** {@code $op} in key position. */
  private static Finding operator(Input in, String t, int i, int n) {
    int e = identEnd(t, i + 1, n);
    if (e == i + 1) {
      return null;
    }
    String op = t.substring(i + 1, e);
    if (!OPERATORS.contains(op)) {
      return null;
    }
    int b = i - 1;
    while (b >= 0 && i - b < LOOK && t.charAt(b) == ' ') {
      b--;
    }
    char before = b < 0 ? '\0' : t.charAt(b);
    boolean quoted = before == '"' || before == '\'';
    if (quoted) {
      int bb = b - 1;
      while (bb >= 0 && b - bb < LOOK && t.charAt(bb) == ' ') {
        bb--;
      }
      before = bb < 0 ? '\0' : t.charAt(bb);
    }
    int a = e;
    if (quoted && a < n && (t.charAt(a) == '"' || t.charAt(a) == '\'')) {
      a++;
    }
    while (a < n && a - e < LOOK && t.charAt(a) == ' ') {
      a++;
    }
    char after = a < n ? t.charAt(a) : '\0';
    boolean keyOpen = before == '\0' || before == '{' || before == ',' || before == '[';
    boolean bracket = before == '[' && after == ']';
    if (bracket || keyOpen && after == ':') {
      return Finding.of(ID, JS_OPERATORS.contains(op) ? JS_OPERATOR : QUERY_OPERATOR, in, i, e);
    }
    return null;
  }

  /** A quote, then {@code ;} and a JS statement, or {@code &&}/{@code ||} and {@code this.}. */
  private static Finding breakOut(Input in, String t, int q, int n) {
    int k = skipSpaces(t, q + 1, n);
    if (k >= n) {
      return null;
    }
    char c = t.charAt(k);
    if (c == ';') {
      int w = skipSpaces(t, k + 1, n);
      int e = identEnd(t, w, n);
      String word = t.substring(w, e);
      if (JS_STATEMENTS.contains(word) && (!word.equals("sleep") || e < n && t.charAt(e) == '(')) {
        return Finding.of(ID, SERVER_SIDE_JS, in, q, e);
      }
      return null;
    }
    if ((c == '&' || c == '|') && k + 1 < n && t.charAt(k + 1) == c) {
      int w = skipSpaces(t, k + 2, n);
      if (t.startsWith("this.", w) || t.startsWith("sleep(", w)) {
        return Finding.of(ID, SERVER_SIDE_JS, in, q, Math.min(n, w + 5));
      }
    }
    return null;
  }

  /** {@code || A == A} with {@code ==} or {@code ===}; the right operand may lack its close quote. */
  private static Finding tautology(Input in, String t, int i, int n, int start) {
    int k = skipSpaces(t, i, n);
    int[] left = operand(t, k, n);
    if (left == null) {
      return null;
    }
    int m = skipSpaces(t, left[1], n);
    if (!(m + 1 < n && t.charAt(m) == '=' && t.charAt(m + 1) == '=')) {
      return null;
    }
    m += 2;
    if (m < n && t.charAt(m) == '=') {
      m++;
    }
    m = skipSpaces(t, m, n);
    int[] right = operand(t, m, n);
    if (right == null) {
      return null;
    }
    String a = t.substring(left[2], left[3]);
    String b = t.substring(right[2], right[3]);
    if (!a.isEmpty() && a.equals(b)) {
      return Finding.of(ID, JS_TAUTOLOGY, in, start, right[1]);
    }
    return null;
  }

  /** {start, end, contentStart, contentEnd} of a number or quoted string at k, or null. */
  private static int[] operand(String t, int k, int n) {
    if (k >= n) {
      return null;
    }
    char c = t.charAt(k);
    if (c >= '0' && c <= '9') {
      int e = k;
      while (e < n && e - k < LOOK && (t.charAt(e) >= '0' && t.charAt(e) <= '9' || t.charAt(e) == '.')) {
        e++;
      }
      return new int[] {k, e, k, e};
    }
    if (c == '\'' || c == '"') {
      int e = k + 1;
      while (e < n && e - k < LOOK && t.charAt(e) != c) {
        e++;
      }
      int contentEnd = e;
      if (e < n && t.charAt(e) == c) {
        e++;
      }
      return new int[] {k, e, k + 1, contentEnd};
    }
    return null;
  }

  /** {@code this.a.b.match(} or {@code this.a == }: a field predicate of a {@code $where}. */
  private static Finding fieldPredicate(Input in, String t, int i, int n) {
    int k = i + 5;
    String last = null;
    int segs = 0;
    while (k < n && segs < 8) {
      int e = identEnd(t, k, n);
      if (e == k) {
        return null;
      }
      last = t.substring(k, e);
      segs++;
      k = e;
      if (k < n && t.charAt(k) == '.') {
        k++;
        continue;
      }
      break;
    }
    if (last == null) {
      return null;
    }
    if (segs >= 2 && FIELD_METHODS.contains(last) && k < n && t.charAt(k) == '(') {
      return Finding.of(ID, SERVER_SIDE_JS, in, i, k);
    }
    int m = skipSpaces(t, k, n);
    if (segs == 1 && m + 1 < n && (t.charAt(m) == '=' || t.charAt(m) == '!') && t.charAt(m + 1) == '=') {
      return Finding.of(ID, SERVER_SIDE_JS, in, i, m + 2);
    }
    return null;
  }

  /** {@code db.collection.method(} in the Mongo shell dialect. */
  private static Finding shellCall(Input in, String t, int i, int n) {
    int k = i + 3;
    int e1 = identEnd(t, k, n);
    if (e1 == k) {
      return null;
    }
    String first = t.substring(k, e1);
    if (e1 < n && t.charAt(e1) == '(' && SHELL_METHODS.contains(first)) {
      return Finding.of(ID, SERVER_SIDE_JS, in, i, e1);
    }
    if (e1 >= n || t.charAt(e1) != '.') {
      return null;
    }
    int e2 = identEnd(t, e1 + 1, n);
    String method = t.substring(e1 + 1, e2);
    if (e2 < n && t.charAt(e2) == '(' && SHELL_METHODS.contains(method)) {
      return Finding.of(ID, SERVER_SIDE_JS, in, i, e2);
    }
    return null;
  }

  private static int identEnd(String t, int k, int n) {
    int e = k;
    while (e < n && e - k < LOOK) {
      char c = t.charAt(e);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
        e++;
      } else {
        break;
      }
    }
    return e;
  }

  private static boolean identBefore(String t, int i) {
    if (i == 0) {
      return false;
    }
    char c = t.charAt(i - 1);
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
        || c == '.' || c == '$';
  }

  private static int skipSpaces(String t, int k, int n) {
    int e = k;
    while (e < n && e - k < LOOK && (t.charAt(e) == ' ' || t.charAt(e) == '\t')) {
      e++;
    }
    return e;
  }
}
