package dev.warden.lambda.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.extract.Input;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.policy.Policy;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of Warden's bounded JSON walker and depth scan. Properties for any bytes
 * or text and any small limits: nothing is thrown, the collector never holds more than
 * {@code maxFields} values or values longer than {@code maxValueChars}, every location starts at
 * the root, and the bytes and text forms of the same document agree.
 */
class JsonFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void walk_arbitraryDocument_boundedAndNeverThrows(FuzzedDataProvider data) {
    Policy p = Policy.builder().maxDepth(data.consumeInt(1, 40)).maxFields(data.consumeInt(1, 200))
        .maxValueChars(data.consumeInt(1, 5000)).build();
    byte[] doc = data.consumeRemainingAsBytes();
    InputCollector bytes = new InputCollector(p.limits());
    boolean okBytes = Json.walk(doc, Source.BODY, "body", bytes);
    assertThat(bytes.inputs().size()).isLessThanOrEqualTo(p.limits().maxFields());
    for (Input in : bytes.inputs()) {
      assertThat(in.path()).startsWith("body");
      assertThat(in.text().length()).isLessThanOrEqualTo(p.limits().maxValueChars());
    }
    Json.Scan scan = Json.scan(doc, p.limits().maxDepth());
    assertThat(scan).isNotNull();
    String text = new String(doc, StandardCharsets.UTF_8);
    InputCollector chars = new InputCollector(p.limits());
    boolean okText = Json.walk(text, Source.BODY, "body", chars);
    assertThat(chars.inputs().size()).isLessThanOrEqualTo(p.limits().maxFields());
    if (okBytes && okText && scan == Json.Scan.OK) {
      assertThat(chars.inputs()).hasSameSizeAs(bytes.inputs());
    }
  }
}
