package dev.warden.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Egress guard at name resolution (JDK 18+, JEP 418): refuses to resolve host names the policy
 * does not allow, so every client that resolves through {@link InetAddress} fails with
 * {@link UnknownHostException} before it connects, whatever its proxy settings. Under CIDR rules
 * a name is resolved and only the answers inside allowed blocks are returned.
 *
 * <p>Sees host names only, never literal IPs (the JDK parses literals without a resolver), and
 * only if the JDK loads it, which it does once, at the first lookup in the JVM, through
 * {@link java.util.ServiceLoader} with the thread context class loader (registered in
 * {@code META-INF/services/java.net.spi.InetAddressResolverProvider}). Before the runtime guards
 * are installed, and on threads inside {@link RuntimeGuards#bypass}, it answers exactly like the
 * built-in resolver.
 *
 * <p>Compiled for release 18 by a separate compiler execution (the rest of Warden is release 17);
 * on JDK 17 the class is never loaded because nothing asks for this service. See docs/GUARDS.md.
 * Thread-safe.
 */
public final class WardenResolverProvider extends InetAddressResolverProvider {

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    String local;
    try {
      local = configuration.lookupLocalHostName();
    } catch (RuntimeException e) {
      local = "localhost";
    }
    // InetAddress.getLocalHost() resolves the machine's own name (logging, id generators): never
    // refused here; connections to the answers are still checked by the connect hooks.
    String localName = local == null ? "localhost" : local;
    GuardInstaller.resolverLoaded();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy lookupPolicy) throws UnknownHostException {
        Enforcer e = GuardInstaller.enforcer();
        if (e == null || RuntimeGuards.bypassed() || e.action(GuardKind.EGRESS) == GuardAction.ALLOW
            || host.equalsIgnoreCase(localName) || host.equalsIgnoreCase("localhost") || e.allowedByHost(host, -1)) {
          return builtin.lookupByName(host, lookupPolicy);
        }
        if (e.hasCidrRules()) {
          List<InetAddress> all = builtin.lookupByName(host, lookupPolicy).toList();
          List<InetAddress> ok = new ArrayList<>();
          for (InetAddress a : all) {
            if (e.allowedByCidr(a, -1)) {
              ok.add(a);
            }
          }
          if (!ok.isEmpty()) {
            return ok.stream();
          }
          if (e.violation(GuardKind.EGRESS, "resolve-not-allowed", host, RuntimeGuards.API_RESOLVER).proceeds()) {
            return all.stream();
          }
          throw new UnknownHostException(host + ": refused by egress policy");
        }
        if (e.violation(GuardKind.EGRESS, "resolve-not-allowed", host, RuntimeGuards.API_RESOLVER).proceeds()) {
          return builtin.lookupByName(host, lookupPolicy);
        }
        throw new UnknownHostException(host + ": refused by egress policy");
      }

      @Override
      public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return builtin.lookupByAddress(addr);
      }
    };
  }

  @Override
  public String name() {
    return "warden-egress-guard";
  }
}
