package dev.warden.extract;

import java.util.Locale;

/**
 * Where an untrusted value came from. The id is stable and appears in config, events and tests.
 */
public enum Source {
  /** URL query parameter. */
  QUERY,
  /** HTTP request header. */
  HEADER,
  /** HTTP cookie. */
  COOKIE,
  /** URL path or path parameter. */
  PATH,
  /** Request body (HTTP body, or a field inside it). */
  BODY,
  /** Queue, topic or stream message payload. */
  MESSAGE,
  /** Message or record attribute (SQS/SNS message attributes, Kafka headers). */
  ATTRIBUTE,
  /** Storage object key (S3), chosen by whoever uploaded the object. */
  OBJECT_KEY,
  /** Anything else the extractor could not place more precisely. */
  OTHER;

  private final String id = name().toLowerCase(Locale.ROOT).replace('_', '-');

  /** Stable kebab-case id, e.g. {@code object-key}. */
  public String id() {
    return id;
  }
}
