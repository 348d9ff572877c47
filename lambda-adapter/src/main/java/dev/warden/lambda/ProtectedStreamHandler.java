package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A stream handler behind Warden. The event bytes are inspected with Warden's bounded parser; on
 * the allow path the user's handler receives exactly the original bytes. Thread-safe if the
 * wrapped handler is.
 */
final class ProtectedStreamHandler implements RequestStreamHandler {

  private final RequestStreamHandler delegate;
  private final StreamGuard guard;

  ProtectedStreamHandler(RequestStreamHandler delegate, Guard guard) {
    this.delegate = delegate;
    this.guard = new StreamGuard(guard);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    try (dev.warden.Engine.Run run = guard.guard().begin(context)) {
      byte[] bytes = StreamGuard.readAll(input);
      StreamGuard.Result r = guard.check(bytes, null, context);
      if (r.check().blocked()) {
        guard.refuse(r, output);
        return;
      }
      delegate.handleRequest(new ByteArrayInputStream(bytes), output, context);
    } finally {
      guard.guard().afterInvocation();
    }
  }
}
