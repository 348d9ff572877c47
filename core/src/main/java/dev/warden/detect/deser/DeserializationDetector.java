package dev.warden.detect.deser;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Java deserialization attack markers: serialized object streams, gadget class names, and
 * polymorphic-typing hooks that let a payload choose which class a JSON/YAML/XML mapper builds.
 *
 * <p>The value is cut into tokens by one linear scan:
 * <ul>
 *   <li>dotted identifiers ({@code java.lang.Runtime}, {@code runtime.invokertransformer}) are
 *       matched segment by segment against {@link GadgetTable}: dangerous packages
 *       ({@code java-class}) and commons-collections/JDK gadget names ({@code gadget-class});</li>
 *   <li>runs of base64 characters are decoded at every byte alignment (fragments cut from the
 *       middle of a longer base64 text keep their meaning only at one alignment) and the bytes are
 *       checked for the stream magic {@code AC ED 00 05} ({@code serialized-stream}) and for
 *       gadget names ({@code encoded-gadget}); a run that starts with {@code H4sI} is gunzipped
 *       first, bounded;</li>
 *   <li>raw magic bytes (as Latin-1 characters) and hex {@code aced0005} are
 *       {@code serialized-stream};</li>
 *   <li>{@code "@type"}, {@code "@class"}, {@code "$type"} keys and YAML {@code !!} tags whose
 *       value is a qualified class name are {@code polymorphic-type}; XStream
 *       {@code <dynamic-proxy>} is {@code gadget-class}.</li>
 * </ul>
 * Prose mentioning Java or a runtime does not fire: only dotted names, exact-case gadget class
 * names and decoded bytes do.
 *
 * <p>Thread-safe and stateless. At most {@value #MAX_CHARS} characters are scanned, base64 runs
 * are decoded up to {@value #MAX_RUN} characters, and gzip output is capped at
 * {@value #MAX_GUNZIP} bytes. Never throws.
 */
public final class DeserializationDetector implements Detector {

  static final String ID = "deser";
  static final int MAX_CHARS = 65_536;
  static final int MAX_RUN = 16_384;
  static final int MAX_GUNZIP = 8_192;
  private static final int MIN_RUN = 6;

  static final String STREAM = "serialized-stream";
  static final String GADGET = "gadget-class";
  static final String JAVA_CLASS = "java-class";
  static final String ENCODED = "encoded-gadget";
  static final String POLYMORPHIC = "polymorphic-type";

  /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
  public DeserializationDetector() {}

  @Override
  public String id() {
    return ID;
  }

  /** Results depend on the text and name flag alone. */
  @Override
  public boolean textOnly() {
    return true;
  }

  /**
   * One pass over the first {@value #MAX_CHARS} characters (what {@link #scan} reads), true when
   * one of the ways {@code scan} can fire is possible:
   * <ul>
   *   <li>a character beyond ASCII: the raw stream magic, and any non-ASCII text, is left to
   *       {@code scan};</li>
   *   <li>a dotted name: {@code classify} fires on a dotted identifier only, and
   *       {@code "@type"}/{@code "$type"} values and {@code !!} tags need two or three segments;
   *       {@code qualifiedEnd} takes a dot only between an identifier character and an identifier
   *       start, so such a name holds that pattern;</li>
   *   <li>an undotted name that {@code scanNames} flags: {@code <dynamic-proxy}, and the
   *       {@code SIMPLE_NAMES} ({@code TemplatesImpl}), which {@code classify} looks up whole:
   *       letters only, thirteen or more, so inside a base64 run that long, where each identifier
   *       is cut as {@code scanNames} cuts it and compared by first character and length
   *       ({@link #simpleNameIn});</li>
   *   <li>a base64 run (the maximal runs {@code scanBase64} cuts, of which it reads the first
   *       {@value #MAX_RUN} characters) that {@code inspectRun} can flag: one of {@value #MIN_RUN}
   *       or more characters holding one of {@link Base64Scan#MAGIC_CORES} (any encoding of the
   *       stream magic does; looked for only when the run holds {@code A}, which every core
   *       does); one holding hex {@code aced0005} (looked for only when the run holds {@code 0}
   *       and {@code 5}); one starting with {@code H4sI} long enough for the ten bytes
   *       {@code gunzip} needs (fourteen characters); otherwise {@code inspectRun} decodes only
   *       the alignments {@link Base64Scan#mayHold} names for letter runs, so the filter asks it
   *       the same question about the same characters when the run is long enough for a keyword
   *       ({@value Base64Scan#KEYWORD_CHARS} characters).</li>
   * </ul>
   * Words of ordinary text ({@code newsletter}, {@code Springfield}), numbers, versions
   * ({@code 5.0}), sentences ({@code please.}) and addresses ({@code 203.0.113.7}) hold none of
   * these.
   */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    if (chars.nonAscii()) {
      return true;
    }
    String t = in.text();
    int n = Math.min(t.length(), MAX_CHARS);
    int start = 0; // of the current base64 run
    int runClasses = 0; // the classes of its characters, or-ed: CHAR_A, CHAR_0, CHAR_5 matter
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      if (c >= 128) {
        return true; // only when chars was not this text's mask; scan decides
      }
      int k = CLASSES[c];
      if ((k & BASE64) != 0) {
        runClasses |= k;
        continue;
      }
      if (i > start) {
        if (runMayHold(t, start, i, n, runClasses)) {
          return true;
        }
        runClasses = 0;
      }
      start = i + 1;
      if (c == '.' && i > 0 && i + 1 < n && isIdentPart(t.charAt(i - 1))
          && isIdentStart(t.charAt(i + 1))) {
        return true;
      }
      if (c == '<' && startsWithIgnoreCase(t, i + 1, n, "dynamic-proxy")) {
        return true;
      }
    }
    return n > start && runMayHold(t, start, n, n, runClasses);
  }

  /**
   * Whether the base64 run {@code t[start, end)}, whose characters' classes or-ed are
   * {@code classes}, may hold a finding (see {@link #mayMatch}); {@code n} is where scanning stops.
   */
  private static boolean runMayHold(String t, int start, int end, int n, int classes) {
    int run = end - start;
    int limit = Math.min(end, start + MAX_RUN);
    if (run >= GadgetTable.SHORTEST_SIMPLE_NAME && simpleNameIn(t, start, end, n)) {
      return true;
    }
    if (run >= MIN_RUN && (classes & CHAR_A) != 0 && Base64Scan.hasMagicCore(t, start, limit)) {
      return true;
    }
    if (run >= 8 && (classes & (CHAR_0 | CHAR_5)) == (CHAR_0 | CHAR_5) && isHexMagic(t, start, limit)) {
      return true;
    }
    if (run < Base64Scan.KEYWORD_CHARS) {
      return false;
    }
    if (run >= 14 && t.startsWith("H4sI", start)) {
      return true;
    }
    return Base64Scan.mayHold(t, start, limit, false) != 0;
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    return Optional.ofNullable(scan(in));
  }

  private static Finding scan(Input in) {
    String text = in.text();
    int n = Math.min(text.length(), MAX_CHARS);
    int magic = findRawMagic(text, n);
    if (magic >= 0) {
      return Finding.of(ID, STREAM, in, magic, magic + 4);
    }
    Finding f = scanNames(in, text, n);
    if (f != null) {
      return f;
    }
    return scanBase64(in, text, n);
  }

  /**
   * Whether an identifier that starts in the base64 run {@code t[start, end)}, cut where
   * {@code scanNames} cuts it (from an identifier start after neither an identifier part nor a
   * dot, through the identifier parts that follow, up to {@code n}), may be one of the
   * {@code SIMPLE_NAMES} by first character and length. A simple name is letters only, so it lies
   * within one base64 run; names starting before the run start after a {@code $}, which no simple
   * name holds.
   */
  private static boolean simpleNameIn(String t, int start, int end, int n) {
    for (int p = start; p < end; p++) {
      if (!isIdentStart(t.charAt(p)) || p > 0 && (isIdentPart(t.charAt(p - 1)) || t.charAt(p - 1) == '.')) {
        continue;
      }
      int e = p + 1;
      while (e < n && isIdentPart(t.charAt(e))) {
        e++;
      }
      if (GadgetTable.maySimpleName(t, p, e)) {
        return true;
      }
      p = e;
    }
    return false;
  }

  /** {@code AC ED 00 05} as Latin-1 characters: a raw stream that reached us as text. */
  private static int findRawMagic(String t, int n) {
    // indexOf finds the rare first character without a char-by-char loop over ordinary text.
    for (int i = t.indexOf('\u00ac'); i >= 0 && i + 3 < n; i = t.indexOf('\u00ac', i + 1)) {
      if (t.charAt(i + 1) == '\u00ed' && t.charAt(i + 2) == 0 && t.charAt(i + 3) == 5) {
        return i;
      }
    }
    return -1;
  }

  /** Dotted identifiers, gadget class names, type-hook keys and YAML tags. */
  private static Finding scanNames(Input in, String t, int n) {
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      if (c == '$' && i > 0 && t.charAt(i - 1) == '"') {
        Finding f = typeHook(in, t, i, n);
        if (f != null) {
          return f;
        }
      }
      if (!isIdentStart(c)) {
        if (c == '!' && i + 2 < n && t.charAt(i + 1) == '!' && isIdentStart(t.charAt(i + 2))) {
          int end = qualifiedEnd(t, i + 2, n);
          if (segments(t, i + 2, end) >= 2) {
            String known = GadgetTable.classify(t.substring(i + 2, end));
            return Finding.of(ID, known != null ? known : POLYMORPHIC, in, i, end);
          }
        }
        if (c == '<' && startsWithIgnoreCase(t, i + 1, n, "dynamic-proxy")) {
          return Finding.of(ID, GADGET, in, i, Math.min(n, i + 15));
        }
        if (c == '@' && i > 0 && t.charAt(i - 1) == '"') {
          Finding f = typeHook(in, t, i, n);
          if (f != null) {
            return f;
          }
        }
        i++;
        continue;
      }
      if (i > 0 && (isIdentPart(t.charAt(i - 1)) || t.charAt(i - 1) == '.')) {
        i++;
        continue;
      }
      int end = qualifiedEnd(t, i, n);
      String rule = GadgetTable.mayClassify(t, i, end) ? GadgetTable.classify(t.substring(i, end)) : null;
      if (rule != null) {
        return Finding.of(ID, rule, in, i, end);
      }
      i = Math.max(end, i + 1);
    }
    return null;
  }

  /** {@code "@type": "a.b.C"} (Fastjson, Jackson default typing) and {@code "$type"} (Json.NET). */
  private static Finding typeHook(Input in, String t, int at, int n) {
    int k = at + 1;
    while (k < n && k - at < 8 && isIdentPart(t.charAt(k))) {
      k++;
    }
    String key = t.substring(at + 1, k);
    if (k >= n || t.charAt(k) != '"'
        || !(key.equals("type") || key.equals("class") || key.equals("c") || key.equals("t"))) {
      return null;
    }
    k++;
    while (k < n && k - at < 32 && (t.charAt(k) == ' ' || t.charAt(k) == ':')) {
      k++;
    }
    if (k >= n || t.charAt(k) != '"') {
      return null;
    }
    int start = k + 1;
    int end = qualifiedEnd(t, start, n);
    // "@type": "Person" (schema.org JSON-LD) is data; a package-qualified name is a class.
    if (end > start && segments(t, start, end) >= 3) {
      String known = GadgetTable.classify(t.substring(start, end));
      return Finding.of(ID, known != null ? known : POLYMORPHIC, in, at - 1, end);
    }
    return null;
  }

  private static int qualifiedEnd(String t, int i, int n) {
    int k = i;
    while (k < n && k - i < 512) {
      char c = t.charAt(k);
      if (isIdentPart(c) || c == '.' && k + 1 < n && isIdentStart(t.charAt(k + 1))) {
        k++;
      } else {
        break;
      }
    }
    return k;
  }

  private static int segments(String t, int from, int to) {
    int s = 1;
    for (int k = from; k < to; k++) {
      if (t.charAt(k) == '.') {
        s++;
      }
    }
    return s;
  }

  /** Base64 and hex runs: decoded bytes checked for stream magic and gadget names. */
  private static Finding scanBase64(Input in, String t, int n) {
    int i = 0;
    while (i < n) {
      if (!isBase64(t.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      int limit = Math.min(n, start + MAX_RUN);
      // Noted on the way: 'A' (every magic core holds one, see Base64Scan) and 'a' (hex magic),
      // within the part of the run that is inspected.
      boolean zero = false;
      boolean lowerA = false;
      while (i < n && isBase64(t.charAt(i))) {
        char c = t.charAt(i);
        if (i < limit) {
          zero |= c == 'A';
          lowerA |= c == 'a';
        }
        i++;
      }
      int end = i;
      if (end - start < MIN_RUN) {
        continue;
      }
      limit = Math.min(end, limit);
      boolean magic = zero && Base64Scan.hasMagicCore(t, start, limit);
      String rule = inspectRun(t, start, limit, magic, zero || lowerA);
      if (rule != null) {
        return Finding.of(ID, rule, in, start, end);
      }
    }
    return null;
  }

  static String inspectRun(String t, int start, int end) {
    return inspectRun(t, start, end, true, true);
  }

  /**
   * {@link #inspectRun(String, int, int)} told whether the run holds one of
   * {@link Base64Scan#MAGIC_CORES} ({@code magic}; without one {@link Base64Scan#mayHold} rules
   * the stream magic out) and {@code a} or {@code A} ({@code hexA}; the hex magic starts with
   * one).
   */
  private static String inspectRun(String t, int start, int end, boolean magic, boolean hexA) {
    if (hexA && isHexMagic(t, start, end)) {
      return STREAM;
    }
    if (end - start >= 8 && t.startsWith("H4sI", start)) {
      byte[] raw = Base64Scan.decode(t, start, end, 0);
      String r = inspectBytes(gunzip(raw), true);
      if (r != null) {
        return r;
      }
    }
    int shifts = Base64Scan.mayHold(t, start, end, magic);
    for (int shift = 0; shift < 4; shift++) {
      if ((shifts & (1 << shift)) == 0) {
        continue;
      }
      String r = inspectBytes(Base64Scan.decode(t, start, end, shift), false);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private static String inspectBytes(byte[] b, boolean gunzipped) {
    if (b == null) {
      return null;
    }
    for (int i = 0; i + 3 < b.length; i++) {
      if (b[i] == (byte) 0xAC && b[i + 1] == (byte) 0xED && b[i + 2] == 0 && b[i + 3] == 5) {
        return STREAM;
      }
    }
    String rule = GadgetTable.findInBytes(b);
    if (rule != null) {
      return gunzipped ? STREAM : ENCODED;
    }
    return null;
  }

  /** {@code aced0005} in a hex dump of a stream. */
  private static boolean isHexMagic(String t, int start, int end) {
    String magic = "aced0005";
    for (int i = start; i + magic.length() <= end; i++) {
      char c = t.charAt(i);
      if ((c == 'a' || c == 'A') && startsWithIgnoreCase(t, i, end, magic)) {
        return true;
      }
    }
    return false;
  }

  /** Bounded gunzip: at most {@value #MAX_GUNZIP} bytes out; a broken stream yields what was read. */
  static byte[] gunzip(byte[] in) {
    if (in == null || in.length < 10) {
      return null;
    }
    byte[] out = new byte[MAX_GUNZIP];
    int total = 0;
    try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(in), 512)) {
      while (total < out.length) {
        int r = z.read(out, total, out.length - total);
        if (r < 0) {
          break;
        }
        total += r;
      }
    } catch (IOException | RuntimeException e) {
      // Truncated or corrupt gzip: inspect the prefix we have.
    }
    byte[] got = new byte[total];
    System.arraycopy(out, 0, got, 0, total);
    return got;
  }

  private static boolean startsWithIgnoreCase(String t, int i, int n, String lower) {
    if (i + lower.length() > n) {
      return false;
    }
    for (int k = 0; k < lower.length(); k++) {
      if (Character.toLowerCase(t.charAt(i + k)) != lower.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  static boolean isBase64(char c) {
    return c < 128 && (CLASSES[c] & BASE64) != 0;
  }

  private static boolean isIdentStart(char c) {
    return c < 128 && (CLASSES[c] & IDENT_START) != 0;
  }

  private static boolean isIdentPart(char c) {
    return c < 128 && (CLASSES[c] & IDENT_PART) != 0;
  }

  private static final byte BASE64 = 1;
  private static final byte IDENT_START = 2;
  private static final byte IDENT_PART = 4;
  /** {@code A}, {@code 0} and {@code 5}, each its own class: what the pre-filter notes about a run. */
  private static final byte CHAR_A = 8;
  private static final byte CHAR_0 = 16;
  private static final byte CHAR_5 = 32;

  /**
   * Character classes of ASCII, one table lookup instead of a chain of range tests in the scans
   * that read every character: base64 (both alphabets), Java identifier start ({@code _ $} and
   * letters) and part (those and digits).
   */
  private static final byte[] CLASSES = classes();

  private static byte[] classes() {
    byte[] t = new byte[128];
    for (char c = 0; c < 128; c++) {
      boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
      boolean digit = c >= '0' && c <= '9';
      if (letter || digit || c == '+' || c == '/' || c == '-' || c == '_') {
        t[c] |= BASE64;
      }
      if (letter || c == '_' || c == '$') {
        t[c] |= IDENT_START | IDENT_PART;
      }
      if (digit) {
        t[c] |= IDENT_PART;
      }
      t[c] |= c == 'A' ? CHAR_A : c == '0' ? CHAR_0 : c == '5' ? CHAR_5 : 0;
    }
    return t;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
