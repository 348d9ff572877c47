package dev.warden.normalize;

/**
 * One decoding layer (URL escapes, HTML entities, ...). Implementations are stateless, run in time
 * linear in the input and never throw: text that is not validly encoded decodes as far as it can
 * and the rest is kept as is.
 */
public interface Decoder {

  /** Stable kebab-case id, e.g. {@code url}. */
  String id();

  /** The decoded text, or the very same instance when this layer changes nothing. */
  String decode(String text);
}
