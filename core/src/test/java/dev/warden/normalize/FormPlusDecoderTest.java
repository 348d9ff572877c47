package dev.warden.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormPlusDecoderTest {

  private final FormPlusDecoder d = new FormPlusDecoder();

  @Test
  void decode_formEncodedPlus_becomesBlank() {
    assertThat(d.decode("1'+UNION+SELECT+password")).isEqualTo("1' UNION SELECT password");
  }

  @Test
  void decode_textWithLiteralBlank_isReturnedAsIs() {
    String s = "call +1 555 0100";
    assertThat(d.decode(s)).isSameAs(s);
  }

  @Test
  void decode_noPlus_isReturnedAsIs() {
    String s = "plain";
    assertThat(d.decode(s)).isSameAs(s);
  }

  @Test
  void standardNormalizer_encodedPlus_staysPlus() {
    assertThat(Normalizer.standard().variants("a%2Bb+c")).contains("a+b c");
  }
}
