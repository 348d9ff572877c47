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

  // Runtime guards (docs/GUARDS.md). Actions are "block", "alert" or "allow"; "" keeps the default.

  /** Install the runtime guards when the handler is built. Env: {@code WARDEN_GUARDS}. */
  boolean guards() default true;

  /**
   * Egress allow-list: {@code "api.example.com:443"}, {@code "*.example.com"}, {@code "10.0.0.0/8"},
   * {@code "[fd00::/8]:443"}. The Lambda Runtime API is always allowed. Env: {@code WARDEN_EGRESS}.
   */
  String[] egress() default {};

  /** Named egress presets: {@code "aws-services"}. Env: {@code WARDEN_EGRESS_PRESETS}. */
  String[] egressPresets() default {};

  /** Default: block when egress rules are given, else allow. Env: {@code WARDEN_EGRESS_ACTION}. */
  String egressAction() default "";

  /** Default alert. Env: {@code WARDEN_PROCESS_ACTION}. */
  String processAction() default "";

  /** Executables that may be started (exact path, or a bare name run through PATH). Env: {@code WARDEN_ALLOWED_EXECUTABLES}. */
  String[] allowedExecutables() default {};

  /** Default block. Env: {@code WARDEN_FILE_ACTION}. */
  String fileAction() default "";

  /** Where files may be written; empty keeps {@code /tmp}. Env: {@code WARDEN_FILE_WRITE_PREFIXES}. */
  String[] fileWritePrefixes() default {};

  /** Refuse reads of the function's code ({@code /var/task}, {@code LAMBDA_TASK_ROOT}). Env: {@code WARDEN_PROTECT_CODE}. */
  boolean protectCode() default false;

  /** Default block. Env: {@code WARDEN_DESERIALIZATION_ACTION}. */
  String deserializationAction() default "";

  /** Extra denied classes or packages ({@code "com.example.legacy."}). Env: {@code WARDEN_DESERIALIZATION_DENY}. */
  String[] deserializationDeny() default {};

  /** Default block. Env: {@code WARDEN_JNDI_ACTION}. */
  String jndiAction() default "";

  /**
   * Also install a JVM-wide socket factory (covers {@code Proxy.NO_PROXY} sockets; breaks
   * {@code SSLServerSocket.accept}, see docs/GUARDS.md). Env: {@code WARDEN_SOCKET_FACTORY}.
   */
  boolean socketFactory() default false;
}
