package dev.warden.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * One egress allow-list entry: a host name (exact, or {@code *.example.com} for any name below
 * {@code example.com}, not {@code example.com} itself), or an IPv4/IPv6 CIDR block (a bare IP
 * literal is a one-address block), plus an optional port or port range.
 *
 * <p>Spelling, as accepted by {@link #parse(String)}: {@code api.example.com},
 * {@code api.example.com:443}, {@code *.example.com:8000-8100}, {@code 10.0.0.0/8},
 * {@code 10.0.0.0/8:5432}, {@code fd00::/8}, {@code [fd00::/8]:443}, {@code [::1]:443}. Names are
 * compared case-insensitively, without a trailing dot. Non-ASCII names never match (rules are
 * ASCII; an IDN reaches the resolver in its punycode form).
 *
 * <p>Immutable and thread-safe. Matching does no name resolution and allocates nothing for
 * host rules; it is linear in the host name length.
 *
 * @param host lower-case host name or {@code *.suffix} pattern; null for a CIDR rule
 * @param network network address bytes of a CIDR rule; null for a host rule
 * @param prefixLength CIDR prefix length; -1 for a host rule
 * @param fromPort lowest allowed port, 0 when any port is allowed
 * @param toPort highest allowed port, 65535 when any port is allowed
 */
public record EgressRule(String host, byte[] network, int prefixLength, int fromPort, int toPort) {

  public EgressRule {
    if ((host == null) == (network == null)) {
      throw new IllegalArgumentException("an egress rule names either a host or a CIDR block");
    }
    if (fromPort < 0 || toPort > 65535 || fromPort > toPort) {
      throw new IllegalArgumentException("bad port range " + fromPort + "-" + toPort);
    }
    if (network != null) {
      network = network.clone();
      if (network.length != 4 && network.length != 16 || prefixLength < 0 || prefixLength > network.length * 8) {
        throw new IllegalArgumentException("bad CIDR prefix /" + prefixLength);
      }
    } else {
      host = checkHostPattern(host);
      prefixLength = -1;
    }
  }

  @Override
  public byte[] network() {
    return network == null ? null : network.clone();
  }

  /** True when this rule allows any port. */
  public boolean anyPort() {
    return fromPort == 0 && toPort == 65535;
  }

  /**
   * Parses one rule. Throws {@link IllegalArgumentException} naming the bad part; never resolves
   * a name.
   */
  public static EgressRule parse(String spec) {
    Objects.requireNonNull(spec, "egress rule");
    String s = spec.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty egress rule");
    }
    String target;
    String ports = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed [ in egress rule: " + spec);
      }
      target = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("expected :port after ] in egress rule: " + spec);
        }
        ports = rest.substring(1);
      }
    } else {
      int first = s.indexOf(':');
      if (first >= 0 && first == s.lastIndexOf(':')) {
        target = s.substring(0, first);
        ports = s.substring(first + 1);
      } else {
        target = s; // no port, or an IPv6 literal/CIDR without brackets
      }
    }
    int from = 0;
    int to = 65535;
    if (ports != null) {
      int dash = ports.indexOf('-');
      try {
        from = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
        to = dash < 0 ? from : Integer.parseInt(ports.substring(dash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad port in egress rule: " + spec, e);
      }
      if (from < 1 || to > 65535 || from > to) {
        throw new IllegalArgumentException("ports are 1-65535 in egress rule: " + spec);
      }
    }
    int slash = target.indexOf('/');
    String addrPart = slash < 0 ? target : target.substring(0, slash);
    byte[] addr = literal(addrPart);
    if (addr == null) {
      if (slash >= 0) {
        throw new IllegalArgumentException("CIDR needs an IP address: " + spec);
      }
      return new EgressRule(target, null, -1, from, to);
    }
    int prefix = addr.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(target.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad CIDR prefix in egress rule: " + spec, e);
      }
    }
    return new EgressRule(null, addr, prefix, from, to);
  }

  /** True when a connection to {@code host}/{@code address} on {@code port} is allowed by this rule. */
  public boolean matches(String normalizedHost, InetAddress address, int port) {
    if (port >= 0 && (port < fromPort || port > toPort)) {
      return false;
    }
    if (host != null) {
      return normalizedHost != null && hostMatches(host, normalizedHost);
    }
    return address != null && inNetwork(address.getAddress());
  }

  boolean inNetwork(byte[] a) {
    if (a.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rem = prefixLength % 8;
    if (rem == 0) {
      return true;
    }
    int mask = (0xff << (8 - rem)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }

  static boolean hostMatches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      // "*.example.com" matches "a.example.com" and "a.b.example.com", never "example.com" or "xexample.com".
      int n = pattern.length() - 1; // ".example.com"
      return host.length() > n && host.regionMatches(host.length() - n, pattern, 1, n);
    }
    return pattern.equals(host);
  }

  /** Lower case, no trailing dot, no brackets; null for null. */
  static String normalizeHost(String h) {
    if (h == null) {
      return null;
    }
    String s = h;
    if (s.length() > 1 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
      s = s.substring(1, s.length() - 1);
    }
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.toLowerCase(Locale.ROOT);
  }

  private static String checkHostPattern(String h) {
    String s = normalizeHost(h);
    String name = s.startsWith("*.") ? s.substring(2) : s;
    if (name.isEmpty() || name.length() > 253) {
      throw new IllegalArgumentException("bad host name in egress rule: " + h);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || (c == '.' && i > 0 && name.charAt(i - 1) != '.');
      if (!ok) {
        throw new IllegalArgumentException("bad host name in egress rule (use *.name for wildcards): " + h);
      }
    }
    return s;
  }

  /**
   * The bytes of an IP literal (strict dotted quad, or IPv6 with colons), or null if {@code s} is
   * not one. Never resolves a name: IPv6 text is handed to {@link InetAddress#getByName} only when
   * it contains a colon, which the JDK parses as a literal without a lookup.
   */
  static byte[] literal(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    String t = s;
    if (t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']') {
      t = t.substring(1, t.length() - 1);
    }
    if (t.indexOf(':') >= 0) {
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%')) {
          return null;
        }
      }
      try {
        return InetAddress.getByName(t).getAddress(); // IPv4-mapped forms come back as 4 bytes
      } catch (UnknownHostException e) {
        return null;
      }
    }
    return dottedQuad(t);
  }

  private static byte[] dottedQuad(String t) {
    byte[] out = new byte[4];
    int part = 0;
    int val = -1;
    for (int i = 0; i <= t.length(); i++) {
      char c = i < t.length() ? t.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        val = (val < 0 ? 0 : val * 10) + (c - '0');
        if (val > 255) {
          return null;
        }
      } else if (c == '.') {
        if (val < 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) val;
        val = -1;
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  @Override
  public String toString() {
    String target;
    if (host != null) {
      target = host;
    } else {
      String a;
      try {
        a = InetAddress.getByAddress(network).getHostAddress();
      } catch (UnknownHostException e) {
        a = "?";
      }
      target = network.length == 4 ? a + "/" + prefixLength : "[" + a + "/" + prefixLength + "]";
    }
    if (anyPort()) {
      return target;
    }
    return target + ":" + (fromPort == toPort ? String.valueOf(fromPort) : fromPort + "-" + toPort);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EgressRule r && Objects.equals(host, r.host) && java.util.Arrays.equals(network, r.network)
        && prefixLength == r.prefixLength && fromPort == r.fromPort && toPort == r.toPort;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, java.util.Arrays.hashCode(network), prefixLength, fromPort, toPort);
  }
}
