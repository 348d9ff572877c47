package dev.warden.guard;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the runtime guards allow while the function runs: an egress allow-list, executables that
 * may be started, where files may be written, whether the function's code may be read, which
 * classes may be deserialized and how large the graph may be, and one {@link GuardAction} per
 * {@link GuardKind}.
 *
 * <p>Always allowed, whatever the rules: the Lambda Runtime API and Extensions API endpoint
 * ({@code AWS_LAMBDA_RUNTIME_API}, host and port). The AWS runtime client posts results and
 * handler errors through it; refusing it kills the runtime.
 *
 * <p>Defaults: egress {@link GuardAction#BLOCK} when any egress rule or preset is given, else
 * {@link GuardAction#ALLOW} (no allow-list, nothing to enforce); process {@link GuardAction#ALERT}
 * with no executable allowed; file {@link GuardAction#BLOCK} with writes allowed under
 * {@code /tmp} (the only writable place on Lambda); deserialization {@link GuardAction#BLOCK} with
 * the built-in gadget deny-list; JNDI {@link GuardAction#BLOCK} for remote schemes.
 *
 * <p>Immutable and thread-safe. The builder checks each setting as it is set, so bad
 * configuration fails at init with a message naming the setting.
 */
public final class GuardPolicy {

  /** Preset name: AWS service endpoints ({@code *.amazonaws.com}, {@code *.api.aws}). */
  public static final String PRESET_AWS_SERVICES = "aws-services";

  /** JNDI schemes refused by the JNDI guard (remote object loading, Log4Shell-style lookups). */
  public static final Set<String> DENIED_JNDI_SCHEMES = Set.of("ldap", "ldaps", "rmi", "dns", "iiop", "iiopname", "corbaname", "corba", "nis");

  /**
   * Built-in deserialization deny-list: package prefixes (ending in {@code .}) and class names of
   * well-known gadget chains (ysoserial and successors). Never legitimate in a function's input.
   */
  public static final List<String> DEFAULT_DESERIALIZATION_DENY = List.of(
      "org.apache.commons.collections.functors.",
      "org.apache.commons.collections4.functors.",
      "org.apache.commons.beanutils.BeanComparator",
      "org.codehaus.groovy.runtime.",
      "org.springframework.beans.factory.ObjectFactory",
      "org.springframework.core.SerializableTypeWrapper",
      "org.springframework.aop.framework.",
      "com.sun.org.apache.xalan.internal.xsltc.trax.",
      "org.apache.xalan.xsltc.trax.",
      "com.sun.rowset.JdbcRowSetImpl",
      "com.mchange.v2.c3p0.",
      "com.sun.syndication.feed.impl.",
      "com.rometools.rome.feed.impl.",
      "org.hibernate.tuple.component.",
      "org.hibernate.engine.spi.TypedValue",
      "org.apache.commons.fileupload.disk.DiskFileItem",
      "org.apache.wicket.util.upload.DiskFileItem",
      "org.mozilla.javascript.",
      "bsh.",
      "clojure.",
      "org.python.core.",
      "org.jboss.interceptor.",
      "org.apache.myfaces.",
      "com.vaadin.data.util.",
      "org.apache.click.control.",
      "javax.management.BadAttributeValueExpException",
      "javax.script.",
      "java.rmi.server.RemoteObjectInvocationHandler",
      "java.rmi.server.UnicastRemoteObject",
      "sun.rmi.",
      "com.sun.jndi.",
      "net.sf.json.JSONObject");

  private final List<EgressRule> egress;
  private final Set<String> presets;
  private final Map<GuardKind, GuardAction> actions;
  private final Set<String> allowedExecutables;
  private final List<String> fileWritePrefixes;
  private final boolean protectCode;
  private final List<String> codeRoots;
  private final List<String> deserializationDeny;
  private final int maxDepth;
  private final long maxReferences;
  private final long maxArrayLength;
  private final boolean socketFactory;
  private final String runtimeApi;
  private final String region;

  private GuardPolicy(Builder b) {
    List<EgressRule> rules = new ArrayList<>(b.egress);
    if (b.presets.contains(PRESET_AWS_SERVICES)) {
      rules.add(EgressRule.parse("*.amazonaws.com"));
      rules.add(EgressRule.parse("*.api.aws"));
      if (b.region != null && !b.region.isEmpty()) {
        rules.add(EgressRule.parse("*." + b.region + ".amazonaws.com"));
      }
    }
    this.egress = List.copyOf(rules);
    this.presets = Set.copyOf(b.presets);
    EnumMap<GuardKind, GuardAction> a = new EnumMap<>(b.actions);
    a.putIfAbsent(GuardKind.EGRESS, egress.isEmpty() ? GuardAction.ALLOW : GuardAction.BLOCK);
    a.putIfAbsent(GuardKind.PROCESS, GuardAction.ALERT);
    a.putIfAbsent(GuardKind.FILE, GuardAction.BLOCK);
    a.putIfAbsent(GuardKind.DESERIALIZATION, GuardAction.BLOCK);
    a.putIfAbsent(GuardKind.JNDI, GuardAction.BLOCK);
    this.actions = Map.copyOf(a);
    this.allowedExecutables = Set.copyOf(b.allowedExecutables);
    this.fileWritePrefixes = List.copyOf(b.fileWritePrefixes);
    this.protectCode = b.protectCode;
    this.codeRoots = List.copyOf(b.codeRoots);
    this.deserializationDeny = List.copyOf(b.deserializationDeny);
    this.maxDepth = b.maxDepth;
    this.maxReferences = b.maxReferences;
    this.maxArrayLength = b.maxArrayLength;
    this.socketFactory = b.socketFactory;
    this.runtimeApi = b.runtimeApi;
    this.region = b.region;
  }

  /** Defaults, platform values from {@link System#getenv()}. */
  public static GuardPolicy defaults() {
    return builder().build();
  }

  /** A builder with the defaults and platform values ({@code AWS_*}, {@code LAMBDA_TASK_ROOT}) from {@link System#getenv()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The egress allow-list, presets expanded (the Runtime API is allowed in addition). */
  public List<EgressRule> egress() {
    return egress;
  }

  public Set<String> presets() {
    return presets;
  }

  public GuardAction action(GuardKind kind) {
    return actions.get(Objects.requireNonNull(kind, "kind"));
  }

  public Map<GuardKind, GuardAction> actions() {
    return actions;
  }

  /** Executables that may be started (exact {@code argv[0]}, see {@link Builder#allowExecutable}). */
  public Set<String> allowedExecutables() {
    return allowedExecutables;
  }

  /** Normalized absolute directories under which files may be written. */
  public List<String> fileWritePrefixes() {
    return fileWritePrefixes;
  }

  public boolean protectCode() {
    return protectCode;
  }

  /** Directories holding the function's code ({@code /var/task}, {@code LAMBDA_TASK_ROOT}). */
  public List<String> codeRoots() {
    return codeRoots;
  }

  /** Deny-list: class names, or package prefixes ending in {@code .}. */
  public List<String> deserializationDeny() {
    return deserializationDeny;
  }

  public int maxDepth() {
    return maxDepth;
  }

  public long maxReferences() {
    return maxReferences;
  }

  public long maxArrayLength() {
    return maxArrayLength;
  }

  /** Whether to install a JVM-wide {@link java.net.Socket#setSocketImplFactory} (once per JVM). */
  public boolean socketFactory() {
    return socketFactory;
  }

  /** {@code host:port} of the Lambda Runtime API, or null outside Lambda. */
  public String runtimeApi() {
    return runtimeApi;
  }

  /** {@code AWS_REGION}, or null. */
  public String region() {
    return region;
  }

  /**
   * True when this policy allows at least everything {@code other} allows, guard by guard: used
   * to refuse a second installation that would loosen the first. Conservative: any doubt is
   * "looser".
   */
  public boolean atLeastAsStrictAs(GuardPolicy other) {
    for (GuardKind k : GuardKind.values()) {
      if (action(k).ordinal() > other.action(k).ordinal()) {
        return false; // BLOCK < ALERT < ALLOW
      }
    }
    return other.egress.containsAll(egress)
        && other.allowedExecutables.containsAll(allowedExecutables)
        && other.fileWritePrefixes.containsAll(fileWritePrefixes)
        && (protectCode || !other.protectCode)
        && deserializationDeny.containsAll(other.deserializationDeny)
        && maxDepth <= other.maxDepth && maxReferences <= other.maxReferences
        && maxArrayLength <= other.maxArrayLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GuardPolicy p && egress.equals(p.egress) && presets.equals(p.presets)
        && actions.equals(p.actions) && allowedExecutables.equals(p.allowedExecutables)
        && fileWritePrefixes.equals(p.fileWritePrefixes) && protectCode == p.protectCode
        && codeRoots.equals(p.codeRoots) && deserializationDeny.equals(p.deserializationDeny)
        && maxDepth == p.maxDepth && maxReferences == p.maxReferences && maxArrayLength == p.maxArrayLength
        && socketFactory == p.socketFactory && Objects.equals(runtimeApi, p.runtimeApi)
        && Objects.equals(region, p.region);
  }

  @Override
  public int hashCode() {
    return Objects.hash(egress, actions, allowedExecutables, fileWritePrefixes, deserializationDeny);
  }

  @Override
  public String toString() {
    return "GuardPolicy{actions=" + actions + ", egress=" + egress + ", executables=" + allowedExecutables
        + ", fileWritePrefixes=" + fileWritePrefixes + ", protectCode=" + protectCode
        + ", deserializationDeny=" + deserializationDeny.size() + " entries, maxDepth=" + maxDepth
        + ", maxReferences=" + maxReferences + ", maxArrayLength=" + maxArrayLength
        + ", socketFactory=" + socketFactory + ", runtimeApi=" + runtimeApi + "}";
  }

  /**
   * Builds a {@link GuardPolicy}. Each setter validates its argument and throws
   * {@link IllegalArgumentException} naming it. Not thread-safe.
   */
  public static final class Builder {
    private final List<EgressRule> egress = new ArrayList<>();
    private final Set<String> presets = new LinkedHashSet<>();
    private final EnumMap<GuardKind, GuardAction> actions = new EnumMap<>(GuardKind.class);
    private final Set<String> allowedExecutables = new LinkedHashSet<>();
    private final List<String> fileWritePrefixes = new ArrayList<>(List.of("/tmp"));
    private boolean protectCode;
    private final List<String> codeRoots = new ArrayList<>();
    private final List<String> deserializationDeny = new ArrayList<>(DEFAULT_DESERIALIZATION_DENY);
    private int maxDepth = 64;
    private long maxReferences = 100_000;
    private long maxArrayLength = 1_000_000;
    private boolean socketFactory;
    private String runtimeApi;
    private String region;

    private Builder() {
      platform(System.getenv());
    }

    /**
     * Reads platform values from {@code env}: {@code AWS_LAMBDA_RUNTIME_API} (always allowed),
     * {@code AWS_REGION} (for the {@code aws-services} preset) and {@code LAMBDA_TASK_ROOT}
     * (protected code, besides {@code /var/task}). Does not read {@code WARDEN_*} settings.
     */
    public Builder platform(Map<String, String> env) {
      Objects.requireNonNull(env, "env");
      String api = env.get("AWS_LAMBDA_RUNTIME_API");
      this.runtimeApi = api == null || api.isBlank() ? null : api.trim();
      String r = env.get("AWS_REGION");
      if (r != null && !r.isBlank()) {
        String t = r.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < t.length(); i++) {
          char c = t.charAt(i);
          if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            throw new IllegalArgumentException("AWS_REGION is not a region name");
          }
        }
        this.region = t;
      } else {
        this.region = null;
      }
      codeRoots.clear();
      codeRoots.add("/var/task");
      String root = env.get("LAMBDA_TASK_ROOT");
      if (root != null && !root.isBlank()) {
        String n = Paths.normalize(root.trim());
        if (!codeRoots.contains(n)) {
          codeRoots.add(n);
        }
      }
      return this;
    }

    /** Adds one allow-list rule, see {@link EgressRule#parse(String)}. */
    public Builder allowEgress(String rule) {
      egress.add(EgressRule.parse(rule));
      return this;
    }

    /** Replaces the allow-list rules (presets stay). */
    public Builder egress(List<String> rules) {
      Objects.requireNonNull(rules, "egress");
      List<EgressRule> parsed = new ArrayList<>();
      for (String r : rules) {
        parsed.add(EgressRule.parse(r));
      }
      egress.clear();
      egress.addAll(parsed);
      return this;
    }

    /** Adds a named preset; known: {@code aws-services} ({@link GuardPolicy#PRESET_AWS_SERVICES}). */
    public Builder preset(String name) {
      String n = Objects.requireNonNull(name, "preset").trim().toLowerCase(Locale.ROOT);
      if (!PRESET_AWS_SERVICES.equals(n)) {
        throw new IllegalArgumentException("unknown egress preset: " + name);
      }
      presets.add(n);
      return this;
    }

    public Builder action(GuardKind kind, GuardAction action) {
      actions.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(action, "action"));
      return this;
    }

    /**
     * Allows starting {@code executable}. An entry containing {@code /} matches {@code argv[0]}
     * exactly after path normalization; a bare name matches only a bare {@code argv[0]} (resolved
     * through {@code PATH} by the OS), never {@code /tmp/x/name}.
     */
    public Builder allowExecutable(String executable) {
      String e = Objects.requireNonNull(executable, "executable").trim();
      if (e.isEmpty() || e.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("bad executable: " + executable);
      }
      allowedExecutables.add(e.indexOf('/') >= 0 ? Paths.normalize(e) : e);
      return this;
    }

    /** Replaces the write prefixes (default {@code /tmp}); each must be absolute. */
    public Builder fileWritePrefixes(List<String> prefixes) {
      Objects.requireNonNull(prefixes, "fileWritePrefixes");
      List<String> out = new ArrayList<>();
      for (String p : prefixes) {
        String t = Objects.requireNonNull(p, "prefix").trim();
        if (!t.startsWith("/")) {
          throw new IllegalArgumentException("file write prefixes must be absolute: " + p);
        }
        out.add(Paths.normalize(t));
      }
      fileWritePrefixes.clear();
      fileWritePrefixes.addAll(out);
      return this;
    }

    /** Refuse reads of the function's own code ({@link GuardPolicy#codeRoots()}). */
    public Builder protectCode(boolean on) {
      this.protectCode = on;
      return this;
    }

    /** Adds a denied class name or package prefix (ending in {@code .}). */
    public Builder denyDeserialization(String classOrPackage) {
      String c = Objects.requireNonNull(classOrPackage, "class").trim();
      if (c.endsWith(".*")) {
        c = c.substring(0, c.length() - 1);
      }
      if (c.isEmpty() || c.startsWith(".")) {
        throw new IllegalArgumentException("bad deserialization deny entry: " + classOrPackage);
      }
      deserializationDeny.add(c);
      return this;
    }

    public Builder maxDepth(int v) {
      this.maxDepth = (int) positive("maxDepth", v);
      return this;
    }

    public Builder maxReferences(long v) {
      this.maxReferences = positive("maxReferences", v);
      return this;
    }

    public Builder maxArrayLength(long v) {
      this.maxArrayLength = positive("maxArrayLength", v);
      return this;
    }

    /** Also police sockets through {@link java.net.Socket#setSocketImplFactory} (JVM-wide, once). */
    public Builder socketFactory(boolean on) {
      this.socketFactory = on;
      return this;
    }

    /**
     * Applies {@code WARDEN_*} overrides: {@code WARDEN_EGRESS} (comma-separated rules, replaces),
     * {@code WARDEN_EGRESS_PRESETS}, {@code WARDEN_<GUARD>_ACTION} ({@code block|alert|allow}),
     * {@code WARDEN_ALLOWED_EXECUTABLES}, {@code WARDEN_FILE_WRITE_PREFIXES},
     * {@code WARDEN_PROTECT_CODE}, {@code WARDEN_DESERIALIZATION_DENY} (adds),
     * {@code WARDEN_DESERIALIZATION_MAX_DEPTH}, {@code WARDEN_DESERIALIZATION_MAX_REFERENCES},
     * {@code WARDEN_DESERIALIZATION_MAX_ARRAY_LENGTH}, {@code WARDEN_SOCKET_FACTORY}. Malformed
     * values throw naming the variable.
     */
    public Builder environment(Map<String, String> env) {
      Objects.requireNonNull(env, "env");
      String v;
      try {
        if ((v = get(env, "WARDEN_EGRESS")) != null) {
          egress(split(v));
        }
        if ((v = get(env, "WARDEN_EGRESS_PRESETS")) != null) {
          for (String p : split(v)) {
            preset(p);
          }
        }
        for (GuardKind k : GuardKind.values()) {
          String key = "WARDEN_" + k.name() + "_ACTION";
          if ((v = get(env, key)) != null) {
            action(k, parseAction(key, v));
          }
        }
        if ((v = get(env, "WARDEN_ALLOWED_EXECUTABLES")) != null) {
          allowedExecutables.clear();
          for (String e : split(v)) {
            allowExecutable(e);
          }
        }
        if ((v = get(env, "WARDEN_FILE_WRITE_PREFIXES")) != null) {
          fileWritePrefixes(split(v));
        }
        if ((v = get(env, "WARDEN_PROTECT_CODE")) != null) {
          protectCode(parseBool("WARDEN_PROTECT_CODE", v));
        }
        if ((v = get(env, "WARDEN_DESERIALIZATION_DENY")) != null) {
          for (String c : split(v)) {
            denyDeserialization(c);
          }
        }
        if ((v = get(env, "WARDEN_DESERIALIZATION_MAX_DEPTH")) != null) {
          maxDepth((int) parseLong("WARDEN_DESERIALIZATION_MAX_DEPTH", v));
        }
        if ((v = get(env, "WARDEN_DESERIALIZATION_MAX_REFERENCES")) != null) {
          maxReferences(parseLong("WARDEN_DESERIALIZATION_MAX_REFERENCES", v));
        }
        if ((v = get(env, "WARDEN_DESERIALIZATION_MAX_ARRAY_LENGTH")) != null) {
          maxArrayLength(parseLong("WARDEN_DESERIALIZATION_MAX_ARRAY_LENGTH", v));
        }
        if ((v = get(env, "WARDEN_SOCKET_FACTORY")) != null) {
          socketFactory(parseBool("WARDEN_SOCKET_FACTORY", v));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("environment: " + e.getMessage(), e);
      }
      return this;
    }

    public GuardPolicy build() {
      return new GuardPolicy(this);
    }

    /** Parses {@code block}, {@code alert} or {@code allow} (any case). */
    public static GuardAction parseAction(String key, String v) {
      try {
        return GuardAction.valueOf(v.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + " must be block, alert or allow: " + v, e);
      }
    }

    private static List<String> split(String v) {
      List<String> out = new ArrayList<>();
      for (String p : v.split(",")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
      return out;
    }

    private static String get(Map<String, String> env, String key) {
      String v = env.get(key);
      return v == null || v.isBlank() ? null : v;
    }

    private static long positive(String name, long v) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be positive: " + v);
      }
      return v;
    }

    private static boolean parseBool(String key, String v) {
      String t = v.trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("on") || t.equals("1")) {
        return true;
      }
      if (t.equals("false") || t.equals("off") || t.equals("0")) {
        return false;
      }
      throw new IllegalArgumentException(key + " must be true or false: " + v);
    }

    private static long parseLong(String key, String v) {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a number: " + v, e);
      }
    }
  }
}
