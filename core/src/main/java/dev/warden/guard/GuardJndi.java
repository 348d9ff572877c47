package dev.warden.guard;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;
import javax.naming.spi.InitialContextFactory;
import javax.naming.spi.InitialContextFactoryBuilder;
import javax.naming.spi.NamingManager;

/**
 * Agentless JNDI guard: an {@link InitialContextFactoryBuilder}. Once a builder is installed,
 * {@code InitialContext} sends every lookup to the default context the builder creates (JDK
 * source: {@code InitialContext.getURLOrDefaultInitCtx} checks
 * {@code NamingManager.hasInitialContextFactoryBuilder()} first), so this guard sees every
 * {@code new InitialContext().lookup(name)}, the call Log4Shell-style lookups make. Names with a
 * denied scheme ({@code ldap:}, {@code rmi:}, ...) are refused with {@link NamingException}; others
 * go to the URL context for their scheme, or to the factory named by
 * {@code java.naming.factory.initial}, exactly as without the guard.
 *
 * <p>Can be installed once per JVM ({@code NamingManager.setInitialContextFactoryBuilder} throws
 * once a builder exists); code that creates contexts directly (e.g. {@code new InitialDirContext}
 * with a URL-context factory in hand, or {@code com.sun.jndi} classes) is not seen: that needs the
 * agent. Thread-safe.
 */
final class GuardJndi implements InitialContextFactoryBuilder {

  @Override
  public InitialContextFactory createInitialContextFactory(Hashtable<?, ?> environment) {
    return env -> (Context) Proxy.newProxyInstance(GuardJndi.class.getClassLoader(),
        new Class<?>[] {Context.class}, new Guarded(env));
  }

  /** Routes each call by the scheme of its name, refusing denied schemes first. */
  private static final class Guarded implements InvocationHandler {
    private final Hashtable<?, ?> env;
    private Context fallback;

    Guarded(Hashtable<?, ?> env) {
      this.env = env == null ? new Hashtable<>() : (Hashtable<?, ?>) env.clone();
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      String name = null;
      if (args != null && args.length > 0) {
        if (args[0] instanceof String s) {
          name = s;
        } else if (args[0] instanceof Name n && n.size() > 0) {
          name = n.get(0);
        }
      }
      switch (m.getName()) {
        case "close":
          if (fallback != null) {
            fallback.close();
          }
          return null;
        case "getEnvironment":
          return env.clone();
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "toString":
          return "WardenGuardedContext";
        default:
          break;
      }
      Context target = null;
      if (name != null) {
        RuntimeGuards.checkJndi(name); // reads the active enforcer on every call
        String scheme = Enforcer.scheme(name);
        if (scheme != null) {
          target = NamingManager.getURLContext(scheme, env);
        }
      }
      if (target == null) {
        target = fallback();
      }
      try {
        return m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private synchronized Context fallback() throws NamingException {
      if (fallback == null) {
        Object cls = env.get(Context.INITIAL_CONTEXT_FACTORY);
        if (cls == null) {
          cls = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        }
        if (cls == null) {
          throw new NoInitialContextException("Need to specify class name in environment or system property: "
              + Context.INITIAL_CONTEXT_FACTORY);
        }
        try {
          ClassLoader cl = Thread.currentThread().getContextClassLoader();
          Class<?> c = Class.forName(cls.toString(), true, cl != null ? cl : GuardJndi.class.getClassLoader());
          InitialContextFactory f = (InitialContextFactory) c.getDeclaredConstructor().newInstance();
          fallback = f.getInitialContext(env);
        } catch (ReflectiveOperationException | ClassCastException e) {
          NoInitialContextException ne = new NoInitialContextException("Cannot instantiate class: " + cls);
          ne.setRootCause(e);
          throw ne;
        }
      }
      return fallback;
    }
  }
}
