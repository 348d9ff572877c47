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
   * Most bytes inflated from one compressed payload (CloudWatch Logs data). Env:
   * {@code WARDEN_MAX_DECOMPRESSED_BYTES}.
   */
  long maxDecompressedBytes() default -1;

  /**
   * HTTP headers not inspected, case-insensitive, {@code prefix*} allowed; {@code "defaults"}
   * stands for Warden's list (transport headers set by API Gateway, CloudFront and ALB), so
   * {@code {"defaults", "x-request-id"}} adds one. Env: {@code WARDEN_IGNORED_HEADERS}
   * (comma-separated, replaces this list).
   */
  String[] ignoredHeaders() default {"defaults"};
}
