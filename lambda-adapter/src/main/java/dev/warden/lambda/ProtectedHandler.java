package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.warden.WardenBlockedException;
import java.util.Optional;

/**
 * A typed handler behind Warden: inspects the event, then calls the user's handler or refuses.
 * HTTP events are refused with a 403 (413, 400: see {@link Refusals}) of the matching response
 * type when the handler's declared output type can hold it. SQS, Kinesis and DynamoDB Streams
 * batches are refused record by record when the handler declares the batch response type
 * ({@code SQSBatchResponse}, {@code StreamsEventResponse}): the handler gets the clean records and
 * the hostile ones are reported as batch item failures (see {@link Batches}). Everything else
 * gets {@link WardenBlockedException}. Thread-safe if the wrapped handler is.
 */
final class ProtectedHandler<I, O> implements RequestHandler<I, O> {

  private final RequestHandler<I, O> delegate;
  private final Guard guard;
  private final Class<?> outputType;

  ProtectedHandler(RequestHandler<I, O> delegate, Guard guard, Class<?> outputType) {
    this.delegate = delegate;
    this.guard = guard;
    this.outputType = outputType;
  }

  @Override
  public O handleRequest(I input, Context context) {
    Guard.Check check = guard.check(input, context);
    if (!check.blocked()) {
      return delegate.handleRequest(input, context);
    }
    return refuse(input, check, context);
  }

  @SuppressWarnings("unchecked")
  private O refuse(I input, Guard.Check check, Context context) {
    String requestId = check.invocation().requestId();
    Optional<Batches.Partial> partial = Batches.partial(input, check, outputType);
    if (partial.isPresent()) {
      Object clean = partial.get().clean();
      O own = clean == null ? null : delegate.handleRequest((I) clean, context);
      return (O) Batches.merge(own, input, partial.get().failed());
    }
    Optional<Object> typed = Refusals.refusal(input, requestId, check.verdict());
    if (typed.isPresent() && (outputType == null || outputType.isInstance(typed.get()))) {
      return (O) typed.get();
    }
    throw new WardenBlockedException(requestId, check.verdict());
  }
}
