package dev.warden.guard;

import java.io.IOException;
import java.io.InvalidClassException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import javax.naming.NamingException;

/**
 * The static entry points that hooks call (bytecode hooks of the {@code -javaagent} and Warden's
 * agentless hooks alike). Each {@code check*} method consults the {@link Enforcer} installed by
 * {@link GuardInstaller} and either returns (allowed, or allowed with an alert event) or throws
 * the ORDINARY exception the intercepted JDK method declares, so user code sees a normal I/O
 * failure and never a Warden type:
 *
 * <table>
 *   <caption>Exceptions by check</caption>
 *   <tr><th>check</th><th>thrown when blocked</th></tr>
 *   <tr><td>{@link #checkConnect}, {@link #checkDatagram}</td><td>{@link ConnectException}</td></tr>
 *   <tr><td>{@link #checkResolve}</td><td>{@link UnknownHostException}</td></tr>
 *   <tr><td>{@link #checkProcess}</td><td>{@link IOException} (as {@code ProcessBuilder.start})</td></tr>
 *   <tr><td>{@link #checkFileWrite}, {@link #checkFileRead}</td><td>{@link java.io.FileNotFoundException}
 *       for {@code java.io} APIs, {@link java.nio.file.AccessDeniedException} for APIs whose name
 *       starts with {@code java.nio.} (see {@link #API_NIO_PREFIX})</td></tr>
 *   <tr><td>{@link #checkJndi}</td><td>{@link NamingException}</td></tr>
 *   <tr><td>{@link #checkDeserialize}</td><td>{@link InvalidClassException}</td></tr>
 * </table>
 *
 * <p>With no guards installed every check returns at once (one volatile read). Checks are
 * skipped on a thread inside {@link #bypass(Callable)}, which Warden uses for its own I/O (event
 * sinks, DNS done by the egress guard), so the guards never police or recurse into Warden.
 *
 * <p>Thread-safe. Arguments may be null where documented; the checks never throw anything but the
 * documented exception: a failure inside Warden is contained (one {@code guard-error} event, the
 * call proceeds), so a broken guard cannot break the function. Hostile arguments (very long
 * names, control characters) reach events only through {@link dev.warden.event.Evidence}.
 */
public final class RuntimeGuards {

  /** API names the hooks pass; free text is allowed, these are the conventional ones. */
  public static final String API_SOCKET = "java.net.Socket";
  public static final String API_SOCKET_CHANNEL = "java.nio.channels.SocketChannel";
  public static final String API_DATAGRAM = "java.net.DatagramSocket";
  public static final String API_DATAGRAM_CHANNEL = "java.nio.channels.DatagramChannel";
  public static final String API_HTTP_URL_CONNECTION = "java.net.HttpURLConnection";
  public static final String API_HTTP_CLIENT = "java.net.http.HttpClient";
  public static final String API_PROXY_SELECTOR = "java.net.ProxySelector";
  public static final String API_RESOLVER = "java.net.InetAddress";
  public static final String API_FILE_OUTPUT_STREAM = "java.io.FileOutputStream";
  public static final String API_FILE_INPUT_STREAM = "java.io.FileInputStream";
  public static final String API_RANDOM_ACCESS_FILE = "java.io.RandomAccessFile";
  public static final String API_NIO_FILES = "java.nio.file.Files";
  public static final String API_FILE_CHANNEL = "java.nio.channels.FileChannel";
  /** File APIs whose name starts with this get {@link java.nio.file.AccessDeniedException}. */
  public static final String API_NIO_PREFIX = "java.nio.";

  private static final ThreadLocal<int[]> BYPASS = new ThreadLocal<>() {
    @Override
    protected int[] initialValue() {
      return new int[1];
    }
  };

  private RuntimeGuards() {}

  /**
   * Outbound TCP connection to {@code host} (the name the caller used, may be null or a literal)
   * resolved to {@code address} (may be null when not yet resolved) on {@code port}; {@code api}
   * names the intercepted API, e.g. {@link #API_SOCKET}. Host rules match the name, CIDR rules
   * match the address (or a literal host).
   */
  public static void checkConnect(String host, InetAddress address, int port, String api) throws ConnectException {
    Enforcer e = GuardInstaller.enforcer();
    if (e != null) {
      e.checkConnect(host, address, port, api);
    }
  }

  /** UDP send or connect; same matching as {@link #checkConnect}. */
  public static void checkDatagram(String host, InetAddress address, int port, String api) throws ConnectException {
    Enforcer e = GuardInstaller.enforcer();
    if (e != null) {
      e.checkDatagram(host, address, port, api);
    }
  }

  /** Name resolution of {@code host} (host rules only; literals are always allowed here). */
  public static void checkResolve(String host) throws UnknownHostException {
    Enforcer e = GuardInstaller.enforcer();
    if (e != null) {
      e.checkResolve(host);
    }
  }

  /** {@code ProcessBuilder.start} / {@code Runtime.exec} with this command ({@code argv[0]} first). */
  public static void checkProcess(List<String> command) throws IOException {
    Enforcer e = GuardInstaller.enforcer();
    if (e != null) {
      e.checkProcess(command);
    }
  }

  /** Opening {@code path} for writing (create, append, truncate, delete, rename target) through {@code api}. */
  public static void checkFileWrite(String path, String api) throws IOException {
    Enforcer e = GuardInstaller.enforcer();
    if (e != null) {
      e.checkFileWrite(path, api);
    }
  }

  /** Opening {@code path} for reading through {@code api}; refused only under protected code roots. */
  public static void checkFileRead(String path, String api) throws IOException {
    Enforcer e = GuardInstaller.enforcer();
    if (e != null) {
      e.checkFileRead(path, api);
    }
  }

  /** JNDI lookup of {@code name} (e.g. {@code InitialContext.lookup}). */
  public static void checkJndi(String name) throws NamingException {
    Enforcer e = GuardInstaller.enforcer();
    if (e != null) {
      e.checkJndi(name);
    }
  }

  /** Deserialization of a class named {@code className}. */
  public static void checkDeserialize(String className) throws InvalidClassException {
    Enforcer e = GuardInstaller.enforcer();
    if (e != null) {
      e.checkDeserialize(className);
    }
  }

  /**
   * Runs {@code work} with every check skipped on this thread (nesting allowed; reset in
   * {@code finally}). For Warden's own I/O only: the bypass is not a capability user code needs,
   * but it cannot be hidden from it either (see docs/GUARDS.md, "What the guards cannot stop").
   */
  public static <T> T bypass(Callable<T> work) throws Exception {
    Objects.requireNonNull(work, "work");
    int[] depth = BYPASS.get();
    depth[0]++;
    try {
      return work.call();
    } finally {
      depth[0]--;
    }
  }

  /** {@link #bypass(Callable)} for work that throws no checked exception. */
  public static void bypass(Runnable work) {
    Objects.requireNonNull(work, "work");
    int[] depth = BYPASS.get();
    depth[0]++;
    try {
      work.run();
    } finally {
      depth[0]--;
    }
  }

  /** True while this thread runs inside {@link #bypass}. */
  public static boolean bypassed() {
    return BYPASS.get()[0] > 0;
  }
}
