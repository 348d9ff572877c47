package dev.warden.extract;

import dev.warden.detect.Finding;
import dev.warden.policy.Limits;
import dev.warden.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects the inputs of one invocation under the policy's limits. Extractors add values here and
 * ask it before descending; when a limit is hit the collector records one {@code limit-exceeded}
 * finding per rule and refuses further values instead of throwing.
 *
 * <p>Per-invocation state: not thread-safe, never shared between invocations.
 */
public final class InputCollector {

  private final Limits limits;
  /** The policy whose header list applies. */
  private final Policy headers;
  private final List<Input> inputs = new ArrayList<>();
  private final List<Finding> limitFindings = new ArrayList<>(0);
  private final List<Skip> skipped = new ArrayList<>(0);
  private boolean full;
  private boolean depthReported;
  private boolean lengthReported;
  private boolean bytesReported;
  private boolean decompressedReported;
  private boolean overflowed;

  /**
   * A part of the event Warden chose not to inspect, and why (a binary body, for instance). Not a
   * finding: nothing is refused for it, but it is on the verdict so a skip is never silent.
   *
   * @param source where the part sat
   * @param path its location
   * @param reason a short stable phrase such as {@code binary content-type image/png}
   */
  public record Skip(Source source, String path, String reason) {}

  /** Most limit findings per invocation before the collector stops (see {@link #nextRecord()}). */
  static final int MAX_LIMIT_FINDINGS = 64;

  /** Most skips recorded per invocation (a batch of binary records is one story, not a thousand). */
  static final int MAX_SKIPS = 16;

  /** A collector with {@link Policy#DEFAULT_IGNORED_HEADERS}. */
  public InputCollector(Limits limits) {
    this(limits, DefaultHeaders.POLICY);
  }

  /** Made on first use: only collectors built from bare limits need it. */
  private static final class DefaultHeaders {
    static final Policy POLICY = Policy.defaults();
  }

  /** A collector for one invocation under {@code policy}'s limits and header list. */
  public InputCollector(Policy policy) {
    this(policy.limits(), policy);
  }

  private InputCollector(Limits limits, Policy headers) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.headers = Objects.requireNonNull(headers, "policy");
  }

  /** Whether the policy says not to inspect this HTTP header (any case). */
  public boolean ignoresHeader(String name) {
    return headers.ignoresHeader(name);
  }

  /** Records that a part was deliberately not inspected (kept on the verdict, not a finding). */
  public void skipped(Source source, String path, String reason) {
    if (skipped.size() < MAX_SKIPS) {
      skipped.add(new Skip(source, path, reason));
    }
  }

  /** What was deliberately not inspected, in order (at most {@value #MAX_SKIPS}). */
  public List<Skip> skipped() {
    return skipped;
  }

  /**
   * True while {@code bytes} inflated so far are within {@code maxDecompressedBytes}; otherwise
   * records {@code decompressed-size} once and returns false.
   */
  public boolean decompressed(long bytes, Source source, String path) {
    if (bytes <= limits.maxDecompressedBytes()) {
      return true;
    }
    if (!decompressedReported) {
      decompressedReported = true;
      report(limit("decompressed-size", source, path,
          "more than " + limits.maxDecompressedBytes() + " bytes after decompression"));
    }
    return false;
  }

  public Limits limits() {
    return limits;
  }

  /** Adds a field value. Returns false once {@code maxFields} is reached (and records it). */
  public boolean value(Source source, String path, String text) {
    return add(source, path, text, false);
  }

  /** Adds a field name. Returns false once {@code maxFields} is reached (and records it). */
  public boolean name(Source source, String path, String text) {
    return add(source, path, text, true);
  }

  private boolean add(Source source, String path, String text, boolean name) {
    if (text == null || text.isEmpty()) {
      return !full;
    }
    if (full) {
      return false;
    }
    if (inputs.size() >= limits.maxFields()) {
      full = true;
      report(limit("max-fields", source, path, "more than " + limits.maxFields() + " fields"));
      return false;
    }
    if (text.length() > limits.maxValueChars()) {
      // Inspect the part we may afford; an attack is rarely only at the far end of a huge value,
      // and the oversize itself is reported so the policy can refuse it.
      if (!lengthReported) {
        lengthReported = true;
        report(limit("value-too-long", source, path,
            text.length() + " characters, limit " + limits.maxValueChars()));
      }
      text = text.substring(0, limits.maxValueChars());
    }
    inputs.add(new Input(source, path, text, name));
    return true;
  }

  /** True while {@code depth} is within {@code maxDepth}; otherwise records it once and returns false. */
  public boolean depth(int depth, Source source, String path) {
    if (depth <= limits.maxDepth()) {
      return true;
    }
    if (!depthReported) {
      depthReported = true;
      report(limit("max-depth", source, path, "nesting deeper than " + limits.maxDepth()));
    }
    return false;
  }

  /** True while {@code bytes} is within {@code maxBytes}; otherwise records it once and returns false. */
  public boolean size(long bytes, Source source, String path) {
    if (bytes <= limits.maxBytes()) {
      return true;
    }
    if (!bytesReported) {
      bytesReported = true;
      report(limit("max-bytes", source, path, bytes + " bytes, limit " + limits.maxBytes()));
    }
    return false;
  }

  /** Records a limit of another kind (decompressed size, unparsable body...) under {@code rule}. */
  public void exceeded(String rule, Source source, String path, String detail) {
    report(limit(rule, source, path, detail));
  }

  /**
   * Starts the next record of a batch (SQS message, stream record): limits reported once per
   * event are reported again, in this record, so every record that breaks a limit carries its own
   * finding and can be refused on its own.
   */
  public void nextRecord() {
    depthReported = false;
    lengthReported = false;
    bytesReported = false;
    decompressedReported = false;
  }

  /**
   * Adds a limit finding. Past {@value #MAX_LIMIT_FINDINGS} of them (a batch of thousands of
   * oversized records) the collector stops: one {@code max-fields} finding says the rest of the
   * event was not inspected, so nothing after it can pass as clean.
   */
  private void report(Finding f) {
    if (limitFindings.size() < MAX_LIMIT_FINDINGS) {
      limitFindings.add(f);
      return;
    }
    if (!overflowed) {
      overflowed = true;
      full = true;
      limitFindings.add(new Finding(Policy.LIMIT_DETECTOR, "max-fields", f.source(), f.location(),
          "more than " + MAX_LIMIT_FINDINGS + " limit violations; the rest of the event was not inspected"));
    }
  }

  /** True once {@code maxFields} has been reached: extractors should stop walking. */
  public boolean full() {
    return full;
  }

  public List<Input> inputs() {
    return inputs;
  }

  public List<Finding> limitFindings() {
    return limitFindings;
  }

  private static Finding limit(String rule, Source source, String path, String detail) {
    return new Finding(Policy.LIMIT_DETECTOR, rule, source, path, detail);
  }
}
