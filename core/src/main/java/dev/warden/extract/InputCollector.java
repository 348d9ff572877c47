package dev.warden.extract;

import dev.warden.detect.Finding;
import dev.warden.policy.Limits;
import dev.warden.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the inputs of one invocation under the policy's limits. Extractors add values here and
 * ask it before descending; when a limit is hit the collector records one {@code limit-exceeded}
 * finding per rule and refuses further values instead of throwing.
 *
 * <p>Per-invocation state: not thread-safe, never shared between invocations.
 */
public final class InputCollector {

  private final Limits limits;
  private final List<Input> inputs = new ArrayList<>();
  private final List<Finding> limitFindings = new ArrayList<>(0);
  private boolean full;
  private boolean depthReported;
  private boolean lengthReported;
  private boolean bytesReported;

  public InputCollector(Limits limits) {
    this.limits = limits;
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
      limitFindings.add(limit("max-fields", source, path, "more than " + limits.maxFields() + " fields"));
      return false;
    }
    if (text.length() > limits.maxValueChars()) {
      // Inspect the part we may afford; an attack is rarely only at the far end of a huge value,
      // and the oversize itself is reported so the policy can refuse it.
      if (!lengthReported) {
        lengthReported = true;
        limitFindings.add(limit("value-too-long", source, path,
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
      limitFindings.add(limit("max-depth", source, path, "nesting deeper than " + limits.maxDepth()));
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
      limitFindings.add(limit("max-bytes", source, path, bytes + " bytes, limit " + limits.maxBytes()));
    }
    return false;
  }

  /** Records a limit of another kind (decompressed size, unparsable body...) under {@code rule}. */
  public void exceeded(String rule, Source source, String path, String detail) {
    limitFindings.add(limit(rule, source, path, detail));
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
