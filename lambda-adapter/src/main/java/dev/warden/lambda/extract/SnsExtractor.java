package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import java.util.Map;

/**
 * Amazon SNS notifications: per record, the message ({@code sns[0].message}, walked as JSON when
 * it is JSON), the subject ({@code sns[0].subject}) and message attributes
 * ({@code sns[0].attributes.foo}; {@code Binary} values skipped and recorded). Signature and URL
 * fields are set by SNS. Event shape: AWS Lambda Developer Guide, "Invoking Lambda functions with
 * Amazon SNS notifications", example SNS message event.
 */
final class SnsExtractor implements Extractor<SNSEvent> {

  @Override
  public Class<SNSEvent> type() {
    return SNSEvent.class;
  }

  @Override
  public String trigger() {
    return "sns";
  }

  @Override
  public void extract(SNSEvent e, InputCollector out) {
    if (e.getRecords() == null) {
      return;
    }
    int i = 0;
    for (SNSEvent.SNSRecord r : e.getRecords()) {
      if (out.full()) {
        return;
      }
      String base = "sns[" + i++ + "]";
      if (r == null || r.getSNS() == null) {
        continue;
      }
      SNSEvent.SNS s = r.getSNS();
      out.value(Source.MESSAGE, base + ".subject", s.getSubject());
      Payload.text(s.getMessage(), Source.MESSAGE, base + ".message", out);
      Map<String, SNSEvent.MessageAttribute> attrs = s.getMessageAttributes();
      if (attrs == null) {
        continue;
      }
      for (Map.Entry<String, SNSEvent.MessageAttribute> a : attrs.entrySet()) {
        String path = base + ".attributes." + Records.cut(a.getKey());
        out.name(Source.ATTRIBUTE, path, a.getKey());
        SNSEvent.MessageAttribute v = a.getValue();
        if (v == null) {
          continue;
        }
        if ("Binary".equals(v.getType())) {
          out.skipped(Source.ATTRIBUTE, path, "binary message attribute");
        } else {
          // String.Array values arrive as one JSON array text: walk it.
          Payload.text(v.getValue(), Source.ATTRIBUTE, path, out);
        }
      }
    }
  }
}
