package dev.warden.guard;

import java.util.List;

/** Installs the hooks that need no agent. Called once, under the installer's lock. */
final class Agentless {

  private Agentless() {}

  static void install(Enforcer e, List<String> mechanisms, List<String> notes) {
    // Filled in below: proxy selector, socket factory, serial filter, JNDI properties.
  }
}
