package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of secret redaction. The fuzzer picks an AWS access key id or secret
 * access key of the documented shape and arbitrary text around it (kept apart from the secret by a
 * blank, as in any log or form). Properties: {@link Redactor#redact} and
 * {@link Evidence#excerpt} never throw, never let the secret through, and the excerpt stays
 * bounded and free of raw control characters whatever offsets it is given.
 */
class RedactionFuzzTest {

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** AKIA + 16 of [A-Z2-7], or a 40-character key with upper, lower and digit present. */
  static String secret(FuzzedDataProvider data) {
    StringBuilder sb = new StringBuilder(40);
    if (data.consumeBoolean()) {
      sb.append("AKIA");
      for (int i = 0; i < 16; i++) {
        sb.append(BASE32.charAt(data.consumeInt(0, BASE32.length() - 1)));
      }
    } else {
      sb.append("aK7");
      for (int i = 0; i < 37; i++) {
        sb.append(B64.charAt(data.consumeInt(0, B64.length() - 1)));
      }
    }
    return sb.toString();
  }

  @FuzzTest(maxDuration = "30s")
  void redact_secretInArbitraryText_neverLeaks(FuzzedDataProvider data) {
    String secret = secret(data);
    String prefix = data.consumeString(2000);
    String suffix = data.consumeRemainingAsString();
    String text = prefix + " " + secret + " " + suffix;
    String out = Redactor.DEFAULT.redact(text);
    assertThat(out).doesNotContain(secret);
  }

  @FuzzTest(maxDuration = "30s")
  void excerpt_arbitraryTextAndOffsets_boundedNeutralAndRedacted(FuzzedDataProvider data) {
    String secret = secret(data);
    int start = data.consumeInt();
    int end = data.consumeInt();
    String prefix = data.consumeString(8000);
    String suffix = data.consumeRemainingAsString();
    String text = prefix + " " + secret + " " + suffix;
    String out = Evidence.excerpt(text, start, end);
    assertThat(out.length()).isLessThanOrEqualTo(Evidence.MAX_CHARS * 6 + 64);
    assertThat(out).doesNotContain(secret);
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      assertThat(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029').as("raw control char %04x", (int) c).isFalse();
    }
    // The secret as the evidence's own subject must be redacted as well.
    int s = prefix.length() + 1;
    assertThat(Evidence.excerpt(text, s, s + secret.length())).doesNotContain(secret);
  }
}
