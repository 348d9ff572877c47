package dev.warden.lambda.agent.boot;

import java.util.List;

/**
 * The hook points of the agent, verified on JDK 17 and 25 ({@code javap -p}). Descriptors that
 * differ between releases are listed once per release; the ones a JDK lacks are skipped and named
 * in the status line. The kind strings are the contract with the bridge that decides
 * ({@code dev.warden.guard.AgentBridge} in warden-core).
 */
final class Kinds {

  static final String SOCKET = "socket";
  static final String SOCKET_CHANNEL = "socket-channel";
  static final String DATAGRAM_CONNECT = "datagram-connect";
  static final String DATAGRAM_SEND = "datagram-send";
  static final String PROCESS = "process";
  static final String FILE_OUTPUT = "file-output";
  static final String FILE_INPUT = "file-input";
  static final String RANDOM_ACCESS = "random-access";
  static final String FILE_OPEN = "file-open";
  static final String JNDI = "jndi";

  /**
   * Why these points: every {@code java.net.Socket} connect (also {@code Proxy.NO_PROXY},
   * HttpURLConnection and HttpClient) ends in {@code NioSocketImpl.connect(SocketAddress,int)}
   * (JEP 353); {@code DatagramSocket} is backed by {@code DatagramChannelImpl} since JDK 15 (JEP
   * 373) and its {@code send} reaches {@code DatagramChannelImpl.send} on JDK 17 and 25 (a hook on
   * {@code blockingSend} as well would report each packet twice); {@code Runtime.exec}, {@code ProcessBuilder.start} and {@code startPipeline} all reach
   * the private {@code ProcessBuilder.start(Redirect[])}; every {@code FileOutputStream}
   * constructor that opens a path reaches {@code (File,boolean)}; {@code Files.write},
   * {@code newOutputStream}, {@code newBufferedWriter}, {@code newByteChannel} and
   * {@code FileChannel.open} all reach {@code UnixChannelFactory.newFileChannel(UnixPath,Set,int)}
   * on Linux (Lambda's OS): on JDK 25 the provider's {@code newByteChannel} calls its
   * {@code newFileChannel}, so hooking the provider would report each open twice.
   */
  static final List<Hook> ALL =
      List.of(
          new Hook("sun/nio/ch/NioSocketImpl", "connect", "(Ljava/net/SocketAddress;I)V",
              SOCKET, 1, -1),
          new Hook("sun/nio/ch/SocketChannelImpl", "connect", "(Ljava/net/SocketAddress;)Z",
              SOCKET_CHANNEL, 1, -1),
          new Hook("sun/nio/ch/DatagramChannelImpl", "connect",
              "(Ljava/net/SocketAddress;Z)Ljava/nio/channels/DatagramChannel;",
              DATAGRAM_CONNECT, 1, -1),
          new Hook("sun/nio/ch/DatagramChannelImpl", "send",
              "(Ljava/nio/ByteBuffer;Ljava/net/SocketAddress;)I", DATAGRAM_SEND, 2, -1),
          new Hook("java/lang/ProcessBuilder", "start",
              "([Ljava/lang/ProcessBuilder$Redirect;)Ljava/lang/Process;", PROCESS, 0, -1),
          new Hook("java/io/FileOutputStream", "<init>", "(Ljava/io/File;Z)V",
              FILE_OUTPUT, 1, -1),
          new Hook("java/io/FileInputStream", "<init>", "(Ljava/io/File;)V", FILE_INPUT, 1, -1),
          // Both public RandomAccessFile constructors reach this one; the mode says read or write.
          new Hook("java/io/RandomAccessFile", "<init>", "(Ljava/io/File;Ljava/lang/String;Z)V",
              RANDOM_ACCESS, 1, 2),
          new Hook("sun/nio/fs/UnixChannelFactory", "newFileChannel",
              "(Lsun/nio/fs/UnixPath;Ljava/util/Set;I)Ljava/nio/channels/FileChannel;",
              FILE_OPEN, 0, 1),
          new Hook("sun/nio/fs/UnixChannelFactory", "newAsynchronousFileChannel",
              "(Lsun/nio/fs/UnixPath;Ljava/util/Set;ILsun/nio/ch/ThreadPool;)"
                  + "Ljava/nio/channels/AsynchronousFileChannel;",
              FILE_OPEN, 0, 1),
          new Hook("javax/naming/InitialContext", "lookup",
              "(Ljava/lang/String;)Ljava/lang/Object;", JNDI, 1, -1),
          new Hook("javax/naming/InitialContext", "lookup",
              "(Ljavax/naming/Name;)Ljava/lang/Object;", JNDI, 1, -1));

  private Kinds() {}
}
