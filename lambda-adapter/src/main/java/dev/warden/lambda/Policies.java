package dev.warden.lambda;

import dev.warden.guard.GuardKind;
import dev.warden.guard.GuardPolicy;
import dev.warden.policy.Action;
import dev.warden.policy.Exclusion;
import dev.warden.policy.Policy;
import java.time.Duration;
import java.util.List;
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

  /** True unless {@code WARDEN_GUARDS} (else the annotation) switches the runtime guards off. */
  static boolean guardsEnabled(Class<?> handlerClass, Map<String, String> env) {
    String v = env.get("WARDEN_GUARDS");
    if (v != null && !v.isBlank()) {
      String t = v.trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("on") || t.equals("1")) {
        return true;
      }
      if (t.equals("false") || t.equals("off") || t.equals("0")) {
        return false;
      }
      throw new IllegalArgumentException("WARDEN_GUARDS must be true or false: " + v);
    }
    WardenPolicy a = handlerClass == null ? null : handlerClass.getAnnotation(WardenPolicy.class);
    return a == null || a.guards();
  }

  /**
   * The runtime-guard policy: defaults, then the annotation, then {@code WARDEN_*} variables; the
   * platform values ({@code AWS_LAMBDA_RUNTIME_API}, {@code AWS_REGION}, {@code LAMBDA_TASK_ROOT})
   * come from the same environment map.
   */
  static GuardPolicy resolveGuards(Class<?> handlerClass, Map<String, String> env) {
    GuardPolicy.Builder b = GuardPolicy.builder().platform(env);
    WardenPolicy a = handlerClass == null ? null : handlerClass.getAnnotation(WardenPolicy.class);
    if (a != null) {
      try {
        applyGuards(a, b);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("@WardenPolicy on " + handlerClass.getName() + ": " + e.getMessage(), e);
      }
    }
    return b.environment(env).build();
  }

  private static void applyGuards(WardenPolicy a, GuardPolicy.Builder b) {
    b.egress(List.of(a.egress()));
    for (String p : a.egressPresets()) {
      b.preset(p);
    }
    action(b, GuardKind.EGRESS, "egressAction", a.egressAction());
    action(b, GuardKind.PROCESS, "processAction", a.processAction());
    action(b, GuardKind.FILE, "fileAction", a.fileAction());
    action(b, GuardKind.DESERIALIZATION, "deserializationAction", a.deserializationAction());
    action(b, GuardKind.JNDI, "jndiAction", a.jndiAction());
    for (String e : a.allowedExecutables()) {
      b.allowExecutable(e);
    }
    if (a.fileWritePrefixes().length > 0) {
      b.fileWritePrefixes(List.of(a.fileWritePrefixes()));
    }
    b.protectCode(a.protectCode());
    for (String c : a.deserializationDeny()) {
      b.denyDeserialization(c);
    }
    b.socketFactory(a.socketFactory());
  }

  private static void action(GuardPolicy.Builder b, GuardKind kind, String name, String v) {
    if (!v.isBlank()) {
      b.action(kind, GuardPolicy.Builder.parseAction(name, v));
    }
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
