package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import java.util.List;
import java.util.Map;

/**
 * Amazon SQS batches: per message, the body ({@code sqs[2].body}, walked as JSON when it is JSON:
 * {@code sqs[2].body.note}) and the message attributes the sender set
 * ({@code sqs[0].attributes.foo}; string lists as {@code sqs[0].attributes.foo[1]}). System
 * attributes ({@code SenderId}, timestamps) are set by SQS and not inspected; binary attribute
 * values are skipped and recorded. The record index in the location lets Warden refuse single
 * messages (partial batch responses). Event shape: AWS Lambda Developer Guide, "Using Lambda with
 * Amazon SQS", example standard queue message event.
 */
final class SqsExtractor implements Extractor<SQSEvent> {

  @Override
  public Class<SQSEvent> type() {
    return SQSEvent.class;
  }

  @Override
  public String trigger() {
    return "sqs";
  }

  @Override
  public void extract(SQSEvent e, InputCollector out) {
    List<SQSEvent.SQSMessage> records = e.getRecords();
    if (records == null) {
      return;
    }
    int i = 0;
    for (SQSEvent.SQSMessage m : records) {
      if (out.full()) {
        return;
      }
      out.nextRecord();
      String base = "sqs[" + i++ + "]";
      if (m == null) {
        continue;
      }
      Payload.text(m.getBody(), Source.MESSAGE, base + ".body", out);
      Map<String, SQSEvent.MessageAttribute> attrs = m.getMessageAttributes();
      if (attrs == null) {
        continue;
      }
      for (Map.Entry<String, SQSEvent.MessageAttribute> a : attrs.entrySet()) {
        String path = base + ".attributes." + Records.cut(a.getKey());
        out.name(Source.ATTRIBUTE, path, a.getKey());
        SQSEvent.MessageAttribute v = a.getValue();
        if (v == null) {
          continue;
        }
        out.value(Source.ATTRIBUTE, path, v.getStringValue());
        Records.values(Source.ATTRIBUTE, path, v.getStringListValues(), out);
        if (v.getBinaryValue() != null || (v.getBinaryListValues() != null && !v.getBinaryListValues().isEmpty())) {
          out.skipped(Source.ATTRIBUTE, path, "binary message attribute");
        }
      }
    }
  }
}
