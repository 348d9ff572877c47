package dev.warden.lambda.agent.boot;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Entry point of {@code warden-agent.jar} ({@code Premain-Class}, {@code Agent-Class}). At JVM
 * start it defines the gate in {@code java.base}, hooks the JDK methods listed in {@link Kinds}
 * and prints one status line to standard error. It decides nothing itself: Warden, wherever its
 * classes are loaded, registers a decider with {@link #register}, found through the system class
 * loader, so the agent jar carries no Warden or logging classes that could clash with the
 * function's own.
 *
 * <p>Never stops the JVM: any failure disables the agent and is reported on the status line.
 * Thread-safe.
 */
public final class WardenAgent {

  private static final Dispatcher DISPATCHER = new Dispatcher();
  private static final CountDownLatch READY = new CountDownLatch(1);
  private static final long READY_WAIT_MILLIS = 5000;
  private static volatile String status = "not started";
  private static boolean started;

  private WardenAgent() {}

  /**
   * Called by the JVM for {@code -javaagent:warden-agent.jar}. The hooks go in on a background
   * thread, so the JVM goes on starting meanwhile: nothing is lost, because the hooks decide
   * nothing until Warden registers, and registering waits for them ({@link #status}).
   */
  public static void premain(String args, Instrumentation inst) {
    startInBackground(inst);
  }

  /** Called when the agent is attached to a running JVM. */
  public static void agentmain(String args, Instrumentation inst) {
    startInBackground(inst);
  }

  private static synchronized void startInBackground(Instrumentation inst) {
    if (started) {
      return;
    }
    started = true;
    Thread t = new Thread(new Starter(inst), "warden-agent-start");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Sets the decider the hooks consult: it receives the hook kind and two arguments and returns
   * the exception to throw to the caller, or null to let the operation go on. Null unhooks.
   * The last registration wins. Waits (up to five seconds) for the hooks to be in place.
   */
  public static void register(BiFunction<String, Object[], Throwable> decider) {
    awaitReady();
    DISPATCHER.decider = decider;
  }

  /**
   * The status line printed at start, e.g. {@code active, hooks=11}; waits up to five seconds for
   * the hooks to be in place (then {@code starting}: Warden keeps its agentless guards).
   */
  public static String status() {
    awaitReady();
    return READY.getCount() == 0 ? status : "starting";
  }

  private static void awaitReady() {
    try {
      READY.await(READY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A class, not a lambda: no invokedynamic bootstrap at JVM start. */
  private static final class Starter implements Runnable {
    private final Instrumentation inst;

    Starter(Instrumentation inst) {
      this.inst = inst;
    }

    @Override
    public void run() {
      try {
        start(inst);
      } finally {
        READY.countDown();
      }
    }
  }

  private static void start(Instrumentation inst) {
    try {
      String gate = GateDefiner.define(inst, DISPATCHER);
      HookTransformer transformer = new HookTransformer(gate, Kinds.ALL);
      inst.addTransformer(transformer, true);
      List<Class<?>> loaded = new ArrayList<>();
      Set<String> pending = new HashSet<>();
      for (String owner : transformer.owners()) {
        pending.add(owner.replace('/', '.'));
      }
      for (Class<?> c : inst.getAllLoadedClasses()) {
        if (pending.remove(c.getName()) && inst.isModifiableClass(c)) {
          loaded.add(c);
        }
      }
      for (String name : pending) {
        // Loading (not initialising) now lets the transformer see the class and makes the
        // status line exact; a module the runtime lacks simply leaves its hooks missing.
        try {
          Class.forName(name, false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
          // reported as absent
        }
      }
      // A class whose loading began before addTransformer may have been missed by the first
      // scan: look again for targets that are loaded but unhooked.
      for (Class<?> c : inst.getAllLoadedClasses()) {
        String owner = c.getName().replace('.', '/');
        if (transformer.owners().contains(owner) && !loaded.contains(c)
            && !transformer.hooked(owner) && inst.isModifiableClass(c)) {
          loaded.add(c);
        }
      }
      if (!loaded.isEmpty()) {
        inst.retransformClasses(loaded.toArray(new Class<?>[0]));
      }
      status = describe(transformer);
    } catch (Throwable failure) {
      status = "disabled: " + failure.getClass().getSimpleName();
    }
    System.err.println("warden-agent: " + status);
  }

  private static String describe(HookTransformer transformer) {
    TreeSet<String> missing = new TreeSet<>();
    for (Hook hook : Kinds.ALL) {
      if (!transformer.applied().contains(hook)) {
        missing.add(hook.label());
      }
    }
    // A hook point can exist twice (one per JDK release); it is missing only if no variant hit.
    for (Hook hook : transformer.applied()) {
      missing.remove(hook.label());
    }
    StringBuilder line = new StringBuilder("active, hooks=").append(transformer.applied().size());
    if (!missing.isEmpty()) {
      line.append(", absent on this JDK=").append(missing);
    }
    if (!transformer.failures().isEmpty()) {
      line.append(", failed=").append(new TreeSet<>(transformer.failures().keySet()));
    }
    return line.toString();
  }

  /** The gate's hook: forwards to the registered decider, if any. */
  private static final class Dispatcher implements BiFunction<String, Object[], Throwable> {
    volatile BiFunction<String, Object[], Throwable> decider;

    @Override
    public Throwable apply(String kind, Object[] args) {
      BiFunction<String, Object[], Throwable> d = decider;
      return d == null ? null : d.apply(kind, args);
    }
  }
}
