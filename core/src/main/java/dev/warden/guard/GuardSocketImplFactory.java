package dev.warden.guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketImplFactory;
import java.net.SocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;

/**
 * Optional JVM-wide {@link Socket#setSocketImplFactory socket factory}: every {@code java.net.Socket}
 * created afterwards (including {@code new Socket(Proxy.NO_PROXY)}, which the proxy selector never
 * sees, and the sockets under TLS) checks its destination at connect time, with the resolved
 * address in hand.
 *
 * <p>The JDK's own socket implementation is internal, so each socket is carried by the socket
 * adaptor of a {@link SocketChannel} ({@code SocketChannel.socket()}), which implements timeouts
 * and options like a platform socket. Trade-offs, documented in docs/GUARDS.md: the JDK allows one
 * factory per JVM (a second {@code setSocketImplFactory} throws), and plain sockets no longer
 * honour {@code socksProxyHost}; {@code SSLServerSocket.accept} fails, because the JDK's TLS
 * server socket creates its accepted socket through the factory and only a JDK-internal socket
 * can be accepted into (plain {@code ServerSocket.accept} is unaffected). TLS clients work.
 * Opt-in ({@code socketFactory}).
 */
final class GuardSocketImplFactory implements SocketImplFactory {

  @Override
  public SocketImpl createSocketImpl() {
    return new ChannelSocketImpl();
  }

  /** A client socket carried by a blocking {@link SocketChannel}'s adaptor. Not thread-safe beyond what Socket promises. */
  static final class ChannelSocketImpl extends SocketImpl {
    private Socket s;

    @Override
    protected void create(boolean stream) throws IOException {
      if (!stream) {
        throw new SocketException("datagram sockets through java.net.Socket are not supported");
      }
      s = SocketChannel.open().socket();
    }

    @Override
    protected void connect(String host, int port) throws IOException {
      connect(new InetSocketAddress(host, port), 0);
    }

    @Override
    protected void connect(InetAddress a, int port) throws IOException {
      connect(new InetSocketAddress(a, port), 0);
    }

    @Override
    protected void connect(SocketAddress sa, int timeout) throws IOException {
      if (!(sa instanceof InetSocketAddress isa)) {
        throw new IllegalArgumentException("unsupported address type");
      }
      if (isa.isUnresolved()) {
        throw new UnknownHostException(isa.getHostName());
      }
      RuntimeGuards.checkConnect(isa.getHostString(), isa.getAddress(), isa.getPort(), RuntimeGuards.API_SOCKET);
      s.connect(isa, timeout);
      address = isa.getAddress();
      port = isa.getPort();
      localport = s.getLocalPort();
    }

    @Override
    protected void bind(InetAddress host, int lport) throws IOException {
      s.bind(new InetSocketAddress(host, lport));
      localport = s.getLocalPort();
    }

    @Override
    protected void listen(int backlog) throws IOException {
      throw new SocketException("listen is not supported on client sockets");
    }

    @Override
    protected void accept(SocketImpl si) throws IOException {
      throw new SocketException("accept is not supported on client sockets");
    }

    @Override
    protected InputStream getInputStream() throws IOException {
      return s.getInputStream();
    }

    @Override
    protected OutputStream getOutputStream() throws IOException {
      return s.getOutputStream();
    }

    @Override
    protected int available() throws IOException {
      return s.getInputStream().available();
    }

    @Override
    protected void close() throws IOException {
      if (s != null) {
        s.close();
      }
    }

    @Override
    protected void shutdownInput() throws IOException {
      s.shutdownInput();
    }

    @Override
    protected void shutdownOutput() throws IOException {
      s.shutdownOutput();
    }

    @Override
    protected void sendUrgentData(int data) throws IOException {
      s.sendUrgentData(data);
    }

    @Override
    public void setOption(int optID, Object value) throws SocketException {
      switch (optID) {
        case SocketOptions.SO_TIMEOUT -> s.setSoTimeout((Integer) value);
        case SocketOptions.TCP_NODELAY -> s.setTcpNoDelay((Boolean) value);
        case SocketOptions.SO_KEEPALIVE -> s.setKeepAlive((Boolean) value);
        case SocketOptions.SO_SNDBUF -> s.setSendBufferSize((Integer) value);
        case SocketOptions.SO_RCVBUF -> s.setReceiveBufferSize((Integer) value);
        case SocketOptions.SO_REUSEADDR -> s.setReuseAddress((Boolean) value);
        case SocketOptions.SO_OOBINLINE -> s.setOOBInline((Boolean) value);
        case SocketOptions.IP_TOS -> s.setTrafficClass((Integer) value);
        case SocketOptions.SO_LINGER -> {
          if (value instanceof Boolean b) {
            s.setSoLinger(b, 0);
          } else {
            s.setSoLinger(true, (Integer) value);
          }
        }
        default -> throw new SocketException("unsupported option " + optID);
      }
    }

    @Override
    public Object getOption(int optID) throws SocketException {
      return switch (optID) {
        case SocketOptions.SO_TIMEOUT -> s.getSoTimeout();
        case SocketOptions.TCP_NODELAY -> s.getTcpNoDelay();
        case SocketOptions.SO_KEEPALIVE -> s.getKeepAlive();
        case SocketOptions.SO_SNDBUF -> s.getSendBufferSize();
        case SocketOptions.SO_RCVBUF -> s.getReceiveBufferSize();
        case SocketOptions.SO_REUSEADDR -> s.getReuseAddress();
        case SocketOptions.SO_OOBINLINE -> s.getOOBInline();
        case SocketOptions.IP_TOS -> s.getTrafficClass();
        case SocketOptions.SO_LINGER -> {
          int l = s.getSoLinger();
          yield l < 0 ? Boolean.FALSE : (Object) l;
        }
        case SocketOptions.SO_BINDADDR -> s.getLocalAddress();
        default -> throw new SocketException("unsupported option " + optID);
      };
    }
  }
}
