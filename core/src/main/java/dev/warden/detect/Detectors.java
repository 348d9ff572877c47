package dev.warden.detect;

import dev.warden.policy.Action;
import dev.warden.policy.Ids;
import dev.warden.policy.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Discovery and selection of detectors. Discovery reads {@code META-INF/services}; selection
 * keeps the discovered detectors the policy has not switched off. Both are separate so a test or
 * a user can replace discovery with an explicit list.
 */
public final class Detectors {

  private Detectors() {}

  /** Every detector registered with {@link ServiceLoader}, checked for valid, unique ids. */
  public static List<Detector> discover() {
    return discover(Detector.class.getClassLoader());
  }

  /**
   * Every detector registered with {@link ServiceLoader} in {@code loader}, in registration order.
   * When the registrations name Warden's built-in detectors only (the usual case, also in a
   * shaded jar whose merged file lists them), they are constructed directly, which spares
   * ServiceLoader's lookup and reflective construction at cold start; any other registration,
   * or registrations that cannot be read, and {@link ServiceLoader} decides as usual.
   */
  public static List<Detector> discover(ClassLoader loader) {
    List<Detector> builtIn = builtInsOnly(loader == null ? ClassLoader.getSystemClassLoader() : loader);
    if (builtIn != null) {
      return checked(builtIn);
    }
    List<Detector> found = new ArrayList<>();
    for (Detector d : ServiceLoader.load(Detector.class, loader)) {
      found.add(d);
    }
    return checked(found);
  }

  /** The built-ins in registration order when nothing else is registered, otherwise null. */
  static List<Detector> builtInsOnly(ClassLoader loader) {
    Set<String> names = new LinkedHashSet<>();
    try {
      Enumeration<URL> files = loader.getResources("META-INF/services/" + Detector.class.getName());
      while (files.hasMoreElements()) {
        try (InputStream in = files.nextElement().openStream()) {
          // Bytes and a hand-made line split rather than a BufferedReader: the reader, its
          // stream decoder and the charset decoder are classes the JDK's shared archive does not
          // hold, loaded at every cold start for a file of eleven lines.
          registrations(new String(in.readAllBytes(), StandardCharsets.UTF_8), names);
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    List<Detector> out = new ArrayList<>(names.size());
    for (String name : names) {
      Detector d = builtIn(name);
      if (d == null) {
        return null;
      }
      out.add(d);
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * Adds the class names of a provider-configuration file to {@code names}: lines end at
   * {@code \n}, {@code \r} or {@code \r\n}, {@code #} starts a comment, blanks around a name are
   * ignored (the format {@link ServiceLoader} reads).
   */
  static void registrations(String file, Set<String> names) {
    int n = file.length();
    int start = 0;
    while (start < n) {
      int end = start;
      while (end < n && file.charAt(end) != '\n' && file.charAt(end) != '\r') {
        end++;
      }
      String line = file.substring(start, end);
      int hash = line.indexOf('#');
      String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (!name.isEmpty()) {
        names.add(name);
      }
      start = end + 1;
    }
  }

  /** A new built-in detector by class name, or null for any other name. */
  private static Detector builtIn(String className) {
    switch (className) {
      case "dev.warden.detect.sqli.SqliDetector": return new dev.warden.detect.sqli.SqliDetector();
      case "dev.warden.detect.path.PathTraversalDetector": return new dev.warden.detect.path.PathTraversalDetector();
      case "dev.warden.detect.cmdi.CommandInjectionDetector": return new dev.warden.detect.cmdi.CommandInjectionDetector();
      case "dev.warden.detect.xss.XssDetector": return new dev.warden.detect.xss.XssDetector();
      case "dev.warden.detect.ssrf.SsrfDetector": return new dev.warden.detect.ssrf.SsrfDetector();
      case "dev.warden.detect.jndi.JndiDetector": return new dev.warden.detect.jndi.JndiDetector();
      case "dev.warden.detect.nosql.NoSqlDetector": return new dev.warden.detect.nosql.NoSqlDetector();
      case "dev.warden.detect.xxe.XxeDetector": return new dev.warden.detect.xxe.XxeDetector();
      case "dev.warden.detect.ssti.SstiDetector": return new dev.warden.detect.ssti.SstiDetector();
      case "dev.warden.detect.ldap.LdapInjectionDetector": return new dev.warden.detect.ldap.LdapInjectionDetector();
      case "dev.warden.detect.deser.DeserializationDetector": return new dev.warden.detect.deser.DeserializationDetector();
      default: return null;
    }
  }

  /** The detectors whose policy action is not {@link Action#OFF}, in the given order. */
  public static List<Detector> select(List<Detector> detectors, Policy policy) {
    List<Detector> out = new ArrayList<>(detectors.size());
    for (Detector d : detectors) {
      if (policy.actionFor(d.id()) != Action.OFF) {
        out.add(d);
      }
    }
    return List.copyOf(out);
  }

  /** Fails fast on bad or duplicate ids. */
  public static List<Detector> checked(List<Detector> detectors) {
    Set<String> seen = new HashSet<>();
    for (Detector d : detectors) {
      String id = d.id();
      if (!Ids.isValid(id)) {
        throw new IllegalArgumentException("detector " + d.getClass().getName() + " has an invalid id: " + id);
      }
      if (Policy.LIMIT_DETECTOR.equals(id)) {
        throw new IllegalArgumentException("detector id " + id + " is reserved");
      }
      if (!seen.add(id)) {
        throw new IllegalArgumentException("two detectors share the id " + id);
      }
    }
    return List.copyOf(detectors);
  }
}
