package dev.warden.lambda;

import dev.warden.policy.Action;
import dev.warden.policy.Exclusion;
import dev.warden.policy.Policy;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a function's policy: Warden's defaults, then the {@link WardenPolicy} annotation on the
 * handler class, then {@code WARDEN_*} environment variables. Bad values fail at init with a
 * message naming the setting.
 */
final class Policies {

  private Policies() {}

  static Policy resolve(Class<?> handlerClass, Map<String, String> env) {
    Policy.Builder b = Policy.builder();
    WardenPolicy a = handlerClass == null ? null : handlerClass.getAnnotation(WardenPolicy.class);
    if (a != null) {
      apply(a, b, handlerClass.getName());
    }
    return b.environment(env).build();
  }

  static void apply(WardenPolicy a, Policy.Builder b, String where) {
    try {
      b.mode(a.mode()).failClosed(a.failClosed());
      for (String spec : a.actions()) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("actions entries look like sqli=monitor: " + spec);
        }
        b.action(spec.substring(0, eq).trim(),
            Action.valueOf(spec.substring(eq + 1).trim().toUpperCase(Locale.ROOT)));
      }
      for (String spec : a.exclusions()) {
        Exclusion e = Exclusion.parse(spec);
        b.exclude(e.detector(), e.pathPattern());
      }
      if (a.maxBytes() != -1) {
        b.maxBytes(a.maxBytes());
      }
      if (a.maxDepth() != -1) {
        b.maxDepth(a.maxDepth());
      }
      if (a.maxFields() != -1) {
        b.maxFields(a.maxFields());
      }
      if (a.maxValueChars() != -1) {
        b.maxValueChars(a.maxValueChars());
      }
      if (a.maxDecompressedBytes() != -1) {
        b.maxDecompressedBytes(a.maxDecompressedBytes());
      }
      b.ignoredHeaders(java.util.List.of(a.ignoredHeaders()));
      if (a.timeBudgetMillis() != -1) {
        b.timeBudget(Duration.ofMillis(a.timeBudgetMillis()));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("@WardenPolicy on " + where + ": " + e.getMessage(), e);
    }
  }
}
