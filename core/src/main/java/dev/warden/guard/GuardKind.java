package dev.warden.guard;

import java.util.Locale;

/**
 * The runtime guards. Each has its own {@link GuardAction} in a {@link GuardPolicy}; the id is
 * stable kebab-case and appears in configuration, events and tests.
 */
public enum GuardKind {
  /** Outbound network connections (TCP connect, UDP send/connect, name resolution). */
  EGRESS,
  /** Starting operating-system processes ({@code ProcessBuilder.start}, {@code Runtime.exec}). */
  PROCESS,
  /** File writes outside the allowed prefixes, and reads of the function's code when protected. */
  FILE,
  /** Java deserialization of denied classes or beyond the graph limits. */
  DESERIALIZATION,
  /** JNDI lookups of remote naming schemes ({@code ldap:}, {@code rmi:}, ...). */
  JNDI;

  private final String id = name().toLowerCase(Locale.ROOT);

  /** Stable id, e.g. {@code egress}. */
  public String id() {
    return id;
  }
}
