package dev.warden.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecodersTest {

  private static final List<Decoder> ALL = List.of(new PercentDecoder(), new HtmlEntityDecoder(),
      new JsEscapeDecoder(), new OverlongUtf8Decoder(), new CompatibilityFoldDecoder(),
      new NulRemovalDecoder());

  // ---- exhaustive ranges ----

  @Test
  void percent_everyByte_decodesToUtf8OrLatin1() {
    for (int b = 0; b < 256; b++) {
      String enc = String.format("%%%02x", b);
      String dec = new PercentDecoder().decode(enc);
      assertThat(dec).as(enc).isEqualTo(String.valueOf((char) b));
      assertThat(new PercentDecoder().decode(enc.toUpperCase())).as(enc).isEqualTo(dec);
    }
  }

  @Test
  void percent_everyTwoByteSequence_validUtf8OrLatin1PerByte() {
    for (int b0 = 0xc0; b0 < 0x100; b0++) {
      for (int b1 = 0x80; b1 < 0xc0; b1++) {
        String dec = new PercentDecoder().decode(String.format("%%%02x%%%02x", b0, b1));
        String expected = b0 >= 0xc2 && b0 < 0xe0
            ? new String(new byte[] {(byte) b0, (byte) b1}, StandardCharsets.UTF_8)
            : "" + (char) b0 + (char) b1;
        assertThat(dec).isEqualTo(expected);
      }
    }
  }

  @Test
  void overlong_everyTwoByteOverlongAscii_decodesToAscii() {
    for (int v = 0; v < 0x80; v++) {
      String two = "" + (char) (0xc0 | v >> 6) + (char) (0x80 | v & 0x3f);
      String three = "" + (char) 0xe0 + (char) (0x80 | v >> 6) + (char) (0x80 | v & 0x3f);
      String four = "" + (char) 0xf0 + (char) 0x80 + (char) (0x80 | v >> 6) + (char) (0x80 | v & 0x3f);
      assertThat(new OverlongUtf8Decoder().decode(two)).isEqualTo(String.valueOf((char) v));
      assertThat(new OverlongUtf8Decoder().decode(three)).isEqualTo(String.valueOf((char) v));
      assertThat(new OverlongUtf8Decoder().decode(four)).isEqualTo(String.valueOf((char) v));
    }
  }

  @Test
  void overlong_everyShortestFormTwoByte_isKept() {
    for (int b0 = 0xc2; b0 < 0xe0; b0++) {
      for (int b1 = 0x80; b1 < 0xc0; b1++) {
        String s = "" + (char) b0 + (char) b1;
        assertThat(new OverlongUtf8Decoder().decode(s)).isSameAs(s);
      }
    }
  }

  @Test
  void compat_everyFullwidthAscii_foldsToAscii() {
    for (char c = '\uff01'; c <= '\uff5e'; c++) {
      assertThat(new CompatibilityFoldDecoder().decode("a" + c + "b"))
          .isEqualTo("a" + (char) (c - 0xfee0) + "b");
    }
    assertThat(new CompatibilityFoldDecoder().decode("\uff00\uff5f")).isEqualTo("\uff00\uff5f");
  }

  @Test
  void compat_everyBmpCharOutsideTable_isKept() {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < 0x10000; c++) {
      if (CompatibilityFoldDecoder.fold((char) c) == null) {
        sb.append((char) c);
      }
    }
    String s = sb.toString();
    assertThat(new CompatibilityFoldDecoder().decode(s)).isSameAs(s);
  }

  @Test
  void html_everyAsciiDecimalAndHex_decodes() {
    for (int c = 1; c < 0x80; c++) {
      String ch = String.valueOf((char) c);
      HtmlEntityDecoder d = new HtmlEntityDecoder();
      assertThat(d.decode("&#" + c + ";")).isEqualTo(ch);
      assertThat(d.decode("&#" + c)).isEqualTo(ch);
      assertThat(d.decode("&#x" + Integer.toHexString(c) + ";")).isEqualTo(ch);
      assertThat(d.decode("&#X000" + Integer.toHexString(c).toUpperCase())).isEqualTo(ch);
    }
  }

  @Test
  void js_everyAsciiUnicodeAndHexEscape_decodes() {
    for (int c = 0; c < 0x80; c++) {
      String ch = String.valueOf((char) c);
      JsEscapeDecoder d = new JsEscapeDecoder();
      assertThat(d.decode(String.format("\\u%04x", c))).isEqualTo(ch);
      assertThat(d.decode(String.format("\\x%02X", c))).isEqualTo(ch);
      assertThat(d.decode(String.format("\\u{%x}", c))).isEqualTo(ch);
    }
  }

  // ---- golden ----

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "&lt;script&gt;|<script>",
    "&LT;b&gt|<b>",
    "&#46;&#46;&sol;etc|../etc",
    "&#x2E&#x2e/|../",
    "&period;&period;&bsol;|..\\",
    "a &unknown; b &#xZZ; &#;|a &unknown; b &#xZZ; &#;",
    "&#1114112;&#0;&#xD800;|&#1114112;&#0;&#xD800;",
    "&#0000000000000000000000000000060;|<",
    "&#000000000000000000000000000000000000000060;|&#000000000000000000000000000000000000000060;",
    "Tom &amp Jerry|Tom & Jerry",
  })
  void html_golden(String in, String out) {
    assertThat(new HtmlEntityDecoder().decode(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "\\u002e\\u002e\\u002f|../",
    "\\x3cscript\\x3e|<script>",
    "http:\\/\\/x|http://x",
    "\\u{1F600}|\uD83D\uDE00",
    "\\u12|\\u12",
    "\\x4|\\x4",
    "\\q|\\q",
    "\\u{110000}|\\u{110000}",
  })
  void js_golden(String in, String out) {
    assertThat(new JsEscapeDecoder().decode(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "%c0%ae%c0%ae%c0%af|../",
    "%e0%80%ae%e0%80%ae/|../",
    "%f0%80%80%af|/",
    "%f8%80%80%80%ae|.",
    "%fc%80%80%80%80%af|/",
    "%c1%9c|\\",
    "%c3%a9t%c3%a9|\u00e9t\u00e9",
  })
  void overlong_afterPercent_golden(String in, String out) {
    assertThat(new OverlongUtf8Decoder().decode(new PercentDecoder().decode(in))).isEqualTo(out);
  }

  @Test
  void percent_overlongThreeByte_staysLatin1NotReplacementChar() {
    assertThat(new PercentDecoder().decode("%e0%80%ae")).isEqualTo("\u00e0\u0080\u00ae");
    assertThat(new PercentDecoder().decode("%ed%a0%80")).isEqualTo("\u00ed\u00a0\u0080");
    assertThat(new PercentDecoder().decode("%e2%88%95")).isEqualTo("\u2215");
  }

  @Test
  void compat_slashLookalikes_fold() {
    assertThat(new CompatibilityFoldDecoder().decode("\uff0e\uff0e\u2215etc\u2216x\u2025/"))
        .isEqualTo("../etc\\x../");
    assertThat(new CompatibilityFoldDecoder().decode("wait\u2026")).isEqualTo("wait\u2026");
  }

  @Test
  void js_newlineAndTrailingBackslash_decodedOrKept() {
    assertThat(new JsEscapeDecoder().decode("a\\nb\\tc")).isEqualTo("a\nb\tc");
    assertThat(new JsEscapeDecoder().decode("end\\")).isEqualTo("end\\");
  }

  @Test
  void nul_removed() {
    assertThat(new NulRemovalDecoder().decode(".\0.\0/")).isEqualTo("../");
    assertThat(new NulRemovalDecoder().decode("abc")).isEqualTo("abc");
  }

  @Test
  void standard_percentThenOverlong_reachesPlainText() {
    assertThat(Normalizer.standard().variants("%c0%ae%c0%ae%c0%afetc%c0%afpasswd"))
        .first().isEqualTo("%c0%ae%c0%ae%c0%afetc%c0%afpasswd");
    assertThat(Normalizer.standard().variants("%c0%ae%c0%ae%c0%afetc%c0%afpasswd"))
        .contains("../etc/passwd");
    assertThat(Normalizer.standard().variants("%25uff0e%25uff0e%25u2215")).contains("../");
    assertThat(Normalizer.standard().variants("plain text")).containsExactly("plain text");
  }

  @Test
  void standard_variantsBounded() {
    String s = "%25252525252e&#x25;\\u0025%c0%ae\uff05";
    assertThat(Normalizer.standard().variants(s)).hasSizeLessThanOrEqualTo(Normalizer.STANDARD_VARIANTS);
  }

  // ---- hostile input ----

  @Test
  void allDecoders_garbageAndHugeInput_neverThrowAndStayLinear() {
    Random r = new Random(42);
    for (int k = 0; k < 2000; k++) {
      char[] cs = new char[r.nextInt(40)];
      for (int j = 0; j < cs.length; j++) {
        cs[j] = r.nextInt(3) == 0 ? "%&#\\ux{};.\0\uff0e\u00c0\u00ae\ud800".charAt(r.nextInt(15))
            : (char) r.nextInt(0x10000);
      }
      String s = new String(cs);
      for (Decoder d : ALL) {
        d.decode(s);
      }
      Normalizer.standard().variants(s);
    }
    String[] units = {"&#x", "\\u{", "%c0", "\u00c0", "&amp", "\\", "%", "&#0000"};
    long start = System.nanoTime();
    for (String u : units) {
      String big = u.repeat(1_000_000 / u.length());
      Normalizer.standard().variants(big);
    }
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L * units.length);
  }
}
