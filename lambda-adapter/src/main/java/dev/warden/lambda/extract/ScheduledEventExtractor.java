package dev.warden.lambda.extract;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.warden.extract.InputCollector;

/**
 * Amazon EventBridge events (scheduled rules and any other source): the {@code detail} object,
 * walked like JSON ({@code detail.order.note}). For custom events {@code detail} is whatever the
 * publisher put there (PutEvents); envelope fields are set by EventBridge. Event shape: Amazon
 * EventBridge User Guide, "Amazon EventBridge events" (event structure) and AWS Lambda Developer
 * Guide, "Using AWS Lambda with Amazon EventBridge Scheduler".
 */
final class ScheduledEventExtractor implements Extractor<ScheduledEvent> {

  @Override
  public Class<ScheduledEvent> type() {
    return ScheduledEvent.class;
  }

  @Override
  public String trigger() {
    return "eventbridge";
  }

  @Override
  public void extract(ScheduledEvent e, InputCollector out) {
    if (e.getDetail() != null) {
      GenericExtractor.walk(e.getDetail(), "detail", out);
    }
  }
}
