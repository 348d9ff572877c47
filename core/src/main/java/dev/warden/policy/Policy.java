package dev.warden.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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

  private final Mode mode;
  private final boolean failClosed;
  private final Limits limits;
  private final Map<String, Action> actions;
  private final List<Exclusion> exclusions;
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
    this.limits = new Limits(b.maxBytes, b.maxDepth, b.maxFields, b.maxValueChars, b.timeBudget);
    this.actions = Map.copyOf(b.actions);
    this.exclusions = List.copyOf(b.exclusions);
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
        + ", exclusions=" + exclusions + ", redactFields=" + redactFields + ", redactPatterns=" + redactPatterns.size()
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
