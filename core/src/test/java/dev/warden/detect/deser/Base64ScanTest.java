package dev.warden.detect.deser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64ScanTest {

  /**
   * {@code mayHold} spares the decoding of runs it rules out, so it must never rule out one whose
   * decoded bytes the detector flags: magic and every keyword planted at every byte offset in
   * random bytes, base64-encoded (both alphabets), cut at random places, every shift.
   */
  @Test
  void mayHold_fragmentsOfStreamsAndKeywords_neverRulesOutWhatDecodingFlags() {
    Random random = new Random(7);
    List<byte[]> planted = new ArrayList<>();
    planted.add(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
    for (String k : GadgetTable.ENCODED_KEYWORDS) {
      planted.add(k.getBytes(StandardCharsets.US_ASCII));
      planted.add(k.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
    int flagged = 0;
    for (byte[] p : planted) {
      for (int offset = 0; offset < 6; offset++) {
        for (int trail = 0; trail < 6; trail++) {
          byte[] b = new byte[offset + p.length + trail];
          random.nextBytes(b);
          System.arraycopy(p, 0, b, offset, p.length);
          for (String text : List.of(Base64.getEncoder().withoutPadding().encodeToString(b),
              Base64.getUrlEncoder().withoutPadding().encodeToString(b))) {
            for (int cut = 0; cut < 4; cut++) {
              for (int shift = 0; shift < 4; shift++) {
                byte[] decoded = Base64Scan.decode(text, cut, text.length(), shift);
                if (decoded != null && (hasMagic(decoded) || GadgetTable.findInBytes(decoded) != null)) {
                  flagged++;
                  assertThat(Base64Scan.mayHold(text, cut, text.length()) & (1 << shift))
                      .as("%s cut %d shift %d", text, cut, shift).isNotZero();
                }
              }
            }
          }
        }
      }
    }
    assertThat(flagged).as("decodings that flag").isGreaterThan(500);
  }

  /** The shortest run that holds seven letters or dots: a dot that begins after a shift's zeros. */
  @Test
  void mayHold_nineCharactersWithLeadingDot_flagsShiftThree() {
    String encoded = Base64.getEncoder().encodeToString(new byte[] {0, 0, '.', 'a', 'b', 'c', 'd', 'e', 'f'});
    String text = encoded.substring(3); // the three 'A's are what shift 3 puts back
    assertThat(text).hasSize(9);
    assertThat(Base64Scan.mayHold(text, 0, 9)).isEqualTo(1 << 3);
    assertThat(Base64Scan.decode(text, 0, 9, 3)).endsWith('.', 'a', 'b', 'c', 'd', 'e', 'f');
  }

  /**
   * Without an {@code A} the stream magic cannot occur, and the letters-only scan must flag
   * exactly the shifts the full scan flags: random runs of the alphabet (no {@code A}), mostly
   * encodings of letters so that many runs flag.
   */
  @Test
  void mayHold_runWithoutZeroCharacter_lettersOnlyScanFlagsTheSameShifts() {
    Random random = new Random(17);
    String alphabet = "BCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
    int flagged = 0;
    for (int k = 0; k < 200_000; k++) {
      String text;
      if (random.nextBoolean()) {
        byte[] b = new byte[1 + random.nextInt(24)];
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) (random.nextInt(5) == 0 ? random.nextInt(256) : "abcXYZ.mn".charAt(random.nextInt(9)));
        }
        text = Base64.getEncoder().withoutPadding().encodeToString(b).replace('A', 'B');
        text = text.substring(random.nextInt(Math.min(4, text.length())));
      } else {
        StringBuilder sb = new StringBuilder();
        for (int i = 1 + random.nextInt(30); i > 0; i--) {
          sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        text = sb.toString();
      }
      int letters = Base64Scan.mayHold(text, 0, text.length(), false);
      assertThat(letters).as(text).isEqualTo(Base64Scan.mayHold(text, 0, text.length(), true));
      flagged += letters != 0 ? 1 : 0;
    }
    assertThat(flagged).as("runs that flag").isGreaterThan(20_000);
  }

  /** The three cores, spelled in the standard alphabet, are what the encoder writes for the magic. */
  @Test
  void magicCores_areTheCharactersInsideTheMagicAtEachOffset() {
    List<String> cores = new ArrayList<>();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (byte[] core : Base64Scan.MAGIC_CORES) {
      StringBuilder sb = new StringBuilder();
      for (byte v : core) {
        sb.append(alphabet.charAt(v));
      }
      cores.add(sb.toString());
    }
    assertThat(cores).containsExactly("rO0AB", "ztAA", "s7QAF");
    byte[] magic = {(byte) 0xAC, (byte) 0xED, 0, 5};
    Random random = new Random(3);
    for (int lead = 0; lead < 3; lead++) {
      for (int k = 0; k < 50; k++) {
        byte[] b = new byte[lead + 4 + random.nextInt(4)];
        random.nextBytes(b);
        System.arraycopy(magic, 0, b, lead, 4);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        assertThat(Base64Scan.hasMagicCore(text, 0, text.length())).as(text).isTrue();
      }
    }
  }

  /** An {@code A} without a core around it does not make the stream magic possible. */
  @Test
  void hasMagicCore_capitalAInWords_false() {
    for (String w : List.of("AppleWebKit", "AAAA", "rO0A", "ztA", "QAF", "Accept-Language")) {
      assertThat(Base64Scan.hasMagicCore(w, 0, w.length())).as(w).isFalse();
    }
    assertThat(Base64Scan.hasMagicCore("xxrO0ABy", 2, 7)).isTrue();
    assertThat(Base64Scan.hasMagicCore("xxrO0ABy", 3, 8)).isFalse();
  }

  @Test
  void mayHold_ordinaryWordsAndIds_ruledOut() {
    for (String w : List.of("newsletter", "Springfield", "application", "b7e3c1d2-9f4a-4e1b", "analytics")) {
      assertThat(Base64Scan.mayHold(w, 0, w.length())).as(w).isZero();
    }
  }

  @Test
  void mayHold_characterOutsideAlphabet_false() {
    assertThat(Base64Scan.mayHold("rO0AB!", 0, 6)).isZero();
    assertThat(Base64Scan.decode("rO0AB!", 0, 6, 0)).isNull();
  }

  private static boolean hasMagic(byte[] b) {
    for (int i = 0; i + 3 < b.length; i++) {
      if (b[i] == (byte) 0xAC && b[i + 1] == (byte) 0xED && b[i + 2] == 0 && b[i + 3] == 5) {
        return true;
      }
    }
    return false;
  }
}
