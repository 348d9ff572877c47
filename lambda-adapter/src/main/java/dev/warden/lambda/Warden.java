package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.warden.Engine;
import dev.warden.detect.Detector;
import dev.warden.detect.Detectors;
import dev.warden.event.EmfWriter;
import dev.warden.event.EventSink;
import dev.warden.event.Slf4jEventSink;
import dev.warden.guard.GuardInstaller;
import dev.warden.guard.GuardPolicy;
import dev.warden.lambda.extract.Extractors;
import dev.warden.policy.Mode;
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
 *
 * <p>Building a wrapper also installs the runtime guards (egress, process, file, deserialization,
 * JNDI; docs/GUARDS.md) JVM-wide, once, from the same sources, unless the mode is {@code OFF} or
 * {@code WARDEN_GUARDS=false} / {@code @WardenPolicy(guards = false)}. The first installation
 * wins for the life of the JVM.
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
    private GuardPolicy guardPolicy;
    private java.util.function.Consumer<String> metricsOut;

    private Builder() {}

    /**
     * Use this runtime-guard policy instead of the one resolved from the annotation and the
     * environment. It is installed JVM-wide when the first handler is built (see
     * {@link GuardInstaller}).
     */
    public Builder guards(GuardPolicy p) {
      this.guardPolicy = Objects.requireNonNull(p, "guards");
      return this;
    }

    /**
     * Where the per-invocation CloudWatch Embedded Metric Format line goes; default
     * {@code System.out}, which Lambda sends to CloudWatch Logs, where the metrics are extracted.
     * The consumer must be thread-safe; its failures are contained.
     */
    public Builder metricsOut(java.util.function.Consumer<String> out) {
      this.metricsOut = Objects.requireNonNull(out, "metricsOut");
      return this;
    }

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
      EventSink s = sink != null ? sink : new Slf4jEventSink();
      Engine engine = Engine.of(p, detectors != null ? detectors : Detectors.discover(handlerClass.getClassLoader()),
          s, failures, java.time.Clock.systemUTC(), Engine.SYSTEM_NANOS,
          metricsOut != null ? metricsOut : EmfWriter.STDOUT);
      // Guards first: the resolver guard only takes effect if installed before the first name lookup.
      installGuards(handlerClass, p, s);
      if (primesAtInit(environment)) {
        engine.prime(1);
      }
      PostureRunner.startOnce(environment, s);
      Guard guard = new Guard(engine, Extractors.standard(), observer);
      return dev.warden.posture.PostureSettings.fromEnvironment(environment).wipeTmp()
          ? guard.withTmpWipe(java.nio.file.Path.of(environment.getOrDefault("WARDEN_TMP_DIR", "/tmp"))) : guard;
    }

    /**
     * Whether init should run the detectors once over their warm-up values. Only where init is off
     * the request path: with provisioned concurrency Lambda initialises environments ahead of
     * requests, and the {@code AWS_LAMBDA_INITIALIZATION_TYPE} variable says so (values
     * {@code on-demand}, {@code provisioned-concurrency}, {@code snap-start}; Lambda's reserved
     * runtime environment variables). On an on-demand cold start the request waits for init and
     * the first call alike, and priming costs more than it saves: the first call loads only the
     * code its values need. SnapStart primes before the snapshot instead (see the Guard's
     * CRaC resource).
     */
    static boolean primesAtInit(Map<String, String> env) {
      return "provisioned-concurrency".equals(env.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }

    /** Bad guard configuration fails here, at init; installation itself never throws. */
    private void installGuards(Class<?> handlerClass, Policy p, EventSink s) {
      if (p.mode() == Mode.OFF || !Policies.guardsEnabled(handlerClass, environment)) {
        return;
      }
      GuardPolicy g = guardPolicy != null ? guardPolicy : Policies.resolveGuards(handlerClass, environment);
      GuardInstaller.install(g, s);
    }
  }
}
