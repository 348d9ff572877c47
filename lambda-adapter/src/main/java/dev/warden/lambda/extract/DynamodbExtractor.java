package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Streams batches: the new image of each record, every attribute type walked
 * ({@code dynamodb[0].newImage.comment}): {@code S} as text, {@code SS} as
 * {@code .tags[1]}, {@code M} as {@code .address.city}, {@code L} as {@code .lines[0]}, nested to
 * the policy's depth; {@code N}/{@code NS} (DynamoDB checks they are numbers) and
 * {@code BOOL}/{@code NULL} carry no text; {@code B}/{@code BS} are inspected when they are UTF-8
 * text, else skipped and recorded. The old image and keys are not inspected: the old image was
 * inspected when it was new, and a {@code REMOVE} of a hostile item must not be refused. Event
 * shape: AWS Lambda Developer Guide, "Using AWS Lambda with Amazon DynamoDB", example event;
 * attribute types: DynamoDB API Reference, "AttributeValue".
 */
final class DynamodbExtractor implements Extractor<DynamodbEvent> {

  @Override
  public Class<DynamodbEvent> type() {
    return DynamodbEvent.class;
  }

  @Override
  public String trigger() {
    return "dynamodb";
  }

  @Override
  public void extract(DynamodbEvent e, InputCollector out) {
    if (e.getRecords() == null) {
      return;
    }
    int i = 0;
    for (DynamodbEvent.DynamodbStreamRecord r : e.getRecords()) {
      if (out.full()) {
        return;
      }
      out.nextRecord();
      String base = "dynamodb[" + i++ + "].newImage";
      if (r == null || r.getDynamodb() == null) {
        continue;
      }
      map(r.getDynamodb().getNewImage(), base, 2, out);
    }
  }

  private static void map(Map<String, AttributeValue> m, String path, int depth, InputCollector out) {
    if (m == null || !out.depth(depth, Source.MESSAGE, path)) {
      return;
    }
    for (Map.Entry<String, AttributeValue> a : m.entrySet()) {
      if (out.full()) {
        return;
      }
      String child = path + "." + Records.cut(a.getKey());
      out.name(Source.MESSAGE, child, a.getKey());
      value(a.getValue(), child, depth + 1, out);
    }
  }

  private static void value(AttributeValue v, String path, int depth, InputCollector out) {
    if (v == null) {
      return;
    }
    if (v.getS() != null) {
      out.value(Source.MESSAGE, path, v.getS());
    }
    Records.values(Source.MESSAGE, path, v.getSS(), out);
    if (v.getB() != null) {
      Payload.bytes(v.getB(), Source.MESSAGE, path, out);
    }
    List<ByteBuffer> bs = v.getBS();
    if (bs != null) {
      int k = 0;
      for (ByteBuffer b : bs) {
        Payload.bytes(b, Source.MESSAGE, path + "[" + k++ + "]", out);
      }
    }
    if (v.getM() != null) {
      map(v.getM(), path, depth, out);
    }
    List<AttributeValue> l = v.getL();
    if (l != null && out.depth(depth, Source.MESSAGE, path)) {
      int k = 0;
      for (AttributeValue item : l) {
        if (out.full()) {
          return;
        }
        value(item, path + "[" + k++ + "]", depth + 1, out);
      }
    }
  }
}
