package dev.warden.detect.sqli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.CharMask;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SqliDetector#mayMatch} may only skip values no rule fires on. Random streams of the
 * shapes the pre-filter lets through (plain words, numbers of every lexer shape, glued together
 * or split by the punctuation it allows) are checked against the full analysis.
 */
class SqlPrefilterTest {

  private final SqliDetector detector = new SqliDetector();

  /** Pieces a stream is made of: words, SQL words, system names, numbers of every lexer shape. */
  private static final String[] PIECES = {
      "blue", "shoes", "c", "ord", "Street", "abc", "face", "deadbeef", "x", "e", "b", "$id", "_k", "user",
      "union", "UnIon", "select", "shutdown", "drop", "and", "or", "asc", "order", "by", "like", "delay",
      "tempdb", "TEMPDB", "msdb", "information_schema", "xp_cmdshellx", "mysql", "master", "sysibm", "tables",
      "0x", "0x1f", "0X7e", "0x73656c656374", "0x756e696f6e2073656c656374", "0b101", "0b2", "1e5", "1E+5",
      "1.5", ".5", "1.", "1.e5", "-1", "42", "007", "5f2c9a1e", "9f4a"};

  /** What goes between pieces: nothing, allowed punctuation, blanks, non-ASCII, rarely SQL punctuation. */
  private static final String[] GLUE = {
      "", "", " ", " ", "-", ".", ":", "::", "/", ",", "+", "?", "[", "]", "{", "}", "\\", "\t", "\u00a0",
      "\u00e9", "\u2192", "\u212a", " -- ", "--", "=", "(", ")", "'", ";", "*", "#", "@"};

  @Test
  void mayMatch_randomPlainStreams_neverHidesAFinding() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    List<String> hidden = new ArrayList<>();
    int skipped = 0;
    int findings = 0;
    for (int iter = 0; iter < 200_000; iter++) {
      StringBuilder sb = new StringBuilder();
      int pieces = 1 + r.nextInt(r.nextBoolean() ? 3 : 8);
      for (int p = 0; p < pieces; p++) {
        if (p > 0 || r.nextInt(4) == 0) {
          // SQL punctuation rarely, so that most streams are ones the filter may skip
          sb.append(GLUE[r.nextInt(r.nextInt(8) == 0 ? GLUE.length : GLUE.length - 10)]);
        }
        sb.append(PIECES[r.nextInt(PIECES.length)]);
      }
      String text = sb.toString();
      for (boolean name : new boolean[] {false, true}) {
        Input in = new Input(Source.QUERY, "query.q", text, name);
        boolean found = detector.inspect(in).isPresent();
        boolean may = detector.mayMatch(in, CharMask.of(text));
        findings += found ? 1 : 0;
        skipped += may ? 0 : 1;
        if (found && !may) {
          hidden.add(text);
        }
      }
    }
    System.out.println("SqlPrefilterTest seed " + seed + " skipped " + skipped + " findings " + findings);
    assertThat(hidden).as("seed %d: findings the pre-filter skips", seed).isEmpty();
    assertThat(skipped).as("streams skipped").isGreaterThan(50_000);
    assertThat(findings).as("streams with findings").isGreaterThan(5_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "tempdb", "shutdown", "UnIon seleCt", "1tempdb", "0xtempdb", "0xabtempdb", "1.e5tempdb", "5e3 msdb",
      "information_schema.tables", "x information_schemata", "mysql.user", "master..sysdatabases",
      "0x73656c656374", "1 --", "-1 -- x"})
  void mayMatch_attackWithoutSqlPunctuation_passes(String text) {
    Input in = Input.value(Source.QUERY, "query.q", text);
    assertThat(detector.inspect(in)).as("a finding to keep").isPresent();
    assertThat(detector.mayMatch(in, CharMask.of(text))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "c-7731", "ord-10042", "blue running shoes", "utm_source", "application/json", "5f2c9a1e77b04d2a",
      "https://shop.example.com", "203.0.113.7, 198.51.100.2", "b7e3c1d2-9f4a-4e1b-8c2d-1a2b3c4d5e6f",
      "Please leave the parcel at the back door.", "2024-01-05T10:00:00Z", "12 Market Street",
      "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjLTc3MzEifQ.c2lnbmF0dXJl", "0x1f", "caf\u00e9 cr\u00e8me"})
  void mayMatch_benignValue_skipped(String text) {
    assertThat(detector.mayMatch(Input.value(Source.QUERY, "query.q", text), CharMask.of(text))).isFalse();
  }

  @Test
  void mayMatch_wordCutAtInspectedLength_judgedOnInspectedPart() {
    // inspect reads the first MAX_CHARS characters: "tempdbx" cut after "tempdb" is a system name
    String text = "a".repeat(SqliDetector.MAX_CHARS - 7) + " tempdbx";
    Input in = Input.value(Source.QUERY, "query.q", text);
    assertThat(detector.inspect(in)).isPresent();
    assertThat(detector.mayMatch(in, CharMask.of(text))).isTrue();
  }

  @Test
  void mayMatch_shortValue_skipped() {
    assertThat(detector.mayMatch(Input.value(Source.QUERY, "q", "'"), CharMask.of("'"))).isFalse();
  }
}
