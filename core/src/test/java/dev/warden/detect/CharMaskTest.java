package dev.warden.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharMaskTest {

  @Test
  void of_everyAsciiCharacter_isSeenAndOnlyItself() {
    for (char c = 0; c < 128; c++) {
      CharMask m = CharMask.of("" + c);
      for (char d = 0; d < 128; d++) {
        assertThat(m.has(d)).as("U+%04X in mask of U+%04X", (int) d, (int) c).isEqualTo(c == d);
      }
      assertThat(m.nonAscii()).isFalse();
    }
  }

  @Test
  void of_nonAscii_setsOnlyTheFlag() {
    CharMask m = CharMask.of("\u00e9\uff1c\u0100");
    assertThat(m.nonAscii()).isTrue();
    assertThat(m.any(CharMask.ascii("<>&'\"abc"))).isFalse();
    assertThat(m.has('<')).isFalse();
  }

  @Test
  void of_everyCharacter_setsItsBitOrTheFlag() {
    CharMask all = CharMask.ascii(allAscii());
    for (int c = 0; c <= 0xFFFF; c++) {
      String s = "a" + (char) c;
      CharMask fast = CharMask.of(s);
      CharMask general = CharMask.of(new StringBuilder(s));
      assertThat(fast.nonAscii()).as("U+%04X", c).isEqualTo(general.nonAscii()).isEqualTo(c >= 0x80);
      assertThat(fast.anyOutside(CharMask.ascii("a"))).as("U+%04X", c).isEqualTo(c < 0x80 && c != 'a');
      assertThat(fast.has((char) c)).as("U+%04X", c).isEqualTo(general.has((char) c)).isEqualTo(c < 0x80);
      assertThat(fast.any(all)).isTrue();
    }
  }

  private static String allAscii() {
    StringBuilder sb = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      sb.append(c);
    }
    return sb.toString();
  }

  @Test
  void any_sharedCharacter_isTrue() {
    CharMask text = CharMask.of("price:asc");
    assertThat(text.any(CharMask.ascii("<:"))).isTrue();
    assertThat(text.any(CharMask.ascii("<>"))).isFalse();
  }

  @Test
  void anyOutside_onlyCharactersOfTheSet_isFalse() {
    assertThat(CharMask.of("abc-12").anyOutside(CharMask.ascii("abcdef-0123456789"))).isFalse();
    assertThat(CharMask.of("abc 12").anyOutside(CharMask.ascii("abcdef-0123456789"))).isTrue();
  }
}
