package dev.warden.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {

  /** The standard layers without the plain-ASCII shortcut: the reference the shortcut must match. */
  private static Normalizer withoutShortcut() {
    Decoder percent = new PercentDecoder();
    Decoder all = new ChainDecoder("all", List.of(new FormPlusDecoder(), percent, new OverlongUtf8Decoder(),
        new HtmlEntityDecoder(),
        new JsEscapeDecoder(), new CompatibilityFoldDecoder(), new NulRemovalDecoder()));
    return new Normalizer(List.of(percent, all), Normalizer.STANDARD_PASSES, Normalizer.STANDARD_VARIANTS);
  }

  @Test
  void variants_everyCharacter_shortcutMatchesFullDecoding() {
    Normalizer fast = Normalizer.standard();
    Normalizer full = withoutShortcut();
    for (int c = 0; c <= 0xffff; c++) {
      String s = "a" + (char) c + "0x2e" + (char) c + (char) c + "b";
      assertThat(fast.variants(s)).as("U+%04X", c).isEqualTo(full.variants(s));
    }
  }

  @Test
  void variants_oneEscapeOfEachLayer_isDecodedDespiteShortcut() {
    Normalizer fast = Normalizer.standard();
    Normalizer full = withoutShortcut();
    for (String s : List.of("id=%27", "&lt;b&gt;", "\\u003cb", "a\u0000b", "\u00c0\u00ae", "\uff1cb\uff1e")) {
      assertThat(fast.variants(s)).as(s).hasSizeGreaterThan(1).isEqualTo(full.variants(s));
    }
  }

  @Test
  void variants_plainAscii_isOnlyItself() {
    String s = "Mozilla/5.0 (X11; Linux x86_64) id=1' OR '1'='1 <script>alert(1)</script> ${jndi:x}";
    assertThat(Normalizer.standard().variants(s)).containsExactly(s);
    assertThat(withoutShortcut().variants(s)).containsExactly(s);
  }


  @Test
  void layerAscii_isExactlyTheAsciiThatPlainRejects() {
    // The engine skips variants() for ASCII values without LAYER_ASCII: the two must agree.
    for (char c = 0; c < 128; c++) {
      assertThat(Normalizer.LAYER_ASCII.indexOf(c) < 0).as("U+%04X", (int) c)
          .isEqualTo(Normalizer.plain("a" + c + "b"));
    }
    assertThat(Normalizer.standard().leavesPlainAscii()).isTrue();
    assertThat(withoutShortcut().leavesPlainAscii()).isFalse();
  }

  @Test
  void noEscapes_randomTextWithLayerCharacters_meansFullDecodingChangesNothing() {
    String alphabet = "%%&&++  #;:aAfFgGuUzZ0129xX.-";
    java.util.Random r = new java.util.Random(17);
    Normalizer full = withoutShortcut();
    int quiet = 0;
    for (int k = 0; k < 200_000; k++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0, n = 1 + r.nextInt(9); i < n; i++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      if (Normalizer.noEscapes(s, s.indexOf(' ') >= 0)) {
        quiet++;
        assertThat(full.variants(s)).as(s).containsExactly(s);
      }
    }
    assertThat(quiet).as("values the shortcut lets through").isGreaterThan(20_000);
    assertThat(Normalizer.noEscapes("Recycled polyester (65%), Q & A, +44 20 7946", true)).isTrue();
    assertThat(Normalizer.noEscapes("%41", false)).isFalse();
    assertThat(Normalizer.noEscapes("&lt", false)).isFalse();
    assertThat(Normalizer.noEscapes("a+b", false)).isFalse();
  }

  @Test
  void variants_plainText_isOnlyItself() {
    assertThat(Normalizer.standard().variants("hello world")).containsExactly("hello world");
  }

  @Test
  void variants_doubleEncoded_yieldsEachLayer() {
    assertThat(Normalizer.standard().variants("%252e%252e%252f"))
        .startsWith("%252e%252e%252f", "%2e%2e%2f", "../");
  }

  @Test
  void variants_boundedByMaxVariants() {
    String deep = "%25".repeat(1) + "2525252525252541";
    Normalizer n = new Normalizer(List.of(new PercentDecoder()), 10, 3);
    assertThat(n.variants(deep)).hasSizeLessThanOrEqualTo(3);
  }

  @Test
  void percent_everyByte_decodes() {
    PercentDecoder d = new PercentDecoder();
    for (int b = 0; b < 0x80; b++) {
      String enc = String.format("%%%02X", b);
      assertThat(d.decode(enc)).isEqualTo(String.valueOf((char) b));
      assertThat(d.decode(enc.toLowerCase())).isEqualTo(String.valueOf((char) b));
    }
    for (int b = 0x80; b < 0x100; b++) {
      // A lone high byte is not UTF-8: kept as its Latin-1 character.
      assertThat(d.decode(String.format("%%%02X", b))).isEqualTo(String.valueOf((char) b));
    }
  }

  @Test
  void percent_utf8Sequences_decodeAsUtf8() {
    assertThat(new PercentDecoder().decode("caf%C3%A9 %E2%82%AC")).isEqualTo("café €");
  }

  @Test
  void percent_unicodeEscapes_decode() {
    assertThat(new PercentDecoder().decode("%u002e%u002E%U002f")).isEqualTo("../");
  }

  @Test
  void percent_malformedEscapes_areKept() {
    PercentDecoder d = new PercentDecoder();
    assertThat(d.decode("100%")).isEqualTo("100%");
    assertThat(d.decode("%zz%4")).isEqualTo("%zz%4");
    assertThat(d.decode("%u12")).isEqualTo("%u12");
  }

  @Test
  void percent_unchangedText_returnsSameInstance() {
    String s = "no escapes here";
    assertThat(new PercentDecoder().decode(s)).isSameAs(s);
  }
}
