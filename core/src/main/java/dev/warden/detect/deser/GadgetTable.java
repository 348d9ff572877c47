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

  /** Length of the shortest {@link #SIMPLE_NAMES} entry. */
  private static final int SHORTEST_SIMPLE_NAME = shortest(SIMPLE_NAMES);

  // A loop, not a stream: streams and lambdas at class initialisation cost cold-start time.
  private static int shortest(Set<String> names) {
    int min = Integer.MAX_VALUE;
    for (String n : names) {
      min = Math.min(min, n.length());
    }
    return min;
  }

  /**
   * Whether {@link #classify} can return a rule for {@code t[from, to)}: a dotted name, or an
   * undotted one at least as long as the shortest simple gadget name. Spares a substring and a
   * hash for each of the many short words of ordinary text.
   */
  static boolean mayClassify(String t, int from, int to) {
    if (to - from >= SHORTEST_SIMPLE_NAME) {
      return true;
    }
    for (int k = from; k < to; k++) {
      if (t.charAt(k) == '.') {
        return true;
      }
    }
    return false;
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
