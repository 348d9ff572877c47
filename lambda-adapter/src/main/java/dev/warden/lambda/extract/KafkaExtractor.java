package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import java.util.List;
import java.util.Map;

/**
 * Amazon MSK and self-managed Apache Kafka batches. Records arrive grouped by
 * {@code topic-partition}; Warden numbers them in event order: {@code kafka[0].value} (base64 in
 * the event, decoded; walked as JSON when it is JSON), {@code kafka[0].key} and headers
 * ({@code kafka[0].headers.trace}; Lambda sends each header value as an array of byte values).
 * Event shape: AWS Lambda Developer Guide, "Using Lambda with Amazon MSK" and "Using Lambda with
 * self-managed Apache Kafka", example events.
 */
final class KafkaExtractor implements Extractor<KafkaEvent> {

  @Override
  public Class<KafkaEvent> type() {
    return KafkaEvent.class;
  }

  @Override
  public String trigger() {
    return "kafka";
  }

  @Override
  public void extract(KafkaEvent e, InputCollector out) {
    if (e.getRecords() == null) {
      return;
    }
    int i = 0;
    for (List<KafkaEvent.KafkaEventRecord> partition : e.getRecords().values()) {
      if (partition == null) {
        continue;
      }
      for (KafkaEvent.KafkaEventRecord r : partition) {
        if (out.full()) {
          return;
        }
        String base = "kafka[" + i++ + "]";
        if (r == null) {
          continue;
        }
        Payload.base64(r.getKey(), Source.MESSAGE, base + ".key", out);
        Payload.base64(r.getValue(), Source.MESSAGE, base + ".value", out);
        headers(r.getHeaders(), base + ".headers", out);
      }
    }
  }

  private static void headers(List<Map<String, byte[]>> headers, String path, InputCollector out) {
    if (headers == null) {
      return;
    }
    for (Map<String, byte[]> h : headers) {
      if (h == null) {
        continue;
      }
      for (Map.Entry<String, byte[]> kv : h.entrySet()) {
        String p = path + "." + Records.cut(kv.getKey());
        out.name(Source.ATTRIBUTE, p, kv.getKey());
        if (kv.getValue() != null) {
          String text = Payload.utf8(kv.getValue());
          if (text == null) {
            out.skipped(Source.ATTRIBUTE, p, "binary header value");
          } else {
            out.value(Source.ATTRIBUTE, p, text);
          }
        }
      }
    }
  }

}
