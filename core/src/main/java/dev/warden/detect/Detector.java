package dev.warden.detect;

import dev.warden.extract.Input;
import java.util.Optional;

/**
 * Inspects one untrusted value for one class of attack.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link #id()} is a stable kebab-case string, the same in config, events and tests.</li>
 *   <li>{@link #inspect(Input)} runs in time linear in the input length, never runs a
 *       backtracking regular expression on the text, and should never throw. The engine still
 *       guards every call: a throw becomes a {@code guard-error} event, not a failed invocation.</li>
 *   <li>Implementations are stateless or thread-safe: one instance serves concurrent invocations.</li>
 * </ul>
 * The engine calls a detector once per decoded variant of each input (see
 * {@code dev.warden.normalize.Normalizer}); detectors need not decode URL escapes themselves.
 *
 * <p>Built-ins are listed in {@code META-INF/services/dev.warden.detect.Detector}.
 */
public interface Detector {

  /** Stable kebab-case id, e.g. {@code sqli}. */
  String id();

  /** A finding when the value carries an attack of this class, otherwise empty. */
  Optional<Finding> inspect(Input in);

  /**
   * A cheap necessary condition, checked before {@link #inspect}: false only when
   * {@code inspect(in)} certainly finds nothing, judged from the characters of the text alone
   * ({@code chars} is {@code CharMask.of(in.text())}, computed once for all detectors) or from a
   * short scan. Most benign values (ids, words, numbers) lack every character an attack of a
   * class needs, and skipping them is what keeps per-event cost low. The default, true, is always
   * correct. Must never throw; must not be slower than a scan of the text.
   */
  default boolean mayMatch(Input in, CharMask chars) {
    return true;
  }

  /**
   * ASCII characters at least one of which an ASCII text must hold for {@link #mayMatch} to be
   * true, or null when there is no such set. The engine compares the value's character mask with
   * it and skips the detector without a call when an ASCII value holds none of them; a value with
   * any character beyond ASCII is always given to {@code mayMatch}. The default, null, is always
   * correct.
   */
  default CharMask gate() {
    return null;
  }

  /**
   * True when whether {@link #inspect} finds something depends only on the input's
   * {@link Input#text() text} and {@link Input#name() name} flag, never on its source, its path,
   * the time or any state that changes. When every running detector says so, the engine inspects
   * a field name once and skips it when it comes again and the first inspection found nothing:
   * within one event (the keys of each element of a JSON array) and in later invocations of the
   * same handler (a bounded number of names). The default, false, is always correct.
   */
  default boolean textOnly() {
    return false;
  }
}
