package dev.warden.guard;

import java.io.ObjectInputFilter;
import java.util.function.BinaryOperator;

/**
 * The deserialization guard as a JDK {@link ObjectInputFilter}: REJECTED for classes on the
 * deny-list and for graphs beyond {@code maxDepth}, {@code maxReferences} or
 * {@code maxArrayLength}; UNDECIDED otherwise, so the stream's own filter (or the JDK default)
 * still decides the rest. In ALERT mode it records the event and answers UNDECIDED.
 *
 * <p>Installed through {@link ObjectInputFilter.Config#setSerialFilterFactory} when possible: the
 * factory merges this filter into every stream's filter, including filters set later with
 * {@code ObjectInputStream.setObjectInputFilter}. If the factory can no longer be set (an
 * {@code ObjectInputStream} already exists, or the application set its own factory), it falls back
 * to {@link ObjectInputFilter.Config#setSerialFilter}, which streams with their own filter bypass:
 * the installer reports that weaker mode. Thread-safe and stateless.
 */
final class GuardSerialFilter implements ObjectInputFilter {

  @Override
  public Status checkInput(FilterInfo info) {
    Enforcer enforcer = GuardInstaller.enforcer(); // read per call: a provisional policy can be replaced
    if (enforcer == null) {
      return Status.UNDECIDED;
    }
    GuardPolicy p = enforcer.policy();
    GuardDecision d = GuardDecision.ALLOWED;
    Class<?> c = info.serialClass();
    if (c != null) {
      Class<?> k = c;
      while (k.isArray()) {
        k = k.getComponentType();
      }
      d = enforcer.decideDeserialize(k.getName());
    }
    if (d == GuardDecision.ALLOWED) {
      String limit = null;
      if (info.depth() > p.maxDepth()) {
        limit = "depth " + info.depth() + " > " + p.maxDepth();
      } else if (info.references() > p.maxReferences()) {
        limit = "references " + info.references() + " > " + p.maxReferences();
      } else if (info.arrayLength() > p.maxArrayLength()) {
        limit = "array length " + info.arrayLength() + " > " + p.maxArrayLength();
      }
      if (limit != null) {
        d = enforcer.violation(GuardKind.DESERIALIZATION, "deserialization-limit", limit,
            "java.io.ObjectInputStream");
      }
    }
    return d == GuardDecision.BLOCKED ? Status.REJECTED : Status.UNDECIDED;
  }

  /** The factory: this filter merged with whatever filter the JDK or the stream would use. */
  BinaryOperator<ObjectInputFilter> factory() {
    GuardSerialFilter self = this;
    return new BinaryOperator<>() {
      @Override
      public ObjectInputFilter apply(ObjectInputFilter current, ObjectInputFilter requested) {
        ObjectInputFilter other = requested != null ? requested : current;
        if (other == null || other == self) {
          return self;
        }
        // merge() rejects when either rejects; JDK 17+ (JEP 415).
        return ObjectInputFilter.merge(self, other);
      }
    };
  }
}
