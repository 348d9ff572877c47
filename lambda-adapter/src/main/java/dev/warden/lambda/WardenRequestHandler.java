package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * Base class alternative to {@link Warden#protect(RequestHandler)}: extend it, implement
 * {@link #handle(Object, Context)}, and annotate the class with {@link WardenPolicy}. Warden
 * inspects every event before {@code handle} runs. The policy is resolved in the constructor
 * (at init) and cannot be changed afterwards.
 */
public abstract class WardenRequestHandler<I, O> implements RequestHandler<I, O> {

  private final RequestHandler<I, O> protectedHandler;

  protected WardenRequestHandler() {
    this(Warden.builder());
  }

  /** For tests: build the protection with a configured builder. */
  protected WardenRequestHandler(Warden.Builder builder) {
    RequestHandler<I, O> inner = new Inner<>(this);
    this.protectedHandler = new ProtectedHandler<>(inner, builder.guard(getClass()),
        HandlerTypes.requestHandlerArgument(getClass(), 1));
  }

  /** The function's own logic; runs only for events the policy allows. */
  protected abstract O handle(I input, Context context);

  @Override
  public final O handleRequest(I input, Context context) {
    return protectedHandler.handleRequest(input, context);
  }

  private static final class Inner<I, O> implements RequestHandler<I, O> {
    private final WardenRequestHandler<I, O> outer;

    Inner(WardenRequestHandler<I, O> outer) {
      this.outer = outer;
    }

    @Override
    public O handleRequest(I input, Context context) {
      return outer.handle(input, context);
    }
  }
}
