package dev.warden.detect.sqli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.CharMask;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import dev.warden.testing.PrefilterEdges;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second look of the SQL pre-filter ({@link SqlShape}): request prose and headers with SQL
 * punctuation are skipped, and a random mix of SQL and prose never hides a finding.
 */
class SqlShapeTest {

  private final SqliDetector detector = new SqliDetector();

  @ParameterizedTest
  @ValueSource(strings = {"application/json, text/plain, */*", "en-GB,en;q=0.9,de;q=0.8",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
      "https://shop.example.com/cart?step=2", "price:asc",
      "Lightweight and breathable, with a cushioned sole for long distances on mixed terrain. Machine washable at 30 degrees; dry flat. Recycled polyester upper (65%), rubber outsole.",
      "Double-walled stainless steel keeps drinks cold for 24 hours or hot for 12. Leak-proof lid with carry loop; fits most cup holders. Dishwasher safe (lid: top rack only).",
      "Merino blend that keeps feet warm when wet. Reinforced heel and toe, seamless toe box. Pack of three pairs in assorted colours; sizes S (36-38), M (39-42) and L (43-46).",
      "Fully taped seams, adjustable hood and pit zips. Packs into its own chest pocket. Waterproof rating 20,000 mm, breathability 15,000 g/m2/24h. Weight: 310 g in size M.",
      "q=shoes and socks (wool)", "Thanks! 100% happy; will buy again", "a=b; c=d", "Need it by Friday!",
      "Same as last order; thanks", "Group of 4 (adults)"})
  void mayMatch_requestValuesWithSqlPunctuation_skipsThem(String v) {
    PrefilterEdges.skips(detector, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1) order by 1", ") as x from", "1;drop table users", "x; shutdown", "1 and sleep(5)",
      "x.y.sleep (3)", "1 or 2>1", "1 and 1 is 1", "a and 2 in (2)", "(select 1)", "1 xor 1=1",
      "1,2 union select 1", "name=drop table x;", "floor(rand(0)*2)", "1 and 1=1 /* x", "-1 /* x", "1=1",
      "id=1=1", "concat(", "drop x;", "k=1 or 1=1", "1 or 1 between 0 and 2", "a(b) or 1=1",
      "1 not between 0 and 1", "insert into x values(1)", "1 into outfile x", "price:tempdb", "1 order by 1",
      "1 group by x having 1=1"})
  void mayMatch_attacksNearTheShapeEdge_passesThem(String v) {
    PrefilterEdges.passes(detector, v);
  }

  /** SQL words, prose words, numbers of every lexer shape. */
  private static final String[] WORDS = {
      "blue", "shoes", "x", "a", "b1", "$id", "_k", "user", "id", "name", "Lightweight", "breathable", "dry",
      "union", "select", "SELECT", "from", "where", "and", "AND", "or", "Or", "xor", "not", "is", "in", "between",
      "like", "rlike", "regexp", "sounds", "glob", "div", "mod", "collate", "binary", "double", "precision",
      "case", "when", "then", "end", "order", "by", "group", "having", "asc", "desc", "limit", "null", "true",
      "false", "exists", "into", "outfile", "dumpfile", "delay", "waitfor", "drop", "exec", "execute", "declare",
      "shutdown", "truncate", "insert", "delete", "create", "update", "set", "if", "load", "call", "grant",
      "use", "begin", "alter", "table", "data", "cursor", "with", "current_user", "version", "sleep",
      "pg_sleep", "benchmark", "floor", "rand", "exp", "convert", "int", "text", "load_file", "extractvalue",
      "updatexml", "concat", "char", "count", "left", "ascii", "substring", "mid", "dbms_pipe.receive_message",
      "tempdb", "msdb", "information_schema", "xp_cmdshell", "mysql", "master", "sysobjects", "pg_shadow", "as",
      "all", "distinct", "top", "0x41", "0x73656c656374", "1", "0", "42", "1.5", ".5", "1e5", "2and", "1or",
      "5xor", "0b101", "12.", "20,000", "x.y", "a.b.c", "shop.example.com"};

  /** Glue between words: blanks, the punctuation the second look allows, rarely what it refuses. */
  private static final String[] GLUE = {" ", " ", " ", "  ", "", "", "(", ")", " (", ") ", ";", "; ", ",", ", ",
      "=", " = ", "<", ">", "<=", "<>", "!=", "!", "*", "%", "^", "~", "/", "+", "-", ".", ":", "?", "\t", "\n",
      "*/*", "/*", "/**/", "/*!", "|", "&", "[", "]", "\u00a0", "\u2192", "#", "--", "'", "\"", "@", "::", "="};

  @Test
  void mayMatch_randomSqlAndProse_neverHidesAFinding() {
    Random r = new Random(20_261_122);
    List<String> hidden = new ArrayList<>();
    int skipped = 0;
    int findings = 0;
    for (int k = 0; k < 100_000; k++) {
      String text = randomText(r);
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
    System.out.println("SqlShapeTest skipped " + skipped + " findings " + findings);
    assertThat(hidden).as("findings the pre-filter skips").isEmpty();
    assertThat(skipped).as("values skipped").isGreaterThan(20_000);
    assertThat(findings).as("values with findings").isGreaterThan(30_000);
  }

  /** A random value: words glued by blanks and punctuation, sometimes a leading {@code name=}. */
  static String randomText(Random r) {
    StringBuilder sb = new StringBuilder();
    int pieces = 1 + r.nextInt(r.nextBoolean() ? 4 : 12);
    if (r.nextInt(4) == 0) {
      sb.append("k=");
    }
    for (int p = 0; p < pieces; p++) {
      if (p > 0 || r.nextInt(5) == 0) {
        sb.append(GLUE[r.nextInt(r.nextInt(6) == 0 ? GLUE.length : GLUE.length - 10)]);
      }
      sb.append(WORDS[r.nextInt(WORDS.length)]);
    }
    if (r.nextInt(6) == 0) {
      sb.append(GLUE[r.nextInt(GLUE.length - 10)]);
    }
    return sb.toString();
  }
}
