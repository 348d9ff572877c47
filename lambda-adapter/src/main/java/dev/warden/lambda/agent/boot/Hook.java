package dev.warden.lambda.agent.boot;

/**
 * One hook point: a JDK method whose entry calls the gate with {@code kind} and up to two
 * arguments read from local slots (0 is {@code this} for instance methods). Immutable.
 *
 * @param owner internal class name, e.g. {@code sun/nio/ch/NioSocketImpl}
 * @param method method name ({@code <init>} for constructors)
 * @param descriptor exact JVM descriptor; a JDK without it simply lacks this hook point
 * @param kind what the gate's hook is told, see {@link Kinds}
 * @param slotA local slot passed as the gate's first argument; -1 passes null
 * @param slotB local slot passed as the gate's second argument; -1 passes null
 */
record Hook(String owner, String method, String descriptor, String kind, int slotA, int slotB) {

  String label() {
    return owner.substring(owner.lastIndexOf('/') + 1) + "#" + method;
  }
}
