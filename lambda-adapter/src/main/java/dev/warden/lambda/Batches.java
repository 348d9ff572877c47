package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.warden.Verdict;
import dev.warden.detect.Finding;
import dev.warden.policy.Action;
import dev.warden.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Partial refusal of record batches (SQS, Kinesis, DynamoDB Streams). Findings name the record
 * they sit in through their location ({@code sqs[3].body.note} is record 3), so one verdict for
 * the whole batch says which records are hostile. Those are withheld from the handler, which
 * receives an event holding only the clean records, and reported as batch item failures (the
 * {@code ReportBatchItemFailures} response: AWS Lambda Developer Guide, "Handling errors for an
 * SQS event source" and "Configuring partial batch response with Kinesis Data Streams and
 * DynamoDB Streams"), merged with the failures the handler reports itself.
 *
 * <p>The whole batch is refused when a blocking finding sits outside any record (the event's
 * size), when the verdict blocks without a finding (fail-closed after a Warden error), when the
 * collector stopped ({@code max-fields}) or inspection stopped early (finding cap, time budget):
 * records not inspected must never pass as clean. Stateless; thread-safe.
 */
final class Batches {

  private Batches() {}

  /**
   * What to do with a blocked batch: {@code clean} is the event to pass to the handler (null when
   * no record is clean) and {@code failed} the item identifiers of the withheld records.
   */
  record Partial(Object clean, List<String> failed) {}

  /**
   * The partial refusal for {@code event} under a blocking verdict, when {@code outputType} is the
   * batch response type the trigger reads; empty when the whole batch must be refused.
   */
  static Optional<Partial> partial(Object event, Guard.Check check, Class<?> outputType) {
    Verdict verdict = check.verdict();
    if (verdict == null || outputType == null || !check.complete()) {
      // Inspection stopped early (finding cap, time budget): records after that point were not
      // inspected and must not reach the handler as clean.
      return Optional.empty();
    }
    if (event instanceof SQSEvent && SQSBatchResponse.class.isAssignableFrom(outputType)) {
      List<SQSEvent.SQSMessage> records = ((SQSEvent) event).getRecords();
      Set<Integer> hostile = hostile(verdict, "sqs", size(records));
      if (hostile == null) {
        return Optional.empty();
      }
      List<SQSEvent.SQSMessage> clean = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        SQSEvent.SQSMessage m = records.get(i);
        if (hostile.contains(i)) {
          failed.add(m == null ? null : m.getMessageId());
        } else {
          clean.add(m);
        }
      }
      if (failed.contains(null)) {
        return Optional.empty();
      }
      SQSEvent e = new SQSEvent();
      e.setRecords(clean);
      return Optional.of(new Partial(clean.isEmpty() ? null : e, failed));
    }
    if (event instanceof KinesisEvent && StreamsEventResponse.class.isAssignableFrom(outputType)) {
      List<KinesisEvent.KinesisEventRecord> records = ((KinesisEvent) event).getRecords();
      Set<Integer> hostile = hostile(verdict, "kinesis", size(records));
      if (hostile == null) {
        return Optional.empty();
      }
      List<KinesisEvent.KinesisEventRecord> clean = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        KinesisEvent.KinesisEventRecord r = records.get(i);
        if (hostile.contains(i)) {
          failed.add(r == null || r.getKinesis() == null ? null : r.getKinesis().getSequenceNumber());
        } else {
          clean.add(r);
        }
      }
      if (failed.contains(null)) {
        return Optional.empty();
      }
      KinesisEvent e = new KinesisEvent();
      e.setRecords(clean);
      return Optional.of(new Partial(clean.isEmpty() ? null : e, failed));
    }
    if (event instanceof DynamodbEvent && StreamsEventResponse.class.isAssignableFrom(outputType)) {
      List<DynamodbEvent.DynamodbStreamRecord> records = ((DynamodbEvent) event).getRecords();
      Set<Integer> hostile = hostile(verdict, "dynamodb", size(records));
      if (hostile == null) {
        return Optional.empty();
      }
      List<DynamodbEvent.DynamodbStreamRecord> clean = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        DynamodbEvent.DynamodbStreamRecord r = records.get(i);
        if (hostile.contains(i)) {
          failed.add(r == null || r.getDynamodb() == null ? null : r.getDynamodb().getSequenceNumber());
        } else {
          clean.add(r);
        }
      }
      if (failed.contains(null)) {
        return Optional.empty();
      }
      DynamodbEvent e = new DynamodbEvent();
      e.setRecords(clean);
      return Optional.of(new Partial(clean.isEmpty() ? null : e, failed));
    }
    return Optional.empty();
  }

  /**
   * The response to return: the handler's own (null when it was not called or returned null)
   * with Warden's failures added, each identifier once.
   */
  static Object merge(Object response, Object event, List<String> failed) {
    if (event instanceof SQSEvent) {
      SQSBatchResponse r = response instanceof SQSBatchResponse ? (SQSBatchResponse) response
          : new SQSBatchResponse(new ArrayList<>());
      List<SQSBatchResponse.BatchItemFailure> all = new ArrayList<>();
      Set<String> ids = new LinkedHashSet<>();
      if (r.getBatchItemFailures() != null) {
        for (SQSBatchResponse.BatchItemFailure f : r.getBatchItemFailures()) {
          if (f != null && ids.add(f.getItemIdentifier())) {
            all.add(f);
          }
        }
      }
      for (String id : failed) {
        if (ids.add(id)) {
          all.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build());
        }
      }
      r.setBatchItemFailures(all);
      return r;
    }
    StreamsEventResponse r = response instanceof StreamsEventResponse ? (StreamsEventResponse) response
        : new StreamsEventResponse(new ArrayList<>());
    List<StreamsEventResponse.BatchItemFailure> all = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    if (r.getBatchItemFailures() != null) {
      for (StreamsEventResponse.BatchItemFailure f : r.getBatchItemFailures()) {
        if (f != null && ids.add(f.getItemIdentifier())) {
          all.add(f);
        }
      }
    }
    for (String id : failed) {
      if (ids.add(id)) {
        all.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(id).build());
      }
    }
    r.setBatchItemFailures(all);
    return r;
  }

  /**
   * Indices of records with a blocking finding, or null when something blocks outside any record
   * (or the verdict blocks without a finding: a fail-closed error).
   */
  static Set<Integer> hostile(Verdict verdict, String prefix, int records) {
    Set<Integer> hostile = new LinkedHashSet<>();
    for (Verdict.Outcome o : verdict.outcomes()) {
      if (o.action() != Action.BLOCK) {
        continue;
      }
      if (Policy.LIMIT_DETECTOR.equals(o.finding().detector()) && "max-fields".equals(o.finding().rule())) {
        return null; // the collector stopped: later records were never collected
      }
      int i = recordIndex(o.finding(), prefix);
      if (i < 0 || i >= records) {
        return null;
      }
      hostile.add(i);
    }
    return hostile.isEmpty() ? null : hostile;
  }

  /** {@code sqs[12].body} → 12 for prefix {@code sqs}; -1 when the location is not in a record. */
  static int recordIndex(Finding f, String prefix) {
    String loc = f.location();
    if (!loc.startsWith(prefix) || loc.length() <= prefix.length() || loc.charAt(prefix.length()) != '[') {
      return -1;
    }
    int n = 0;
    int i = prefix.length() + 1;
    int digits = 0;
    while (i < loc.length() && Character.isDigit(loc.charAt(i)) && digits < 9) {
      n = n * 10 + (loc.charAt(i) - '0');
      i++;
      digits++;
    }
    return digits > 0 && i < loc.length() && loc.charAt(i) == ']' ? n : -1;
  }

  private static int size(List<?> l) {
    return l == null ? 0 : l.size();
  }
}
