package dev.warden.guard;

import java.io.ObjectInputFilter;
import java.util.List;
import java.util.Map;
import javax.naming.spi.NamingManager;

/**
 * Puts the hooks that need no agent in place. Called once, under the installer's lock. Each
 * mechanism is independent: one failing (already set by the application, unsupported JDK) is a
 * note, never a failed start.
 */
final class Agentless {

  /**
   * JDK JNDI hardening properties set when the application has not set them (read when the JNDI
   * classes initialise, so they only help if set before the first JNDI use). The
   * {@code trustURLCodebase} properties already default to false since 8u191; setting them makes
   * a later {@code -D...=true} the application's explicit choice. {@code jdk.jndi.ldap/rmi
   * .object.factoriesFilter} (JDK 17.0.x, 20+) reject every object factory for remote references.
   */
  static final Map<String, String> JNDI_PROPERTIES = Map.of(
      "com.sun.jndi.ldap.object.trustURLCodebase", "false",
      "com.sun.jndi.rmi.object.trustURLCodebase", "false",
      "com.sun.jndi.cosnaming.object.trustURLCodebase", "false",
      "com.sun.jndi.ldap.object.trustSerialData", "false",
      "jdk.jndi.ldap.object.factoriesFilter", "!*",
      "jdk.jndi.rmi.object.factoriesFilter", "!*");

  private Agentless() {}

  static void install(Enforcer e, List<String> mechanisms, List<String> notes) {
    install(e, mechanisms, notes, false);
  }

  /**
   * Socket.setSocketImplFactory is deprecated (JDK 17) but still works on 17 and 25: the only
   * agentless way to see Proxy.NO_PROXY sockets.
   *
   * @param agentSockets true when the agent hooks every {@code java.net.Socket} connect: the proxy
   *     selector and socket factory then add nothing but a second, vaguer refusal ("Failed to
   *     select a proxy" instead of the agent's {@code ConnectException})
   */
  @SuppressWarnings("deprecation")
  static void install(Enforcer e, List<String> mechanisms, List<String> notes, boolean agentSockets) {
    // Each mechanism reads GuardInstaller.enforcer() per call; only missing ones are added.
    GuardPolicy p = e.policy();
    if (p.action(GuardKind.EGRESS) != GuardAction.ALLOW && !agentSockets
        && !mechanisms.contains("proxy-selector")) {
      try {
        GuardProxySelector.install();
        mechanisms.add("proxy-selector");
      } catch (RuntimeException ex) {
        notes.add("proxy selector not installed: " + ex.getClass().getName());
      }
    }
    if (p.action(GuardKind.EGRESS) != GuardAction.ALLOW && p.socketFactory()
        && !mechanisms.contains("socket-impl-factory")) {
      try {
        java.net.Socket.setSocketImplFactory(new GuardSocketImplFactory());
        mechanisms.add("socket-impl-factory");
      } catch (java.io.IOException | RuntimeException ex) {
        // SocketException when a factory is already set: the JDK allows one per JVM.
        notes.add("socket impl factory not installed: " + ex.getClass().getName());
      }
    }
    if (p.action(GuardKind.DESERIALIZATION) != GuardAction.ALLOW && !mechanisms.contains("serial-filter-factory")
        && !mechanisms.contains("serial-filter")) {
      GuardSerialFilter f = new GuardSerialFilter();
      try {
        ObjectInputFilter.Config.setSerialFilterFactory(f.factory());
        mechanisms.add("serial-filter-factory");
      } catch (IllegalStateException ex) {
        // An ObjectInputStream exists already, or the application set a factory: fall back.
        try {
          ObjectInputFilter.Config.setSerialFilter(f);
          mechanisms.add("serial-filter");
          notes.add("deserialization guard in weaker mode (serial-filter): streams with their own filter skip it");
        } catch (IllegalStateException ex2) {
          notes.add("deserialization guard not installed: a JVM-wide filter is already set");
        }
      }
    }
    if (p.action(GuardKind.JNDI) != GuardAction.ALLOW && !mechanisms.contains("jndi-properties")) {
      for (Map.Entry<String, String> prop : JNDI_PROPERTIES.entrySet()) {
        if (System.getProperty(prop.getKey()) == null) {
          System.setProperty(prop.getKey(), prop.getValue());
        }
      }
      mechanisms.add("jndi-properties");
      try {
        NamingManager.setInitialContextFactoryBuilder(new GuardJndi());
        mechanisms.add("jndi-context-builder");
      } catch (javax.naming.NamingException | RuntimeException ex) {
        notes.add("JNDI context builder not installed: " + ex.getClass().getName());
      }
    }
  }
}
