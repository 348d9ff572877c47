package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;

/**
 * Zero-code protection: set the function's handler to
 * {@code dev.warden.lambda.WardenHandler::handleRequest} and {@code WARDEN_HANDLER} to the
 * existing handler ({@code com.example.Fn::handleRequest} or {@code com.example.Fn}). No code
 * change: Warden loads that handler at init, reads its {@link WardenPolicy} annotation and the
 * {@code WARDEN_*} variables, and inspects every event before passing it on.
 *
 * <p>Supported targets, as the Lambda Java runtime supports them: {@link RequestHandler},
 * {@link RequestStreamHandler}, and a public method {@code name(Input)} or
 * {@code name(Input, Context)}. Events are read and responses written with the runtime's own
 * serializers ({@code aws-lambda-java-serialization}), so the handler sees the same objects as
 * without Warden. A wrong or missing {@code WARDEN_HANDLER} fails at init with a message that says
 * what to fix. Thread-safe.
 */
public final class WardenHandler implements RequestStreamHandler {

  /** Environment variable naming the protected handler. */
  public static final String HANDLER_VARIABLE = "WARDEN_HANDLER";

  private final Target target;

  /** Used by the Lambda runtime: reads {@code WARDEN_HANDLER} and the policy from the environment. */
  public WardenHandler() {
    this(System.getenv(), Warden.builder());
  }

  WardenHandler(Map<String, String> env, Warden.Builder builder) {
    this.target = resolve(env, builder.environment(env));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    target.handle(input, output, context);
  }

  private interface Target {
    void handle(InputStream in, OutputStream out, Context ctx) throws IOException;
  }

  private static Target resolve(Map<String, String> env, Warden.Builder builder) {
    String raw = env.get(HANDLER_VARIABLE);
    if (raw == null || raw.isBlank()) {
      throw new IllegalStateException(HANDLER_VARIABLE + " is not set: name the handler Warden should protect,"
          + " e.g. " + HANDLER_VARIABLE + "=com.example.OrdersFunction::handleRequest");
    }
    String spec = raw.trim();
    int sep = spec.indexOf("::");
    String className = sep < 0 ? spec : spec.substring(0, sep);
    String methodName = sep < 0 ? null : spec.substring(sep + 2);
    Class<?> type = load(className, spec);
    if (type == WardenHandler.class) {
      throw new IllegalStateException(HANDLER_VARIABLE + "=" + spec + " names Warden's own handler; name your function's handler");
    }
    Object instance = instantiate(type, spec);
    if (instance instanceof RequestStreamHandler && (methodName == null || methodName.equals("handleRequest"))) {
      RequestStreamHandler h = builder.protect((RequestStreamHandler) instance);
      return h::handleRequest;
    }
    StreamGuard guard = new StreamGuard(builder.guard(type));
    if (instance instanceof RequestHandler && (methodName == null || methodName.equals("handleRequest"))) {
      @SuppressWarnings("unchecked")
      RequestHandler<Object, Object> h = (RequestHandler<Object, Object>) instance;
      Class<?> in = HandlerTypes.requestHandlerArgument(type, 0);
      return typed(guard, in == null ? Object.class : in, HandlerTypes.requestHandlerArgument(type, 1),
          (event, ctx) -> h.handleRequest(event, ctx));
    }
    if (methodName == null) {
      throw new IllegalStateException(HANDLER_VARIABLE + "=" + spec + ": " + className
          + " implements neither RequestHandler nor RequestStreamHandler; name a method, e.g. " + className + "::handle");
    }
    Method m = findMethod(type, methodName, spec);
    boolean withContext = m.getParameterCount() == 2;
    return typed(guard, m.getParameterTypes()[0], m.getReturnType(), (event, ctx) -> {
      try {
        return withContext ? m.invoke(instance, event, ctx) : m.invoke(instance, event);
      } catch (InvocationTargetException e) {
        Guard.sneakyThrow(e.getCause());
        return null;
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot call " + spec, e);
      }
    });
  }

  private interface Call {
    Object apply(Object event, Context ctx);
  }

  private static Target typed(StreamGuard guard, Class<?> inputType, Class<?> outputType, Call call) {
    return (in, out, ctx) -> {
      byte[] bytes = StreamGuard.readAll(in);
      StreamGuard.Result r = guard.check(bytes, inputType, ctx);
      if (r.check().blocked()) {
        Object event = r.event();
        Optional<Batches.Partial> partial = event != null && inputType.isInstance(event)
            ? Batches.partial(event, r.check(), outputType) : Optional.empty();
        if (partial.isPresent()) {
          Object clean = partial.get().clean();
          Object own = clean == null ? null : call.apply(clean, ctx);
          StreamGuard.write(Batches.merge(own, event, partial.get().failed()), out);
          return;
        }
        Optional<Object> refusal = event == null ? Optional.empty()
            : Refusals.refusal(event, r.check().invocation().requestId(), r.check().verdict());
        if (refusal.isEmpty()) {
          guard.refuse(r, out);
          return;
        }
        StreamGuard.write(refusal.get(), out);
        return;
      }
      Object event = r.event() != null && inputType.isInstance(r.event()) ? r.event()
          : StreamGuard.serializer(inputType).fromJson(new ByteArrayInputStream(bytes));
      StreamGuard.write(call.apply(event, ctx), out);
    };
  }

  private static Class<?> load(String className, String spec) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    try {
      return Class.forName(className, true, cl != null ? cl : WardenHandler.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(HANDLER_VARIABLE + "=" + spec + ": class " + className
          + " is not on the function's class path (check the package name and the deployment package)", e);
    }
  }

  private static Object instantiate(Class<?> type, String spec) {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(HANDLER_VARIABLE + "=" + spec + ": " + type.getName()
          + " needs a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(HANDLER_VARIABLE + "=" + spec + ": the constructor of " + type.getName()
          + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(HANDLER_VARIABLE + "=" + spec + ": cannot create " + type.getName(), e);
    }
  }

  private static Method findMethod(Class<?> type, String name, String spec) {
    Method best = null;
    for (Method m : type.getMethods()) {
      if (!m.getName().equals(name) || Modifier.isStatic(m.getModifiers()) || m.isBridge()) {
        continue;
      }
      int n = m.getParameterCount();
      if (n == 1 || (n == 2 && m.getParameterTypes()[1] == Context.class)) {
        if (best == null || n > best.getParameterCount()) {
          best = m;
        }
      }
    }
    if (best == null) {
      throw new IllegalStateException(HANDLER_VARIABLE + "=" + spec + ": " + type.getName()
          + " has no public method " + name + "(Input) or " + name + "(Input, Context)");
    }
    return best;
  }
}
