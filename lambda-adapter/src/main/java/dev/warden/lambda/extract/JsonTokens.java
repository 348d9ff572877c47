package dev.warden.lambda.extract;

/**
 * The token stream {@link Json#walk} reads: Warden's own {@link JsonText} for text, or a
 * jackson-core parser where one already exists (a tree from data binding). Implementations throw
 * {@link JsonText.Malformed} for input that is not JSON and {@link JsonText.TooLarge} past their
 * size bounds, nothing else.
 */
interface JsonTokens {

  /** What {@link #next} read. Numbers, booleans and null are all {@code VALUE_OTHER}. */
  enum Kind { START_OBJECT, START_ARRAY, END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_STRING, VALUE_OTHER }

  /** The next token, or null at the end of the document. */
  Kind next();

  /** The name after {@code FIELD_NAME}, the decoded text after {@code VALUE_STRING}. */
  String text();

  /** After a {@code START_*}: reads through the matching end. */
  void skipChildren();
}
