package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;

/**
 * CloudWatch Logs subscription events. {@code awslogs.data} is base64 of gzip of a JSON document
 * whose {@code logEvents[].message} lines were written by whatever logged them, often from
 * request data. Warden decodes, inflates at most {@code maxDecompressedBytes} (more is
 * {@code limit-exceeded/decompressed-size}: a gzip bomb stops there) and walks the document:
 * {@code logs.logEvents[0].message}. Event shape: AWS Lambda Developer Guide, "Using Lambda with
 * CloudWatch Logs", example event; payload: CloudWatch Logs User Guide, "Subscription filters".
 */
final class CloudWatchLogsExtractor implements Extractor<CloudWatchLogsEvent> {

  @Override
  public Class<CloudWatchLogsEvent> type() {
    return CloudWatchLogsEvent.class;
  }

  @Override
  public String trigger() {
    return "cloudwatch-logs";
  }

  @Override
  public void extract(CloudWatchLogsEvent e, InputCollector out) {
    if (e.getAwsLogs() == null) {
      return;
    }
    byte[] gz = Payload.decodeBase64(e.getAwsLogs().getData(), Source.MESSAGE, "logs", out);
    if (gz == null) {
      return;
    }
    byte[] json = Payload.gunzip(gz, Source.MESSAGE, "logs", out);
    if (json == null) {
      return;
    }
    // Already bounded by maxDecompressedBytes; not held against maxBytes, which bounds the event.
    String text = Payload.utf8(json);
    if (text == null) {
      out.skipped(Source.MESSAGE, "logs", "binary data (not UTF-8 text)");
    } else {
      Payload.text(text, Source.MESSAGE, "logs", out);
    }
  }
}
