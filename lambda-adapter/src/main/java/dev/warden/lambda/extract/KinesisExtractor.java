package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;

/**
 * Kinesis Data Streams batches: each record's data (base64 in the event, already decoded by the
 * runtime's serializer into bytes; walked as JSON when it is JSON:
 * {@code kinesis[0].data.note}, inspected as text at {@code kinesis[0].data} otherwise, skipped and
 * recorded when binary) and its producer-chosen partition key ({@code kinesis[0].partitionKey}).
 * Event shape: AWS Lambda Developer Guide, "Using AWS Lambda with Amazon Kinesis", example event.
 */
final class KinesisExtractor implements Extractor<KinesisEvent> {

  @Override
  public Class<KinesisEvent> type() {
    return KinesisEvent.class;
  }

  @Override
  public String trigger() {
    return "kinesis";
  }

  @Override
  public void extract(KinesisEvent e, InputCollector out) {
    if (e.getRecords() == null) {
      return;
    }
    int i = 0;
    for (KinesisEvent.KinesisEventRecord r : e.getRecords()) {
      if (out.full()) {
        return;
      }
      out.nextRecord();
      String base = "kinesis[" + i++ + "]";
      if (r == null || r.getKinesis() == null) {
        continue;
      }
      out.value(Source.MESSAGE, base + ".partitionKey", r.getKinesis().getPartitionKey());
      Payload.bytes(r.getKinesis().getData(), Source.MESSAGE, base + ".data", out);
    }
  }
}
