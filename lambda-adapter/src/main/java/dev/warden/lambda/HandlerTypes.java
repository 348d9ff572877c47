package dev.warden.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;

/**
 * Reads the declared input and output types of a {@link RequestHandler} implementation, the way
 * the Lambda runtime does, so the zero-code handler can deserialize events and the composition
 * wrapper knows whether a typed refusal fits the handler's output type.
 */
final class HandlerTypes {

  private HandlerTypes() {}

  /** Declared type argument {@code index} (0 = input, 1 = output) of RequestHandler, or null. */
  static Class<?> requestHandlerArgument(Class<?> c, int index) {
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Type t : k.getGenericInterfaces()) {
        Class<?> found = fromInterface(t, index);
        if (found != null) {
          return found;
        }
      }
      Type sup = k.getGenericSuperclass();
      if (sup instanceof ParameterizedType) {
        ParameterizedType p = (ParameterizedType) sup;
        Class<?> raw = (Class<?>) p.getRawType();
        Class<?> viaSuper = requestHandlerArgument(raw, index);
        if (viaSuper == null) {
          // The base class is itself generic in its type variables: resolve them here.
          TypeVariable<?>[] vars = raw.getTypeParameters();
          if (vars.length == 2 && p.getActualTypeArguments().length == 2) {
            return erase(p.getActualTypeArguments()[index]);
          }
        }
      }
    }
    return null;
  }

  private static Class<?> fromInterface(Type t, int index) {
    if (t instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) t;
      if (p.getRawType() == RequestHandler.class) {
        return erase(p.getActualTypeArguments()[index]);
      }
    }
    return null;
  }

  static Class<?> erase(Type t) {
    if (t instanceof Class) {
      return (Class<?>) t;
    }
    if (t instanceof ParameterizedType) {
      return (Class<?>) ((ParameterizedType) t).getRawType();
    }
    return null;
  }
}
