package dev.warden.detect.sqli;

import dev.warden.detect.CharMask;
import java.util.List;

/**
 * The sound pre-filter behind {@link SqliDetector#mayMatch}: false only when no rule of
 * {@link SqlGrammar} can fire on the value, judged without lexing it. Most benign values (ids,
 * words, dates, user agents without parentheses, JSON keys) are ruled out by one pass over their
 * characters that allocates nothing. A value that this first look cannot rule out (SQL punctuation,
 * an SQL word) gets a second, {@link SqlShape}, which proves for most prose, headers and URLs
 * that the token shapes every rule needs are missing; the filter says "no" when either look does,
 * each sound on its own (the second's argument is in its class comment).
 *
 * <p><b>Why the first look is sound.</b> It says "no" only when the first {@link SqliDetector#MAX_CHARS}
 * characters (what {@code inspect} reads) have none of {@code ' " ` ( ) @ # ; = < > ! | & * % ^ ~},
 * no {@code --}, no {@code 0x} followed by ten or more hex digits, and no word of {@link #TABLE}
 * where the lexer could start a word. Then:
 * <ul>
 *   <li>Without {@code '} and {@code "} only the as-is context is lexed, and without {@code =}
 *       the {@code name=value} second pass is not taken ({@link SqliDetector#valueAfterName}).</li>
 *   <li>The lexer can only produce: barewords (no word of class {@code U E k & o}, see
 *       {@link SqlWords#tokenWords}, and never a function, which needs {@code (}), numbers, dots,
 *       commas, the operators {@code - + / ::} and single other characters. No string (needs a
 *       quote), variable ({@code @}), comment ({@code -- # /*}), parenthesis, semicolon, logic
 *       operator ({@code and or xor || &&}), keyword, UNION, statement verb or comparison.</li>
 *   <li>Rule by rule in {@code SqlGrammar.decide()}: union-select needs a UNION token;
 *       stacked-query a semicolon, or a quote context, or (leading statement) a first token that
 *       is a statement verb; blind-time/error-based/file-access a function or the keywords
 *       {@code delay}/{@code into}; tautology/blind-boolean (logic) a logic operator, and bare
 *       tautology {@code =}; order-by/having the keywords {@code order}, {@code group},
 *       {@code having} or a {@code )}; comment-truncation, comment-obfuscation and
 *       versioned-comment a comment; select-statement the verb {@code select}; fingerprint
 *       (functionFragment) a function; fingerprint (whole expression) a comment or one of the
 *       evidences select, function, case, call (needs {@code (}), comparison, logic, variable:
 *       the operators left give only arithmetic, cast ({@code ::}, which fires only with a call,
 *       comparison or logic) and {@code binary}; hex-encoded a {@code 0x} number of at least 12
 *       characters; system-object a word of {@code SqlGrammar.SYSTEM_PREFIXES} or {@code SYSTEM_NAMES}.</li>
 *   <li>Words: a word token is lower-cased and compared whole, and vocabulary words and system
 *       names are ASCII without dots, so a word that matters is a run of ASCII word characters
 *       (letters, digits, {@code _ $}) from the word's start to the end of the run (dotted names
 *       by their first piece, {@code master}, {@code mysql}, ...; {@code information_schema} and
 *       {@code xp_cmdshell} as prefixes). A word starts at the start of a run or where a number
 *       inside the run ends ({@link #wordIn} says where that can be); each such place is checked.
 *       Non-ASCII characters end a run: the lexer may join them to a word, which only makes a
 *       match less likely; one that lower-cases to ASCII (the Kelvin sign) makes the filter say
 *       "maybe".</li>
 *   <li>{@link SqliDetector#inspect} ignores whether the input is a name, so names are covered.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe. Linear in the inspected length; never throws.
 */
final class SqlPrefilter {

  /** ASCII characters that can start a token other than a bareword, number or arithmetic. */
  private static final CharMask SQL_CHARS = CharMask.ascii("'\"`()@#;=<>!|&*%^~");

  /** Dot-free prefixes of system-object names ({@code information_schema...}). */
  private static final List<String> PREFIXES = prefixes();

  /**
   * Whole words (lower case, dot-free) whose presence makes the filter say "maybe", in an
   * open-addressing table by polynomial hash ({@code spread}); size a power of two. Built
   * straight from the vocabulary arrays, with no intermediate sets: class initialisation runs
   * interpreted at cold start.
   */
  private static final String[] TABLE;

  /** Longest word of {@link #TABLE}; longer suffixes need no look-up. */
  private static final int MAX_LEN;

  static {
    String[] tokenWords = SqlWords.tokenWords();
    int count = tokenWords.length + SqlGrammar.SYSTEM_NAMES.size() + SqlGrammar.SYSTEM_PREFIXES.size();
    String[] t = new String[Integer.highestOneBit(count * 4)];
    int max = 0;
    for (String w : tokenWords) {
      max = Math.max(max, add(t, w));
    }
    for (String name : SqlGrammar.SYSTEM_NAMES) {
      max = Math.max(max, add(t, firstPiece(name)));
    }
    for (String prefix : SqlGrammar.SYSTEM_PREFIXES) {
      if (prefix.indexOf('.') >= 0) {
        // "master..", "mysql.user": the word's first piece is exactly "master", "mysql"
        max = Math.max(max, add(t, firstPiece(prefix)));
      }
    }
    TABLE = t;
    MAX_LEN = max;
  }

  private SqlPrefilter() {}

  // Loops, not streams: class initialisation runs at cold start, where the first stream pipeline
  // and each lambda load and generate classes.
  private static List<String> prefixes() {
    List<String> out = new java.util.ArrayList<>();
    for (String p : SqlGrammar.SYSTEM_PREFIXES) {
      if (p.indexOf('.') < 0) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  private static String firstPiece(String w) {
    int dot = w.indexOf('.');
    return dot < 0 ? w : w.substring(0, dot);
  }

  /** Puts {@code w} into {@code t} unless it is there already; returns its length. */
  private static int add(String[] t, String w) {
    int h = 0;
    for (int i = 0; i < w.length(); i++) {
      h = h * 31 + w.charAt(i);
    }
    int i = spread(h) & (t.length - 1);
    while (t[i] != null) {
      if (t[i].equals(w)) {
        return w.length();
      }
      i = (i + 1) & (t.length - 1);
    }
    t[i] = w;
    return w.length();
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B1;
  }

  /** Lower-case form of each ASCII word character (letters, digits, {@code _ $}); 0 for others. */
  static final char[] LOWER = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$') {
        LOWER[c] = c;
      } else if (c >= 'A' && c <= 'Z') {
        LOWER[c] = (char) (c + 32);
      }
    }
  }

  /**
   * False only when no rule can fire on {@code text} (see the class comment); {@code chars} is
   * the character mask of the whole text.
   */
  static boolean mayMatch(String text, CharMask chars) {
    // SQL punctuation or words alone prove nothing: the shapes the rules need may still be missing
    return (chars.any(SQL_CHARS) || wordsOrHex(text)) && !SqlShape.ruledOut(text);
  }

  /** True when the value (holding no SQL punctuation) has a word of {@link #WORDS}, a prefix, a long hex number or {@code --}. */
  private static boolean wordsOrHex(String text) {
    int n = Math.min(text.length(), SqliDetector.MAX_CHARS);
    int run = -1; // start of the current run of ASCII word characters, or -1
    int digit = -1; // first digit of the run, or -1
    int h = 0; // hash of the run so far, as in table()
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      char l = c < 128 ? LOWER[c] : 0;
      if (l != 0) {
        if (run < 0) {
          run = i;
          digit = -1;
          h = 0;
        }
        h = h * 31 + l;
        if (l <= '9') {
          if (digit < 0) {
            digit = i;
          }
          if (l == '0' && i + 1 < n && (text.charAt(i + 1) | 0x20) == 'x' && longHex(text, i + 2, n)) {
            return true; // hexEncoded decodes 0x numbers of 12 characters or more
          }
        }
        continue;
      }
      if (run >= 0 && wordIn(text, run, i, h, digit)) {
        return true;
      }
      run = -1;
      if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        return true; // a line comment
      }
      if (c >= 128 && Character.toLowerCase(c) < 128) {
        return true; // lower-cases into an ASCII word character: leave it to the lexer
      }
    }
    return run >= 0 && wordIn(text, run, n, h, digit);
  }

  /** True when at least ten hex digits start at {@code from}. */
  private static boolean longHex(String text, int from, int n) {
    int i = from;
    while (i < n && i - from < 10 && isHex(text.charAt(i))) {
      i++;
    }
    return i - from >= 10;
  }

  /**
   * True when a word the lexer could start inside the run {@code [from, to)} is in
   * {@link #TABLE} or starts with one of {@link #PREFIXES}. {@code h} is the hash of the whole
   * run, {@code digit} the index of its first digit or -1.
   *
   * <p>A lexer token that starts in a run is a word, which takes the rest of the run, or a
   * number. A word can start after the run's start only where a number ends: the number holds a
   * digit (a fraction or exponent continuing a number from before a dot holds one too), and it
   * ends with {@code 0-9 a-f A-F x X}. So the places to check are the run's start and, after the
   * first digit, every word start character that follows such a character.
   */
  private static boolean wordIn(String text, int from, int to, int h, int digit) {
    if (isWordStart(text.charAt(from)) && isWord(text, from, to, h)) {
      return true;
    }
    if (digit < 0) {
      return false;
    }
    int suffix = 0; // hash of text[p, to), built right to left
    int power = 1; // 31^(to - 1 - p)
    for (int p = to - 1; p > digit; p--) {
      char c = text.charAt(p);
      suffix += LOWER[c] * power;
      power *= 31;
      if (to - p > MAX_LEN && (c | 0x20) != 'i' && (c | 0x20) != 'x') {
        continue; // too long for a whole word, and no prefix starts here
      }
      char b = text.charAt(p - 1);
      if (isWordStart(c) && (isHex(b) || b == 'x' || b == 'X') && isWord(text, p, to, suffix)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code text[from, to)} (hash {@code h}) is in {@link #TABLE} or starts with a prefix. */
  private static boolean isWord(String text, int from, int to, int h) {
    int len = to - from;
    if (len <= MAX_LEN && contains(h, text, from, len)) {
      return true;
    }
    return startsWithPrefix(text, from);
  }

  /**
   * Whether {@code text} at {@code from} starts with a dot-free system-object prefix
   * ({@code information_schema}, {@code xp_cmdshell}; ASCII case ignored). Shared with
   * {@link SqlShape}, which rules words out against the same list.
   */
  static boolean startsWithPrefix(String text, int from) {
    char c = (char) (text.charAt(from) | 0x20);
    if (c == 'i' || c == 'x') { // the first letters of PREFIXES
      for (String prefix : PREFIXES) {
        if (text.regionMatches(true, from, prefix, 0, prefix.length())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isWordStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
  }

  private static boolean contains(int h, String text, int from, int len) {
    int i = spread(h) & (TABLE.length - 1);
    String w;
    while ((w = TABLE[i]) != null) {
      if (w.length() == len && text.regionMatches(true, from, w, 0, len)) {
        return true;
      }
      i = (i + 1) & (TABLE.length - 1);
    }
    return false;
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
