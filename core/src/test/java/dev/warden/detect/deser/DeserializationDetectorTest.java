package dev.warden.detect.deser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.CharMask;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeserializationDetectorTest {

  private final DeserializationDetector detector = new DeserializationDetector();

  private Optional<Finding> inspect(String text) {
    return detector.inspect(Input.value(Source.BODY, "body", text));
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "cmd=java.lang.Runtime | gadget-class",
    "cmd=java.lang.Integer | java-class",
    "<a x=\"javax.naming.InitialContext\"/> | gadget-class",
    "{\"k\": \"java.io.FileOutputStream\"} | java-class",
    "org.apache.commons.collections.functors.InvokerTransformer | gadget-class",
    "com.sun.rowset.JdbcRowSetImpl | gadget-class",
    "x=runtime.invokertransformer | gadget-class",
    "java.evil.Runtime | gadget-class",
    "TemplatesImpl | gadget-class",
    "<java.beans.EventHandler><target/></java.beans.EventHandler> | gadget-class",
    "<dynamic-proxy><interface>x</interface></dynamic-proxy> | gadget-class",
    "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]] | gadget-class",
    "!!org.example.Widget {a: 1} | polymorphic-type",
    "{\"@type\": \"org.example.evil.Thing\", \"x\": 1} | polymorphic-type",
    "{\"$type\": \"System.Windows.Data.ObjectDataProvider, PresentationFramework\"} | polymorphic-type",
    "rO0ABXNyABFqYXZh | serialized-stream",
    "data=KztAAU | serialized-stream",
    "aced00057372 | serialized-stream",
    "cnVudGltZQ | encoded-gadget",
    "x=cHJvY2Vzc2J1aWxkZXI | encoded-gadget",
  })
  void inspect_deserializationMarker_reportsRule(String text, String rule) {
    assertThat(inspect(text)).as(text).hasValueSatisfying(f -> {
      assertThat(f.rule()).isEqualTo(rule);
      assertThat(f.detector()).isEqualTo("deser");
    });
  }

  @Test
  void inspect_rawStreamAsLatin1_serializedStream() {
    String raw = new String(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x72}, StandardCharsets.ISO_8859_1);
    assertThat(inspect("x" + raw)).hasValueSatisfying(f -> assertThat(f.rule()).isEqualTo("serialized-stream"));
  }

  @Test
  void inspect_gzippedBase64Stream_serializedStream() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bos)) {
      z.write(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x72, 0, 1, 'x'});
    }
    String value = b64(bos.toByteArray());
    assertThat(value).startsWith("H4sI");
    assertThat(inspect("session=" + value)).hasValueSatisfying(f -> assertThat(f.rule()).isEqualTo("serialized-stream"));
  }

  @Test
  void inspect_gzippedBase64Text_noFinding() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(bos)) {
      z.write("hello world, an ordinary compressed document".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(inspect(b64(bos.toByteArray()))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "I love Java. Runtime errors are annoying.",
    "The Java runtime and the process builder pattern",
    "Download from java.com or www.java.com/en",
    "{\"@type\": \"Person\", \"name\": \"Ada\"}",
    "{\"@context\": \"https://schema.org\", \"@type\": \"Organization\"}",
    "runtime.version=17",
    "my.app.Runtime",
    "aGVsbG8gd29ybGQ=",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc",
    "See README.md and setup.py for details",
    "Use numpy.linalg or scipy.sparse",
    "Price: $5 each; ships in 3 days",
    "",
  })
  void inspect_benignText_noFinding(String text) {
    assertThat(inspect(text)).as(text).isEmpty();
  }

  @Test
  void inspect_adversarialMegabyte_staysBoundedAndQuiet() {
    String[] units = {"A", "H4sI", "a.", "!!", "\"@type\":\"", "<", "java.", "\u00ac\u00ed", "rO0"};
    dev.warden.testing.Megabytes.assertBounded(detector, units);
  }

  @Test
  void inspect_garbage_neverThrows() {
    String[] inputs = {"\uD800", "\u0000", "H4sIAAAA", "H4sI" + "A".repeat(100), "!!", "\"@type\"",
        "\"@type\": \"", "a." + ".".repeat(50), "$"};
    for (String s : inputs) {
      assertThat(detector.inspect(Input.value(Source.BODY, "b", s))).isNotNull();
    }
  }

  /** The shortest value behind each condition of the pre-filter: each must pass it and be found. */
  @ParameterizedTest
  @ValueSource(strings = {"\u00ac\u00ed\u0000\u0005", "aced0005", "rO0ABQ", "<dynamic-proxy>", "TemplatesImpl",
      "!!a.b", "x=java.io.File", "cnVudGltZQ"})
  void mayMatch_shortestAttackOfEachKind_passesAndIsFound(String value) {
    dev.warden.testing.PrefilterEdges.passes(detector, value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"blue running shoes", "c-7731", "price:asc", "12 Market Street", "EUR", "en-GB,en;q=1",
      "ord-10042", "newsletter", "Springfield", "application/json", "5f2c9a1e77b04d2a",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"})
  void mayMatch_ordinaryValues_skipped(String value) {
    dev.warden.testing.PrefilterEdges.skips(detector, value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Gift wrap, please.", "Ada Lovelace", "203.0.113.7, 198.51.100.2", "Mozilla 5.0",
      "Size 42 (EU), colour: blue", "A-10 B", "rO0AB", "aced005", "ord-1004", "H4sIBBBBBBBBB",
      "Templates-Im", "aced0050", "x0a5bcdefg",
      "Templates-Impl", "Double-walled stainless steel", "breathability 15,000 g/m2/24h", "dynamic-proxy",
      ".TemplatesImpl", "9TemplatesImpl", "templatesimpl"})
  void mayMatch_prosePunctuationAndShortRuns_skipped(String value) {
    dev.warden.testing.PrefilterEdges.skips(detector, value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x=a.b", "xrO0AB", "aced0005", "H4sIAAAAAAAAAA", "H4sIBBBBBBBBBB", "see TemplatesImpl", "x-ACED0005-y",
      "xcnVudGltZQ", "x<DYNAMIC-PROXY", "(ProcessBuilder)", "1 InitialContext"})
  void mayMatch_runsAndDotsAtTheEdge_passes(String value) {
    assertThat(detector.mayMatch(Input.value(Source.BODY, "b", value),
        CharMask.of(value))).isTrue();
  }

  /** Base64 shards, dotted names, gadget names and prose glued at random: the filter's proof, checked. */
  private static final String[] PIECES = {"rO0AB", "rO0ABXNy", "ACED", "aced0005", "\u00ac\u00ed\u0000\u0005", "H4sI",
      "H4sIAAAAAAAA", "java", "lang", "Runtime", "TemplatesImpl", "InitialContext", "dynamic-proxy", "<", "!!", "\"@type\"",
      "\"$type\"", ":", "\"", ".", "..", "$", "_", "-", "/", "+", "=", " ", ",", "cnVudGltZQ", "amF2YS5sYW5n",
      "eXNvc2VyaWFs", "A", "AA", "0", "5", "a", "org", "apache", "commons", "x", "please", "Lovelace", "42", "H4sIB", "BBBB", "Templates", "Impl",
      "dynamic", "-proxy", "newsletter", "cnVudGlt", "ZQ", "ztAA", "s7QAF", "Apple", "QA"};

  @Test
  void mayMatch_randomSerializedLikeText_neverHidesAFinding() {
    java.util.Random r = new java.util.Random(21);
    dev.warden.testing.PrefilterEdges.Tally t = dev.warden.testing.PrefilterEdges.neverHides(detector, 60_000, () -> {
      StringBuilder sb = new StringBuilder();
      for (int j = 0, len = 1 + r.nextInt(8); j < len; j++) {
        sb.append(PIECES[r.nextInt(PIECES.length)]);
      }
      return sb.toString();
    });
    assertThat(t.findings()).as("the generator must produce attacks").isGreaterThan(5_000);
  }
}
