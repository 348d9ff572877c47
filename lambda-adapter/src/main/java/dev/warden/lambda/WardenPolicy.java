package dev.warden.lambda;

import dev.warden.policy.Mode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The function's policy, declared on the user's handler class. Read once by the wrapper when it
 * is built (at init); no weaving. {@code WARDEN_*} environment variables override each attribute
 * they name; attributes override Warden's defaults. Numeric attributes left at {@code -1} keep the
 * default. See README, "Configuration reference".
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WardenPolicy {

  /** OFF, MONITOR or BLOCK. Env: {@code WARDEN_MODE}. */
  Mode mode() default Mode.BLOCK;

  /** Refuse when Warden itself fails. Env: {@code WARDEN_FAIL_CLOSED}. */
  boolean failClosed() default false;

  /** Per-detector actions, {@code "sqli=monitor"}, {@code "path=off"}. Env: {@code WARDEN_ACTIONS}. */
  String[] actions() default {};

  /** Detector off at matching locations, {@code "sqli@body.query"}, {@code "*@header.referer"}. Env: {@code WARDEN_EXCLUSIONS}. */
  String[] exclusions() default {};

  /** Largest event inspected, bytes. Env: {@code WARDEN_MAX_BYTES}. */
  long maxBytes() default -1;

  /** Deepest nesting walked. Env: {@code WARDEN_MAX_DEPTH}. */
  int maxDepth() default -1;

  /** Most values collected per event. Env: {@code WARDEN_MAX_FIELDS}. */
  int maxFields() default -1;

  /** Longest single value inspected, characters. Env: {@code WARDEN_MAX_VALUE_CHARS}. */
  int maxValueChars() default -1;

  /** Inspection time budget per invocation, milliseconds. Env: {@code WARDEN_TIME_BUDGET_MS}. */
  long timeBudgetMillis() default -1;

  /**
   * Extra field, header or parameter names whose values are secrets and never logged (added to
   * the built-ins: password, secret, token, api key, credential, authorization, cookie…). Env:
   * {@code WARDEN_REDACT_FIELDS} (comma-separated; adds to these).
   */
  String[] redactFields() default {};

  /**
   * Extra RE2 patterns whose matches are never logged (linear-time matching; bad patterns fail at
   * init). Env: {@code WARDEN_REDACT_PATTERNS} (one per line; adds to these).
   */
  String[] redactPatterns() default {};

  /** Most security events one invocation logs; the rest are counted in one summary. Env: {@code WARDEN_MAX_EVENTS_PER_INVOCATION}. */
  int maxEventsPerInvocation() default -1;

  /** Most security events per second across invocations. Env: {@code WARDEN_MAX_EVENTS_PER_SECOND}. */
  int maxEventsPerSecond() default -1;

  /** One CloudWatch Embedded Metric Format line per invocation. Env: {@code WARDEN_METRICS} (on/off). */
  boolean metrics() default true;
}
