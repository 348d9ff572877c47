package dev.warden.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A function's security policy: mode, per-detector actions, exclusions, limits, and what to do
 * when Warden itself fails.
 *
 * <p>Immutable and validated at construction: a bad setting fails at startup, never
 * mid-invocation. Once a protected handler is built from a policy it keeps that instance; user
 * code has no API to loosen it afterwards. Thread-safe.
 */
public final class Policy {

  /** Detector id under which limit violations are reported. */
  public static final String LIMIT_DETECTOR = "limit-exceeded";

  /**
   * Headers not inspected by default: set by API Gateway, CloudFront, ALB or the HTTP stack rather
   * than the client, or opaque ids, so inspecting them only produces false positives. An entry
   * ending in {@code *} matches by prefix. {@code cookie} is listed because the Cookie header is
   * split into {@code cookie.*} values instead of inspected whole (that split happens whatever this
   * list says).
   */
  public static final Set<String> DEFAULT_IGNORED_HEADERS = Set.of(
      "x-amzn-trace-id", "x-amz-cf-id", "x-forwarded-port", "x-forwarded-proto", "via", "host",
      "content-length", "connection", "accept-encoding", "x-amzn-tls-version", "x-amzn-tls-cipher-suite",
      "x-amzn-vpce-id", "x-amzn-vpce-config", "x-amz-apigw-id", "x-amzn-requestid", "cookie",
      "cloudfront-*", "x-amzn-oidc-*");

  /** In a configured header list, stands for {@link #DEFAULT_IGNORED_HEADERS}. */
  public static final String DEFAULTS_TOKEN = "defaults";

  private final Mode mode;
  private final boolean failClosed;
  private final Limits limits;
  private final Map<String, Action> actions;
  private final List<Exclusion> exclusions;
  private final Set<String> ignoredHeaders;
  /** The {@code prefix*} entries of {@link #ignoredHeaders}, without the star. */
  private final String[] ignoredPrefixes;
  private final List<String> redactFields;
  private final List<String> redactPatterns;
  private final int maxEventsPerInvocation;
  private final int maxEventsPerSecond;
  private final boolean metrics;

  /** Default cap on events one invocation writes before the rest are counted, not logged. */
  public static final int DEFAULT_MAX_EVENTS_PER_INVOCATION = 20;
  /** Default rate of events across invocations (token bucket, per second, per execution environment). */
  public static final int DEFAULT_MAX_EVENTS_PER_SECOND = 50;

  private Policy(Builder b) {
    this.mode = b.mode;
    this.failClosed = b.failClosed;
    this.limits = new Limits(b.maxBytes, b.maxDepth, b.maxFields, b.maxValueChars, b.timeBudget,
        b.maxDecompressedBytes);
    this.actions = Map.copyOf(b.actions);
    this.exclusions = List.copyOf(b.exclusions);
    this.ignoredHeaders = Set.copyOf(b.ignoredHeaders);
    this.ignoredPrefixes = prefixes(this.ignoredHeaders);
    this.redactFields = List.copyOf(b.redactFields);
    this.redactPatterns = List.copyOf(b.redactPatterns);
    this.maxEventsPerInvocation = b.maxEventsPerInvocation;
    this.maxEventsPerSecond = b.maxEventsPerSecond;
    this.metrics = b.metrics;
  }

  /** Defaults: BLOCK mode, fail-open, {@link Limits#DEFAULT}, every detector blocks. */
  public static Policy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder preloaded with this policy, for deriving a variant. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.mode = mode;
    b.failClosed = failClosed;
    b.maxBytes = limits.maxBytes();
    b.maxDepth = limits.maxDepth();
    b.maxFields = limits.maxFields();
    b.maxValueChars = limits.maxValueChars();
    b.timeBudget = limits.timeBudget();
    b.maxDecompressedBytes = limits.maxDecompressedBytes();
    b.ignoredHeaders.clear();
    b.ignoredHeaders.addAll(ignoredHeaders);
    b.actions.putAll(actions);
    b.exclusions.addAll(exclusions);
    b.redactFields.addAll(redactFields);
    b.redactPatterns.addAll(redactPatterns);
    b.maxEventsPerInvocation = maxEventsPerInvocation;
    b.maxEventsPerSecond = maxEventsPerSecond;
    b.metrics = metrics;
    return b;
  }

  public Mode mode() {
    return mode;
  }

  /** When true, Warden's own failures (detector error, time budget) refuse the invocation. */
  public boolean failClosed() {
    return failClosed;
  }

  public Limits limits() {
    return limits;
  }

  /** Explicit per-detector actions; detectors not listed use {@link Action#BLOCK}. */
  public Map<String, Action> actions() {
    return actions;
  }

  public List<Exclusion> exclusions() {
    return exclusions;
  }

  /**
   * Lower-case header names (or {@code prefix*} patterns) whose values are not inspected; see
   * {@link #DEFAULT_IGNORED_HEADERS}.
   */
  public Set<String> ignoredHeaders() {
    return ignoredHeaders;
  }

  /** Whether a header (any case) is on the {@link #ignoredHeaders()} list. */
  public boolean ignoresHeader(String name) {
    if (name == null) {
      return false;
    }
    // Asked for every header of every event: the prefixes are cut once, in the constructor.
    String lower = name.toLowerCase(Locale.ROOT);
    if (ignoredHeaders.contains(lower)) {
      return true;
    }
    for (String p : ignoredPrefixes) {
      if (lower.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static String[] prefixes(Set<String> list) {
    int n = 0;
    for (String e : list) {
      if (e.endsWith("*")) {
        n++;
      }
    }
    String[] out = new String[n];
    int i = 0;
    for (String e : list) {
      if (e.endsWith("*")) {
        out[i++] = e.substring(0, e.length() - 1);
      }
    }
    return out;
  }

  /** Whether {@code name} (any case) matches an entry of {@code list} (exact, or {@code prefix*}). */
  public static boolean ignored(Set<String> list, String name) {
    if (name == null) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (list.contains(lower)) {
      return true;
    }
    for (String e : list) {
      if (e.endsWith("*") && lower.startsWith(e.substring(0, e.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /** Extra field names whose values are secrets (added to the built-in names). */
  public List<String> redactFields() {
    return redactFields;
  }

  /** Extra RE2 patterns whose matches are secrets. */
  public List<String> redactPatterns() {
    return redactPatterns;
  }

  /** Most security events one invocation writes; the rest are counted in a summary event. */
  public int maxEventsPerInvocation() {
    return maxEventsPerInvocation;
  }

  /** Most security events per second across invocations; the rest are counted in a summary event. */
  public int maxEventsPerSecond() {
    return maxEventsPerSecond;
  }

  /** Whether one CloudWatch Embedded Metric Format line is written per invocation. */
  public boolean metrics() {
    return metrics;
  }

  /** The action for a detector's findings. */
  public Action actionFor(String detectorId) {
    return actions.getOrDefault(detectorId, Action.BLOCK);
  }

  /** True when the detector should not run at this location. */
  public boolean excluded(String detectorId, String path) {
    for (Exclusion e : exclusions) {
      if (e.matches(detectorId, path)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Policy{mode=" + mode + ", failClosed=" + failClosed + ", limits=" + limits + ", actions=" + actions
        + ", exclusions=" + exclusions + ", ignoredHeaders=" + ignoredHeaders
        + ", redactFields=" + redactFields + ", redactPatterns=" + redactPatterns.size()
        + ", maxEventsPerInvocation=" + maxEventsPerInvocation + ", maxEventsPerSecond=" + maxEventsPerSecond
        + ", metrics=" + metrics + '}';
  }

  /**
   * Builds a {@link Policy}. Each setter checks its argument at once and throws
   * {@link IllegalArgumentException} naming the bad value. Not thread-safe.
   */
  public static final class Builder {
    private Mode mode = Mode.BLOCK;
    private boolean failClosed;
    private long maxBytes = Limits.DEFAULT.maxBytes();
    private int maxDepth = Limits.DEFAULT.maxDepth();
    private int maxFields = Limits.DEFAULT.maxFields();
    private int maxValueChars = Limits.DEFAULT.maxValueChars();
    private Duration timeBudget = Limits.DEFAULT.timeBudget();
    private long maxDecompressedBytes = Limits.DEFAULT.maxDecompressedBytes();
    private final Set<String> ignoredHeaders = new LinkedHashSet<>(DEFAULT_IGNORED_HEADERS);
    private final Map<String, Action> actions = new LinkedHashMap<>();
    private final List<Exclusion> exclusions = new ArrayList<>();
    private final List<String> redactFields = new ArrayList<>();
    private final List<String> redactPatterns = new ArrayList<>();
    private int maxEventsPerInvocation = DEFAULT_MAX_EVENTS_PER_INVOCATION;
    private int maxEventsPerSecond = DEFAULT_MAX_EVENTS_PER_SECOND;
    private boolean metrics = true;

    private Builder() {}

    /** Adds field names whose values are secrets ({@code ssn}, {@code pin}); blank names are ignored. */
    public Builder redactFields(List<String> names) {
      for (String n : names) {
        if (n == null) {
          throw new IllegalArgumentException("redact field name is null");
        }
        if (!n.isBlank()) {
          redactFields.add(n.trim());
        }
      }
      return this;
    }

    /**
     * Adds RE2 patterns whose matches are secrets. Each is compiled now: a bad pattern fails here,
     * at init, never mid-invocation.
     */
    public Builder redactPatterns(List<String> regexes) {
      for (String r : regexes) {
        if (r == null || r.isBlank()) {
          continue;
        }
        dev.warden.event.Redactor.compile(r.trim());
        redactPatterns.add(r.trim());
      }
      return this;
    }

    public Builder maxEventsPerInvocation(int v) {
      this.maxEventsPerInvocation = (int) positive("maxEventsPerInvocation", v);
      return this;
    }

    public Builder maxEventsPerSecond(int v) {
      this.maxEventsPerSecond = (int) positive("maxEventsPerSecond", v);
      return this;
    }

    /** Switches the per-invocation metrics line on or off. */
    public Builder metrics(boolean on) {
      this.metrics = on;
      return this;
    }

    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    public Builder failClosed(boolean failClosed) {
      this.failClosed = failClosed;
      return this;
    }

    public Builder action(String detectorId, Action action) {
      if (!Ids.isValid(detectorId)) {
        throw new IllegalArgumentException("detector id must be kebab-case: " + detectorId);
      }
      actions.put(detectorId, Objects.requireNonNull(action, "action"));
      return this;
    }

    public Builder exclude(String detectorId, String pathPattern) {
      exclusions.add(new Exclusion(detectorId, pathPattern));
      return this;
    }

    /** Replaces all exclusions. */
    public Builder exclusions(List<Exclusion> list) {
      exclusions.clear();
      exclusions.addAll(list);
      return this;
    }

    public Builder maxBytes(long v) {
      this.maxBytes = positive("maxBytes", v);
      return this;
    }

    public Builder maxDepth(int v) {
      this.maxDepth = (int) positive("maxDepth", v);
      return this;
    }

    public Builder maxFields(int v) {
      this.maxFields = (int) positive("maxFields", v);
      return this;
    }

    public Builder maxValueChars(int v) {
      this.maxValueChars = (int) positive("maxValueChars", v);
      return this;
    }

    public Builder maxDecompressedBytes(long v) {
      this.maxDecompressedBytes = positive("maxDecompressedBytes", v);
      return this;
    }

    /**
     * Replaces the list of headers not inspected. Names are case-insensitive; {@code x-foo-*}
     * matches by prefix; the entry {@code defaults} stands for {@link #DEFAULT_IGNORED_HEADERS}
     * (so {@code defaults,x-request-id} adds one). An empty list inspects every header.
     */
    public Builder ignoredHeaders(Collection<String> names) {
      Set<String> list = new LinkedHashSet<>();
      for (String n : Objects.requireNonNull(names, "ignoredHeaders")) {
        String t = n == null ? "" : n.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
          continue;
        }
        if (t.equals(DEFAULTS_TOKEN)) {
          list.addAll(DEFAULT_IGNORED_HEADERS);
          continue;
        }
        String core = t.endsWith("*") ? t.substring(0, t.length() - 1) : t;
        if (core.isEmpty() || !token(core)) {
          throw new IllegalArgumentException("ignoredHeaders: '" + n + "' is not a header name (or name-prefix*)");
        }
        list.add(t);
      }
      ignoredHeaders.clear();
      ignoredHeaders.addAll(list);
      return this;
    }

    /** RFC 9110 token characters: what a header field name may contain. */
    private static boolean token(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
          return false;
        }
      }
      return true;
    }

    public Builder timeBudget(Duration v) {
      if (v == null || v.isZero() || v.isNegative()) {
        throw new IllegalArgumentException("timeBudget must be positive: " + v);
      }
      this.timeBudget = v;
      return this;
    }

    /**
     * Applies {@code WARDEN_*} overrides from an environment map (see README). Unknown
     * {@code WARDEN_*} keys are ignored; malformed values throw.
     */
    public Builder environment(Map<String, String> env) {
      String v;
      if ((v = get(env, "WARDEN_MODE")) != null) {
        mode(parseEnum(Mode.class, "WARDEN_MODE", v));
      }
      if ((v = get(env, "WARDEN_FAIL_CLOSED")) != null) {
        failClosed(parseBool("WARDEN_FAIL_CLOSED", v));
      }
      if ((v = get(env, "WARDEN_ACTIONS")) != null) {
        for (String part : v.split(",")) {
          if (part.isBlank()) {
            continue;
          }
          int eq = part.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("WARDEN_ACTIONS entries look like sqli=monitor: " + part);
          }
          action(part.substring(0, eq).trim(), parseEnum(Action.class, "WARDEN_ACTIONS", part.substring(eq + 1)));
        }
      }
      if ((v = get(env, "WARDEN_EXCLUSIONS")) != null) {
        List<Exclusion> list = new ArrayList<>();
        for (String part : v.split(",")) {
          if (!part.isBlank()) {
            list.add(Exclusion.parse(part.trim()));
          }
        }
        exclusions(list);
      }
      if ((v = get(env, "WARDEN_MAX_BYTES")) != null) {
        maxBytes(parseLong("WARDEN_MAX_BYTES", v));
      }
      if ((v = get(env, "WARDEN_MAX_DEPTH")) != null) {
        maxDepth(parseInt("WARDEN_MAX_DEPTH", v));
      }
      if ((v = get(env, "WARDEN_MAX_FIELDS")) != null) {
        maxFields(parseInt("WARDEN_MAX_FIELDS", v));
      }
      if ((v = get(env, "WARDEN_MAX_VALUE_CHARS")) != null) {
        maxValueChars(parseInt("WARDEN_MAX_VALUE_CHARS", v));
      }
      if ((v = get(env, "WARDEN_MAX_DECOMPRESSED_BYTES")) != null) {
        maxDecompressedBytes(parseLong("WARDEN_MAX_DECOMPRESSED_BYTES", v));
      }
      if ((v = get(env, "WARDEN_IGNORED_HEADERS")) != null) {
        try {
          ignoredHeaders(List.of(v.split(",")));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("WARDEN_IGNORED_HEADERS: " + e.getMessage(), e);
        }
      }
      if ((v = get(env, "WARDEN_TIME_BUDGET_MS")) != null) {
        timeBudget(Duration.ofMillis(parseLong("WARDEN_TIME_BUDGET_MS", v)));
      }
      if ((v = get(env, "WARDEN_REDACT_FIELDS")) != null) {
        redactFields(List.of(v.split(",")));
      }
      if ((v = get(env, "WARDEN_REDACT_PATTERNS")) != null) {
        // One RE2 pattern per line (a pattern may contain commas); join alternatives with '|'.
        redactPatterns(List.of(v.split("\\R")));
      }
      if ((v = get(env, "WARDEN_MAX_EVENTS_PER_INVOCATION")) != null) {
        maxEventsPerInvocation(parseInt("WARDEN_MAX_EVENTS_PER_INVOCATION", v));
      }
      if ((v = get(env, "WARDEN_MAX_EVENTS_PER_SECOND")) != null) {
        maxEventsPerSecond(parseInt("WARDEN_MAX_EVENTS_PER_SECOND", v));
      }
      if ((v = get(env, "WARDEN_METRICS")) != null) {
        metrics(parseSwitch("WARDEN_METRICS", v));
      }
      return this;
    }

    public Policy build() {
      return new Policy(this);
    }

    private static String get(Map<String, String> env, String key) {
      String v = env.get(key);
      return v == null || v.isBlank() ? null : v.trim();
    }

    private static long positive(String name, long v) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be positive: " + v);
      }
      return v;
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String v) {
      try {
        return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + ": '" + v + "' is not one of "
            + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT), e);
      }
    }

    private static boolean parseBool(String key, String v) {
      switch (v.toLowerCase(Locale.ROOT)) {
        case "true": case "1": case "yes": return true;
        case "false": case "0": case "no": return false;
        default: throw new IllegalArgumentException(key + ": '" + v + "' is not true or false");
      }
    }

    private static boolean parseSwitch(String key, String v) {
      switch (v.toLowerCase(Locale.ROOT)) {
        case "on": case "true": case "1": case "yes": return true;
        case "off": case "false": case "0": case "no": return false;
        default: throw new IllegalArgumentException(key + ": '" + v + "' is not on or off");
      }
    }

    private static long parseLong(String key, String v) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + ": '" + v + "' is not a number", e);
      }
    }

    private static int parseInt(String key, String v) {
      long l = parseLong(key, v);
      if (l > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(key + ": " + v + " is too large");
      }
      return (int) l;
    }
  }
}
