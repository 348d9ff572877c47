package dev.warden.normalize;

/**
 * Reads {@code +} as a blank, as HTML form decoding ({@code application/x-www-form-urlencoded},
 * WHATWG URL standard) and most server query parsers do: {@code 1'+UNION+SELECT+password} is what
 * the application sees as {@code 1' UNION SELECT password}. Applied only to text with no literal
 * blank: form-encoded text never has one, so prose and ordinary values that happen to hold a
 * {@code +} (phone numbers, sums, base64) keep theirs in every other variant. Runs before percent
 * decoding, so an encoded plus ({@code %2B}) stays a plus.
 *
 * <p>Stateless and thread-safe; one pass, linear; never throws.
 */
public final class FormPlusDecoder implements Decoder {

  @Override
  public String id() {
    return "form-plus";
  }

  @Override
  public String decode(String s) {
    if (s.indexOf('+') < 0 || s.indexOf(' ') >= 0) {
      return s;
    }
    return s.replace('+', ' ');
  }
}
