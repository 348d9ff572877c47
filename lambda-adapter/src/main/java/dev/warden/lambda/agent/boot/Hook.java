package dev.warden.lambda.agent.boot;

/**
 * One hook point: a JDK method whose entry calls the gate with {@code kind} and up to two
 * arguments read from local slots (0 is {@code this} for instance methods). Immutable: owner is
 * an internal class name ({@code sun/nio/ch/NioSocketImpl}), method a name ({@code <init>} for
 * constructors), descriptor the exact JVM descriptor (a JDK without it simply lacks this hook
 * point), kind what the gate's hook is told (see {@link Kinds}), slotA and slotB the local slots
 * passed as the gate's two arguments (-1 passes null).
 */
final class Hook {
  // A class, not a record: a record's equals/hashCode/toString bootstrap invokedynamic at JVM
  // start. Identity equality is what the agent needs (the hooks are constants).
  private final String owner;
  private final String method;
  private final String descriptor;
  private final String kind;
  private final int slotA;
  private final int slotB;

  Hook(String owner, String method, String descriptor, String kind, int slotA, int slotB) {
    this.owner = owner;
    this.method = method;
    this.descriptor = descriptor;
    this.kind = kind;
    this.slotA = slotA;
    this.slotB = slotB;
  }

  String owner() {
    return owner;
  }

  String method() {
    return method;
  }

  String descriptor() {
    return descriptor;
  }

  String kind() {
    return kind;
  }

  int slotA() {
    return slotA;
  }

  int slotB() {
    return slotB;
  }

  String label() {
    return owner.substring(owner.lastIndexOf('/') + 1) + "#" + method;
  }
}
