package dev.warden.detect.deser;

import java.util.Set;

/**
 * The class-name knowledge of {@link DeserializationDetector}: packages whose classes have no
 * business arriving in request data, and gadget class names from public gadget-chain research
 * (ysoserial, marshalsec, Fastjson/Jackson/XStream/SnakeYAML advisories). Package-private.
 */
final class GadgetTable {

  private GadgetTable() {}

  /**
   * Package prefixes, as dotted lower-case segments. {@code java.lang}, {@code java.io} and friends
   * host the sinks (Runtime, ProcessBuilder, File streams, reflection) of every chain; the others
   * host well-known gadgets.
   */
  private static final String[][] PACKAGES = {
    {"java", "lang"}, {"java", "io"}, {"java", "net"}, {"java", "nio"}, {"java", "util"},
    {"java", "rmi"}, {"java", "beans"}, {"java", "security"}, {"java", "sql"},
    {"javax", "script"}, {"javax", "naming"}, {"javax", "management"}, {"javax", "xml"},
    {"javax", "el"}, {"javax", "sql"}, {"javax", "rmi"}, {"javax", "swing"}, {"javax", "imageio"},
    {"com", "sun"}, {"sun", "misc"}, {"sun", "reflect"}, {"sun", "rmi"}, {"sun", "print"},
    {"sun", "swing"}, {"org", "apache", "commons"}, {"org", "apache", "xalan"},
    {"org", "apache", "xbean"}, {"org", "apache", "ibatis"}, {"org", "apache", "naming"},
    {"org", "apache", "tomcat"}, {"org", "apache", "wicket"}, {"org", "apache", "myfaces"},
    {"org", "omg"}, {"com", "opensymphony"}, {"org", "springframework"},
    {"org", "codehaus", "groovy"}, {"org", "hibernate"}, {"com", "mchange"}, {"bsh"},
    {"org", "mozilla", "javascript"}, {"org", "python", "core"}, {"clojure"},
    {"com", "alibaba", "fastjson"}, {"ognl"}, {"org", "jboss"}, {"com", "zaxxer", "hikari"},
    {"org", "slf4j", "ext"}, {"ch", "qos", "logback"}, {"org", "aspectj"}, {"net", "sf", "json"},
    {"com", "caucho"}, {"org", "eclipse", "jetty"}, {"oracle", "jdbc"}
  };

  /** Gadget and sink class names, lower case, matched as a whole dotted segment. */
  private static final Set<String> GADGET_SEGMENTS = Set.of(
      "processbuilder", "invokertransformer", "instantiatetransformer", "clonetransformer",
      "chainedtransformer", "constanttransformer", "forclosure", "whileclosure",
      "instantiatefactory", "prototypeclonefactory", "prototypeserializationfactory",
      "templatesimpl", "jdbcrowsetimpl", "scriptenginemanager", "initialcontext", "eventhandler",
      "annotationinvocationhandler", "badattributevalueexpexception", "lazymap", "transformedmap",
      "comboPooledDataSource".toLowerCase(java.util.Locale.ROOT), "jndidatasourcefactory",
      "beancomparator", "unicastref", "unicastremoteobject", "methodinvoker",
      "objectfactorydelegatingInvocationhandler".toLowerCase(java.util.Locale.ROOT),
      "groovyshell", "mvel", "urlclassloader", "bytecodeclassloader");

  /** Exact-case class names that are gadgets even without a package. */
  private static final Set<String> SIMPLE_NAMES = Set.of(
      "ProcessBuilder", "InvokerTransformer", "InstantiateTransformer", "ChainedTransformer",
      "ConstantTransformer", "TemplatesImpl", "JdbcRowSetImpl", "ScriptEngineManager",
      "AnnotationInvocationHandler", "BadAttributeValueExpException", "ComboPooledDataSource",
      "InitialContext");

  /** Names searched in decoded bytes; long enough not to appear by chance in binary data. */
  static final String[] ENCODED_KEYWORDS = {
    "runtime", "processbuilder", "invokertransformer", "instantiatetransformer",
    "clonetransformer", "chainedtransformer", "forclosure", "whileclosure", "instantiatefactory",
    "prototypeclonefactory", "prototypeserializationfactory", "templatesimpl", "jdbcrowsetimpl",
    "scriptenginemanager", "java.lang.", "javax.naming", "ysoserial"
  };

  /** Rule for a dotted identifier, or null. */
  static String classify(String dotted) {
    if (dotted.indexOf('.') < 0) {
      return SIMPLE_NAMES.contains(dotted) ? DeserializationDetector.GADGET : null;
    }
    String[] segs = splitDots(DeserializationDetector.lower(dotted));
    boolean javaRoot = segs[0].equals("java") || segs[0].equals("javax");
    for (String s : segs) {
      if (GADGET_SEGMENTS.contains(s)) {
        return DeserializationDetector.GADGET;
      }
    }
    if (javaRoot) {
      for (String s : segs) {
        if (s.equals("runtime")) {
          return DeserializationDetector.GADGET; // java.Runtime, java.evil.runtime
        }
      }
    }
    if (segs.length >= 2 && segs[0].equals("runtime")) {
      return null; // runtime.x alone is too common (config keys); gadget pairs matched above
    }
    for (String[] p : PACKAGES) {
      if (segs.length >= p.length && prefix(segs, p)) {
        return DeserializationDetector.JAVA_CLASS;
      }
    }
    return null;
  }

  /**
   * Word shapes, a bit per length (0..63, longer words set bit 63) for each ASCII first
   * character: of the {@link #SIMPLE_NAMES} (exact case), of the first words of
   * {@link #PACKAGES} and of the {@link #GADGET_SEGMENTS} (both lower case).
   */
  private static final long[] SIMPLE_SHAPES = new long[128];
  private static final long[] ROOT_SHAPES = new long[128];
  private static final long[] SEGMENT_SHAPES = new long[128];

  // Loops, not streams: streams and lambdas at class initialisation cost cold-start time.
  static {
    for (String n : SIMPLE_NAMES) {
      SIMPLE_SHAPES[n.charAt(0)] |= lengthBit(n.length());
    }
    for (String[] p : PACKAGES) {
      ROOT_SHAPES[p[0].charAt(0)] |= lengthBit(p[0].length());
    }
    for (String g : GADGET_SEGMENTS) {
      SEGMENT_SHAPES[g.charAt(0)] |= lengthBit(g.length());
    }
  }

  private static long lengthBit(int length) {
    return 1L << Math.min(length, 63);
  }

  /** Whether a word of {@code t[from, to)} (ASCII; case folded when {@code fold}) has a shape in {@code shapes}. */
  private static boolean shapeIn(long[] shapes, String t, int from, int to, boolean fold) {
    char c = t.charAt(from);
    if (fold && c >= 'A' && c <= 'Z') {
      c = (char) (c + 32);
    }
    return c < 128 && (shapes[c] & lengthBit(to - from)) != 0;
  }

  /**
   * Whether {@link #classify} can return a rule for {@code t[from, to)}, a name as
   * {@code DeserializationDetector} cuts it (identifier characters, each dot followed by an
   * identifier start, so ASCII). Undotted, {@code classify} only looks the name up in
   * {@link #SIMPLE_NAMES}; dotted, it fires on a lower-cased segment in {@link #GADGET_SEGMENTS},
   * on {@code runtime} after a {@code java}/{@code javax} first segment, or on a
   * {@link #PACKAGES} prefix: all need the first segment to be a package's first word or some
   * segment to be a gadget name. A word can only equal a name with its first character and its
   * length, so comparing those shapes rules out the many names of ordinary text (JWTs, host
   * names, versions) without a substring, a lower-case copy and a split for each.
   */
  static boolean mayClassify(String t, int from, int to) {
    int dot = from;
    while (dot < to && t.charAt(dot) != '.') {
      dot++;
    }
    if (dot == to) {
      return maySimpleName(t, from, to);
    }
    if (dot > from && shapeIn(ROOT_SHAPES, t, from, dot, true)) {
      return true;
    }
    int a = from;
    for (int k = from; k <= to; k++) {
      if (k == to || t.charAt(k) == '.') {
        if (k > a && shapeIn(SEGMENT_SHAPES, t, a, k, true)) {
          return true;
        }
        a = k + 1;
      }
    }
    return false;
  }

  /**
   * Whether the undotted name {@code t[from, to)} can be one of {@link #SIMPLE_NAMES}, which
   * {@link #classify} looks up whole and in exact case: false unless a name has its first
   * character and length.
   */
  static boolean maySimpleName(String t, int from, int to) {
    return to > from && shapeIn(SIMPLE_SHAPES, t, from, to, false);
  }

  /** Manual split (no regex on untrusted text); at most 64 segments, the rest dropped. */
  private static String[] splitDots(String s) {
    int count = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '.') {
        count++;
      }
    }
    String[] out = new String[Math.min(count, 64)];
    int seg = 0;
    int from = 0;
    for (int i = 0; i <= s.length() && seg < out.length; i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        out[seg++] = s.substring(from, i);
        from = i + 1;
      }
    }
    return out;
  }

  private static boolean prefix(String[] segs, String[] p) {
    for (int i = 0; i < p.length; i++) {
      if (!segs[i].equals(p[i])) {
        return false;
      }
    }
    return true;
  }

  /** Rule when decoded bytes spell a gadget keyword (ASCII, any case), or null. */
  static String findInBytes(byte[] b) {
    if (b.length < 7 || !hasKeywordRun(b)) {
      return null;
    }
    char[] c = new char[b.length];
    for (int i = 0; i < b.length; i++) {
      int v = b[i] & 0xFF;
      c[i] = v >= 'A' && v <= 'Z' ? (char) (v + 32) : v < 0x80 ? (char) v : '?';
    }
    String s = new String(c);
    for (String k : ENCODED_KEYWORDS) {
      if (s.contains(k)) {
        return DeserializationDetector.ENCODED;
      }
    }
    return null;
  }

  /** Length of the shortest of {@link #SIMPLE_NAMES} ({@code TemplatesImpl}). */
  static final int SHORTEST_SIMPLE_NAME = shortest(SIMPLE_NAMES);

  private static int shortest(Set<String> names) {
    int min = Integer.MAX_VALUE;
    for (String n : names) {
      min = Math.min(min, n.length());
    }
    return min;
  }

  /** Length of the shortest {@link #ENCODED_KEYWORDS} entry ({@code runtime}). */
  static final int SHORTEST_KEYWORD = 7;

  /**
   * Every keyword is made of letters and dots only and is at least {@value #SHORTEST_KEYWORD}
   * long, so bytes without such a run cannot contain one. Random base64 (tokens, ids, hashes)
   * rarely decodes to seven letters in a row; this spares building and searching a string for
   * each of the four alignments of every run.
   */
  private static boolean hasKeywordRun(byte[] b) {
    int run = 0;
    for (byte x : b) {
      if (x >= 'a' && x <= 'z' || x >= 'A' && x <= 'Z' || x == '.') {
        if (++run >= SHORTEST_KEYWORD) {
          return true;
        }
      } else {
        run = 0;
      }
    }
    return false;
  }
}
