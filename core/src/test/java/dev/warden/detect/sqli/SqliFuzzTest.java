package dev.warden.detect.sqli;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random mutations of attack shapes and SQL punctuation: the detector must never throw. */
class SqliFuzzTest {

  private static final String[] SEEDS = {
      "1' OR '1'='1", "-1 union select 1,concat(user(),0x3a),3--", "admin'/*", "1;waitfor delay '0:0:5'",
      "x' and extractvalue(1,concat(0x7e,(select @@version)))#", "/*!50000select*/ `a`.b",
      "'::jsonb <@ '{}'", "N'abc' || X'41' -> '$.a'", "case when 1 then (select 2) end", "O'Brien"};
  private static final String ALPHABET = "'\"`()/*!-#;,.@:=<>|&^~%+\\ \n\u0000\ud800\udc00aZ09xX_$?[]{}";

  @Test
  @Timeout(60)
  void inspect_randomMutations_neverThrow() {
    long seed = System.nanoTime();
    System.out.println("SqliFuzzTest seed " + seed);
    Random r = new Random(seed);
    SqliDetector d = new SqliDetector();
    for (int iter = 0; iter < 30_000; iter++) {
      StringBuilder sb = new StringBuilder(SEEDS[r.nextInt(SEEDS.length)]);
      int edits = 1 + r.nextInt(8);
      for (int e = 0; e < edits; e++) {
        int at = sb.length() == 0 ? 0 : r.nextInt(sb.length() + 1);
        switch (r.nextInt(3)) {
          case 0 -> sb.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
          case 1 -> {
            if (at < sb.length()) {
              sb.deleteCharAt(at);
            }
          }
          default -> sb.insert(at, SEEDS[r.nextInt(SEEDS.length)], 0, Math.min(6, SEEDS[0].length()));
        }
      }
      String text = sb.toString();
      assertThatCode(() -> d.inspect(Input.value(Source.QUERY, "q", text))).as("seed %d: %s", seed, text)
          .doesNotThrowAnyException();
    }
  }
}
