package dev.warden.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Finding;
import dev.warden.policy.Policy;
import org.junit.jupiter.api.Test;

class InputCollectorTest {

  @Test
  void depthLimit_reportedOncePerRecord() {
    InputCollector c = new InputCollector(Policy.builder().maxDepth(2).build());
    c.nextRecord();
    assertThat(c.depth(3, Source.MESSAGE, "sqs[0].body")).isFalse();
    assertThat(c.depth(3, Source.MESSAGE, "sqs[0].body.x")).isFalse();
    c.nextRecord();
    assertThat(c.depth(3, Source.MESSAGE, "sqs[1].body")).isFalse();
    assertThat(c.limitFindings()).extracting(Finding::location).containsExactly("sqs[0].body", "sqs[1].body");
  }

  @Test
  void limitFindings_pastTheCap_collectorStopsWithMaxFields() {
    InputCollector c = new InputCollector(Policy.builder().maxBytes(1).build());
    for (int i = 0; i < InputCollector.MAX_LIMIT_FINDINGS + 10; i++) {
      c.nextRecord();
      c.size(2, Source.MESSAGE, "r[" + i + "]");
    }
    assertThat(c.limitFindings()).hasSize(InputCollector.MAX_LIMIT_FINDINGS + 1);
    assertThat(c.limitFindings().get(InputCollector.MAX_LIMIT_FINDINGS).rule()).isEqualTo("max-fields");
    assertThat(c.full()).isTrue();
    assertThat(c.value(Source.MESSAGE, "later", "x")).isFalse();
  }

  @Test
  void decompressed_beyondLimit_decompressedSizeOnce() {
    InputCollector c = new InputCollector(Policy.builder().maxDecompressedBytes(10).build());
    assertThat(c.decompressed(10, Source.MESSAGE, "logs")).isTrue();
    assertThat(c.decompressed(11, Source.MESSAGE, "logs")).isFalse();
    assertThat(c.decompressed(12, Source.MESSAGE, "logs")).isFalse();
    assertThat(c.limitFindings()).extracting(Finding::rule).containsExactly("decompressed-size");
  }

  @Test
  void skipped_recordedAndBounded() {
    InputCollector c = new InputCollector(Policy.defaults());
    for (int i = 0; i < 40; i++) {
      c.skipped(Source.BODY, "body", "binary content-type image/png");
    }
    assertThat(c.skipped()).hasSize(InputCollector.MAX_SKIPS);
    assertThat(c.inputs()).isEmpty();
  }

  @Test
  void ignoresHeader_collectorFromLimits_usesTheDefaultListWithItsPrefixes() {
    InputCollector c = new InputCollector(dev.warden.policy.Limits.DEFAULT);
    assertThat(c.ignoresHeader("CloudFront-Viewer-Country")).isTrue();
    assertThat(c.ignoresHeader("X-Amzn-Oidc-Data")).isTrue();
    assertThat(c.ignoresHeader("Host")).isTrue();
    assertThat(c.ignoresHeader("User-Agent")).isFalse();
    assertThat(c.ignoresHeader("cloudfront")).isFalse();
  }

  @Test
  void ignoresHeader_followsThePolicy() {
    assertThat(new InputCollector(Policy.defaults()).ignoresHeader("Via")).isTrue();
    InputCollector none = new InputCollector(Policy.builder().ignoredHeaders(java.util.List.of()).build());
    assertThat(none.ignoresHeader("Via")).isFalse();
  }
}
