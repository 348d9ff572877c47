package dev.warden.lambda.extract;

import dev.warden.extract.InputCollector;
import java.util.Map;

/**
 * Finds every attacker-controlled value in one type of Lambda event and adds it, with a stable
 * location path, to the invocation's {@link InputCollector}.
 *
 * <p>Implementations are stateless and thread-safe, never throw for a well-typed event (missing
 * parts are simply absent), and respect the collector's limits: they stop walking when it is
 * {@linkplain InputCollector#full() full} and ask it before descending.
 *
 * @param <T> the event type
 */
public interface Extractor<T> {

  /** The event type this extractor reads. */
  Class<T> type();

  /** Stable kebab-case trigger id, e.g. {@code apigateway-rest}. */
  String trigger();

  /** Adds the event's untrusted values to {@code out}. */
  void extract(T event, InputCollector out);

  /** Request attributes for security events ({@code source-ip}, {@code method}, {@code path}, {@code user-agent}). */
  default Map<String, String> request(T event) {
    return Map.of();
  }
}
