package dev.warden.policy;

import java.time.Duration;

/**
 * Bounds on every walk over untrusted data. Exceeding one is a {@code limit-exceeded} finding that
 * the policy handles like any other, never an exception.
 *
 * @param maxBytes largest event (serialized) Warden inspects
 * @param maxDepth deepest nesting of objects and arrays walked
 * @param maxFields most values and names collected from one event
 * @param maxValueChars longest single value inspected
 * @param timeBudget inspection time per invocation; past it Warden stops inspecting, logs one
 *     event and lets the fail-open/fail-closed setting decide
 * @param maxDecompressedBytes most bytes Warden inflates from one compressed payload (CloudWatch
 *     Logs subscription data is gzip inside base64); more is {@code limit-exceeded/decompressed-size}.
 *     A gzip bomb inflates about 1000:1, so the compressed size says nothing about the cost.
 */
public record Limits(long maxBytes, int maxDepth, int maxFields, int maxValueChars, Duration timeBudget,
    long maxDecompressedBytes) {

  /** Default most bytes inflated from one compressed payload: 8 MiB. */
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 8L * 1024 * 1024;

  /**
   * 6 MiB (the synchronous Lambda payload limit), depth 64, 10 000 fields, 256 KiB per value, 10 ms,
   * 8 MiB decompressed.
   */
  public static final Limits DEFAULT = new Limits(6L * 1024 * 1024, 64, 10_000, 256 * 1024, Duration.ofMillis(10),
      DEFAULT_MAX_DECOMPRESSED_BYTES);

  public Limits {
    if (maxBytes < 1 || maxDepth < 1 || maxFields < 1 || maxValueChars < 1 || maxDecompressedBytes < 1) {
      throw new IllegalArgumentException("limits must be positive: maxBytes=" + maxBytes + ", maxDepth="
          + maxDepth + ", maxFields=" + maxFields + ", maxValueChars=" + maxValueChars
          + ", maxDecompressedBytes=" + maxDecompressedBytes);
    }
    if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("timeBudget must be positive: " + timeBudget);
    }
  }

  /** Limits with the default {@link #DEFAULT_MAX_DECOMPRESSED_BYTES}. */
  public Limits(long maxBytes, int maxDepth, int maxFields, int maxValueChars, Duration timeBudget) {
    this(maxBytes, maxDepth, maxFields, maxValueChars, timeBudget, DEFAULT_MAX_DECOMPRESSED_BYTES);
  }
}
