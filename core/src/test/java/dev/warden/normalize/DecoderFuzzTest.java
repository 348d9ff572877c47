package dev.warden.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Coverage-guided fuzzing of every decoding layer and of the standard {@link Normalizer}.
 * Properties: a decoder never throws, returns the very same instance when it changes nothing (the
 * normalizer relies on it to stop), and never grows text by more than the widest fold (one char to
 * two); the normalizer returns the raw text first and at most
 * {@link Normalizer#STANDARD_VARIANTS} variants, each bounded the same way per pass.
 */
class DecoderFuzzTest {

  private static void check(Decoder d, String text) {
    String out = d.decode(text);
    assertThat(out).isNotNull();
    if (out.equals(text)) {
      assertThat(out).as("unchanged text must come back as the same instance").isSameAs(text);
    }
    assertThat(out.length()).isLessThanOrEqualTo(2 * text.length());
  }

  @FuzzTest(maxDuration = "30s")
  void percent(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    check(new PercentDecoder(), text);
  }

  @FuzzTest(maxDuration = "30s")
  void overlongUtf8(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    check(new OverlongUtf8Decoder(), text);
  }

  @FuzzTest(maxDuration = "30s")
  void htmlEntity(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    check(new HtmlEntityDecoder(), text);
  }

  @FuzzTest(maxDuration = "30s")
  void jsEscape(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    check(new JsEscapeDecoder(), text);
  }

  @FuzzTest(maxDuration = "30s")
  void compatibilityFold(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    check(new CompatibilityFoldDecoder(), text);
  }

  @FuzzTest(maxDuration = "30s")
  void formPlus(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    check(new FormPlusDecoder(), text);
  }

  @FuzzTest(maxDuration = "30s")
  void nulRemoval(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    check(new NulRemovalDecoder(), text);
  }

  @FuzzTest(maxDuration = "30s")
  void standardNormalizer(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    List<String> variants = Normalizer.standard().variants(text);
    assertThat(variants).isNotEmpty().hasSizeLessThanOrEqualTo(Normalizer.STANDARD_VARIANTS);
    assertThat(variants.get(0)).isSameAs(text);
    long bound = (long) text.length() << (2 * Normalizer.STANDARD_PASSES);
    assertThat(variants).allSatisfy(v -> assertThat((long) v.length()).isLessThanOrEqualTo(Math.max(bound, 0)));
  }
}
