package dev.warden.guard;

import java.util.List;

/**
 * What {@link GuardInstaller} put in place in this JVM, for logs, tests and dashboards.
 *
 * @param installed true once a policy is active
 * @param mechanisms stable ids of the active mechanisms, in installation order:
 *     {@code proxy-selector}, {@code resolver} (JDK 18+, reported once the JDK loaded it),
 *     {@code socket-impl-factory}, {@code serial-filter-factory} or {@code serial-filter}
 *     (weaker: only streams without their own filter), {@code jndi-properties}, {@code agent}
 * @param notes human-readable notes on weaker modes and refused re-installations
 */
public record GuardStatus(boolean installed, List<String> mechanisms, List<String> notes) {

  public GuardStatus {
    mechanisms = List.copyOf(mechanisms);
    notes = List.copyOf(notes);
  }
}
