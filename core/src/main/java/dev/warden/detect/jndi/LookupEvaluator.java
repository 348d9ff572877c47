package dev.warden.detect.jndi;

import java.util.Locale;
import java.util.Set;

/**
 * A bounded re-implementation of Log4j 2 {@code StrSubstitutor} lookup resolution, used to see
 * what a value <em>would become</em> in a vulnerable logger rather than what it looks like.
 *
 * <p>Semantics followed: {@code ${...}} nests; the variable name is itself substituted first; the
 * first {@code :-} splits a default; the text before the first {@code :} is the lookup prefix,
 * compared case-insensitively. Resolution: {@code lower}/{@code upper} change case,
 * {@code date} yields its quoted literal ({@code ${date:'j'}} is {@code j}), any lookup with a
 * default yields the default (environment and properties are assumed unset — the attacker's
 * favourite trick, {@code ${env:NOPE:-j}}), {@code env}/{@code sys}/... without default yield a
 * placeholder, unknown lookups stay literal. A resolved value containing {@code ${} is resolved
 * again, as Log4j does. An unclosed {@code ${} at the end counts as a lookup (truncated payloads).
 *
 * <p>Bounds: input capped at {@value #MAX_INPUT} chars, nesting depth {@value #MAX_DEPTH}, output
 * of any substitution {@value #MAX_OUTPUT} chars, and a global budget of {@value #MAX_STEPS}
 * character steps per evaluation; hitting a bound stops evaluation with what was seen so far.
 * One instance per evaluation (it records what it saw); not thread-safe, never shared.
 */
final class LookupEvaluator {

  static final int MAX_INPUT = 8_192;
  static final int MAX_DEPTH = 8;
  static final int MAX_OUTPUT = 4_096;
  static final int MAX_STEPS = 200_000;

  /** Lookups that read environment, system, JVM or request context: data exfiltration. */
  static final Set<String> LEAK_PREFIXES = Set.of(
      "env", "sys", "java", "ctx", "main", "map", "sd", "bundle", "docker", "k8s", "kubernetes",
      "spring", "web", "jvmrunargs", "log4j", "marker", "event");

  /** Lookups whose only use in request data is rebuilding a keyword character by character. */
  static final Set<String> CASE_PREFIXES = Set.of("lower", "upper", "date");

  private int steps;
  boolean jndi;
  boolean jndiNested;
  boolean leak;
  boolean obfuscation;
  int lookups;

  /** Evaluates {@code text}; afterwards the public fields tell what was seen. */
  String evaluate(String text) {
    String s = text.length() > MAX_INPUT ? text.substring(0, MAX_INPUT) : text;
    return substitute(s, 0);
  }

  private boolean budget() {
    return steps < MAX_STEPS && !jndi;
  }

  private boolean deep(int depth) {
    return depth > MAX_DEPTH || steps >= MAX_STEPS;
  }

  private String substitute(String s, int depth) {
    if (deep(depth) || s.indexOf("${") < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_OUTPUT));
    int i = 0;
    int n = s.length();
    while (i < n && budget() && out.length() < MAX_OUTPUT) {
      char c = s.charAt(i);
      steps++;
      if (c != '$' || i + 1 >= n || s.charAt(i + 1) != '{') {
        out.append(c);
        i++;
        continue;
      }
      // Find the matching '}' counting nested "${".
      int level = 1;
      int p = i + 2;
      while (p < n && level > 0) {
        steps++;
        char d = s.charAt(p);
        if (d == '$' && p + 1 < n && s.charAt(p + 1) == '{') {
          level++;
          p += 2;
          continue;
        }
        if (d == '}') {
          level--;
          if (level == 0) {
            break;
          }
        }
        p++;
      }
      boolean closed = p < n && level == 0;
      String inner = s.substring(i + 2, closed ? p : n);
      String value = resolve(inner, depth, closed);
      appendCapped(out, value);
      if (!closed) {
        break; // an unclosed lookup swallows the rest; evaluating it once keeps this linear
      }
      i = p + 1;
    }
    return out.toString();
  }

  private String resolve(String rawName, int depth, boolean closed) {
    lookups++;
    String name = substitute(rawName, depth + 1);
    String var = name;
    String def = null;
    int dd = name.indexOf(":-");
    if (dd >= 0) {
      var = name.substring(0, dd);
      def = name.substring(dd + 2);
    }
    int colon = var.indexOf(':');
    String prefix = colon >= 0 ? var.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
    String key = colon >= 0 ? var.substring(colon + 1) : var;
    if (prefix.equals("jndi")) {
      jndi = true;
      // Obfuscated when the prefix was built by other lookups or reached through a resolved value.
      jndiNested = depth > 0 || !rawName.startsWith("jndi:");
      return "";
    }
    if (LEAK_PREFIXES.contains(prefix)) {
      leak = true;
    }
    if (CASE_PREFIXES.contains(prefix) || colon == 0 && def != null) {
      obfuscation = true; // ${lower:j}, ${::-j}
    }
    String value;
    if (prefix.equals("lower")) {
      value = key.toLowerCase(Locale.ROOT);
    } else if (prefix.equals("upper")) {
      value = key.toUpperCase(Locale.ROOT);
    } else if (prefix.equals("date")) {
      value = quotedLiteral(key);
    } else if (def != null) {
      value = def;
    } else if (LEAK_PREFIXES.contains(prefix)) {
      value = "x";
    } else {
      return "${" + name + (closed ? "}" : ""); // unknown: Log4j leaves it as it is
    }
    return value.indexOf("${") >= 0 ? substitute(value, depth + 1) : value;
  }

  /** The quoted literal parts of a SimpleDateFormat pattern: {@code 'j'} is {@code j}. */
  private static String quotedLiteral(String pattern) {
    StringBuilder sb = new StringBuilder();
    boolean in = false;
    for (int i = 0; i < pattern.length() && i < MAX_OUTPUT; i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        in = !in;
      } else if (in) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static void appendCapped(StringBuilder out, String v) {
    int room = MAX_OUTPUT - out.length();
    if (room > 0) {
      out.append(v, 0, Math.min(room, v.length()));
    }
  }
}
