package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.warden.Engine;
import dev.warden.detect.Detector;
import dev.warden.detect.Detectors;
import dev.warden.event.EventSink;
import dev.warden.event.Slf4jEventSink;
import dev.warden.lambda.extract.Extractors;
import dev.warden.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Entry point: wraps an existing handler so Warden inspects every event before it runs.
 *
 * <pre>{@code
 * @WardenPolicy(mode = Mode.BLOCK)
 * public class OrdersFn implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> { ... }
 *
 * public class Protected implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
 *   private final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> h =
 *       Warden.protect(new OrdersFn());
 *   public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent e, Context c) {
 *     return h.handleRequest(e, c);
 *   }
 * }
 * }</pre>
 *
 * The policy is resolved once, when the wrapper is built (at init): defaults, then the
 * {@link WardenPolicy} annotation on the handler's class, then {@code WARDEN_*} environment
 * variables. The wrapper keeps that policy for its lifetime. Wrappers are thread-safe.
 */
public final class Warden {

  private Warden() {}

  /** Protects a typed handler with the policy from its annotation and the environment. */
  public static <I, O> RequestHandler<I, O> protect(RequestHandler<I, O> handler) {
    return builder().protect(handler);
  }

  /** Protects a stream handler with the policy from its annotation and the environment. */
  public static RequestStreamHandler protect(RequestStreamHandler handler) {
    return builder().protect(handler);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures how handlers are protected: an explicit policy (else annotation + environment), the
   * environment map to read, detectors (else {@link java.util.ServiceLoader} discovery) and the
   * event sink (else SLF4J logger {@code warden.security}). Not thread-safe; the handlers it builds are.
   */
  public static final class Builder {
    private Policy policy;
    private Map<String, String> environment = System.getenv();
    private List<Detector> detectors;
    private EventSink sink;
    private Engine.Failures failures = Engine.Failures.CONTAIN;
    private VerdictObserver observer;

    private Builder() {}

    /** Use this policy as the base instead of defaults + annotation; the environment still overrides it. */
    public Builder policy(Policy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    /** Read {@code WARDEN_*} overrides from this map instead of {@link System#getenv()}. */
    public Builder environment(Map<String, String> env) {
      this.environment = Map.copyOf(Objects.requireNonNull(env, "environment"));
      return this;
    }

    /** Replace detector discovery with this list. */
    public Builder detectors(List<Detector> list) {
      this.detectors = Detectors.checked(Objects.requireNonNull(list, "detectors"));
      return this;
    }

    public Builder sink(EventSink s) {
      this.sink = Objects.requireNonNull(s, "sink");
      return this;
    }

    /** {@link Engine.Failures#PROPAGATE} re-throws Warden's own failures: for tests only. */
    public Builder failures(Engine.Failures f) {
      this.failures = Objects.requireNonNull(f, "failures");
      return this;
    }

    /** Called with every verdict (metrics, dashboards, demos); its failures are ignored. */
    public Builder observer(VerdictObserver o) {
      this.observer = Objects.requireNonNull(o, "observer");
      return this;
    }

    public <I, O> RequestHandler<I, O> protect(RequestHandler<I, O> handler) {
      Objects.requireNonNull(handler, "handler");
      return new ProtectedHandler<>(handler, guard(handler.getClass()),
          HandlerTypes.requestHandlerArgument(handler.getClass(), 1));
    }

    public RequestStreamHandler protect(RequestStreamHandler handler) {
      Objects.requireNonNull(handler, "handler");
      return new ProtectedStreamHandler(handler, guard(handler.getClass()));
    }

    Guard guard(Class<?> handlerClass) {
      Policy p = policy != null ? policy.toBuilder().environment(environment).build()
          : Policies.resolve(handlerClass, environment);
      Engine engine = Engine.of(p, detectors != null ? detectors : Detectors.discover(handlerClass.getClassLoader()),
          sink != null ? sink : new Slf4jEventSink(), failures);
      // Load and initialise every detector now, at init, rather than on the first request. Only
      // the detectors: running the sample events too would add interpreted work to every cold
      // start. Before a SnapStart snapshot, where init time is not paid per cold start, the hook
      // primes the whole path until it is compiled.
      engine.prime(1);
      Guard g = new Guard(engine, Extractors.standard(), observer);
      g.registerSnapStart();
      return g;
    }
  }
}
