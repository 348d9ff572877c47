package dev.warden.extract;

import java.util.Objects;

/**
 * One attacker-controlled value: where it came from, where it sits in the event, and its text.
 *
 * <p>{@code path} is a stable, readable location such as {@code query.id},
 * {@code body.items[2].name} or {@code sqs[0].body}. {@code name} is true when the text is the
 * <em>name</em> of a field (a JSON key, a query parameter name) rather than its value: NoSQL
 * operator injection and prototype-style attacks live in names.
 *
 * <p>Immutable and thread-safe. The text may be hostile: consumers must treat it as such and never
 * run backtracking regular expressions on it.
 */
public record Input(Source source, String path, String text, boolean name) {

  public Input {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(text, "text");
  }

  /** A field value. */
  public static Input value(Source source, String path, String text) {
    return new Input(source, path, text, false);
  }

  /** A field name (JSON key, parameter name). */
  public static Input name(Source source, String path, String text) {
    return new Input(source, path, text, true);
  }

  /** The same location with another text, e.g. a decoded variant. */
  public Input withText(String newText) {
    return newText.equals(text) ? this : new Input(source, path, newText, name);
  }
}
