package dev.warden.guard;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import javax.naming.NamingException;

/**
 * Turns what the agent's bytecode hooks see (the raw JDK arguments) into {@link RuntimeGuards}
 * checks, and hands the refusal back to the agent's gate, which throws it to the caller. The
 * kinds and argument positions are the agent's hook table ({@code dev.warden.agent.Kinds}).
 *
 * <p>Only java.base types cross to the agent, so this class works whichever class loader holds
 * Warden. Thread-safe and stateless. Returns null (let through) for anything it does not
 * understand and for Warden's own failures: only the checks' documented exceptions come back.
 */
final class AgentBridge implements BiFunction<String, Object[], Throwable> {

  @Override
  public Throwable apply(String kind, Object[] args) {
    try {
      check(kind, args[0], args[1]);
      return null;
    } catch (IOException | NamingException refusal) {
      return refusal;
    } catch (RuntimeException | Error failure) {
      // The enforcer contains its own failures; anything left is a hook-argument surprise on
      // some JDK. Fail open: the operation goes on.
      return null;
    }
  }

  private static void check(String kind, Object a, Object b) throws IOException, NamingException {
    switch (kind) {
      case "socket" -> connect(a, RuntimeGuards.API_SOCKET);
      case "socket-channel" -> connect(a, RuntimeGuards.API_SOCKET_CHANNEL);
      // DatagramSocket is backed by DatagramChannelImpl (JEP 373): reported as the channel.
      case "datagram-connect", "datagram-send" ->
          datagram(a, RuntimeGuards.API_DATAGRAM_CHANNEL);
      case "process" -> {
        if (a instanceof ProcessBuilder pb) {
          // A copy: the list is the builder's own and user code may change it later.
          RuntimeGuards.checkProcess(List.copyOf(pb.command()));
        }
      }
      case "file-output" -> {
        if (a instanceof File f) {
          RuntimeGuards.checkFileWrite(f.getPath(), RuntimeGuards.API_FILE_OUTPUT_STREAM);
        }
      }
      case "file-input" -> {
        if (a instanceof File f) {
          RuntimeGuards.checkFileRead(f.getPath(), RuntimeGuards.API_FILE_INPUT_STREAM);
        }
      }
      case "random-access" -> {
        if (a instanceof File f) {
          // Modes "rw", "rws", "rwd" write; "r" reads (an unknown mode fails in the JDK anyway).
          if (b instanceof String mode && mode.indexOf('w') >= 0) {
            RuntimeGuards.checkFileWrite(f.getPath(), RuntimeGuards.API_RANDOM_ACCESS_FILE);
          } else {
            RuntimeGuards.checkFileRead(f.getPath(), RuntimeGuards.API_RANDOM_ACCESS_FILE);
          }
        }
      }
      // Files.*, FileChannel.open and AsynchronousFileChannel.open share one hook point.
      case "file-open" -> open(a, b, RuntimeGuards.API_NIO_FILES);
      case "jndi" -> {
        if (a != null) {
          RuntimeGuards.checkJndi(a.toString());
        }
      }
      default -> {
        // A hook this Warden version does not know (newer agent): let it through.
      }
    }
  }

  private static void connect(Object target, String api) throws IOException {
    if (target instanceof InetSocketAddress isa) {
      // getHostString never does a reverse lookup: the name the caller used, or the literal.
      RuntimeGuards.checkConnect(isa.getHostString(), isa.getAddress(), isa.getPort(), api);
    }
    // Other SocketAddress types (Unix domain sockets) are not network egress.
  }

  private static void datagram(Object target, String api) throws IOException {
    if (target instanceof InetSocketAddress isa) {
      RuntimeGuards.checkDatagram(isa.getHostString(), isa.getAddress(), isa.getPort(), api);
    }
  }

  private static void open(Object path, Object options, String api) throws IOException {
    if (!(path instanceof Path p)) {
      return;
    }
    if (writes(options)) {
      RuntimeGuards.checkFileWrite(p.toString(), api);
    } else {
      RuntimeGuards.checkFileRead(p.toString(), api);
    }
  }

  /** An open writes when it asks for WRITE or APPEND or can create, truncate or delete. */
  static boolean writes(Object options) {
    if (!(options instanceof Set<?> set)) {
      return false;
    }
    for (Object o : set) {
      if (o instanceof OpenOption option && WRITING.contains(option)) {
        return true;
      }
    }
    return false;
  }

  private static final Set<OpenOption> WRITING =
      Set.of(
          StandardOpenOption.WRITE,
          StandardOpenOption.APPEND,
          StandardOpenOption.CREATE,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.DELETE_ON_CLOSE);
}
