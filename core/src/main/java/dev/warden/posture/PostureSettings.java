package dev.warden.posture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the init-time posture checks look for. Immutable; {@link #fromEnvironment(Map)} reads
 * {@code WARDEN_INVENTORY} ({@code on}/{@code off}), {@code WARDEN_DENIED_DEPENDENCIES}
 * (semicolon-separated {@code group:artifact:range}, replacing the defaults),
 * {@code WARDEN_EXPECT_CLEAN_TMP} and {@code WARDEN_WIPE_TMP} ({@code true}/{@code false}).
 *
 * @param inventory list the class path and emit the inventory event
 * @param denied artifact versions that raise a {@code denied-dependency} finding
 * @param expectCleanTmp report files found in {@code /tmp} at init
 * @param wipeTmp delete what an invocation left in {@code /tmp} after it (entries present at init are kept)
 */
public record PostureSettings(boolean inventory, List<VersionRange> denied, boolean expectCleanTmp, boolean wipeTmp) {

  /**
   * Known-vulnerable ranges denied by default: log4j-core before 2.17.1 (Log4Shell,
   * CVE-2021-44228 and follow-ups CVE-2021-45046/45105/44832) and commons-text 1.5 to 1.9
   * (Text4Shell, CVE-2022-42889).
   */
  public static final List<VersionRange> DEFAULT_DENIED = List.of(
      VersionRange.parse("org.apache.logging.log4j:log4j-core:[2.0-beta9,2.17.1)"),
      VersionRange.parse("org.apache.commons:commons-text:[1.5,1.10.0)"));

  public static final PostureSettings DEFAULT = new PostureSettings(true, DEFAULT_DENIED, false, false);

  public PostureSettings {
    denied = List.copyOf(denied);
  }

  /** Defaults overridden by {@code WARDEN_*} variables; malformed values throw. */
  public static PostureSettings fromEnvironment(Map<String, String> env) {
    boolean inventory = bool(env, "WARDEN_INVENTORY", true);
    List<VersionRange> denied = DEFAULT_DENIED;
    String d = env.get("WARDEN_DENIED_DEPENDENCIES");
    if (d != null && !d.isBlank()) {
      List<VersionRange> list = new ArrayList<>();
      for (String spec : d.split(";")) {
        if (!spec.isBlank()) {
          list.add(VersionRange.parse(spec.trim()));
        }
      }
      denied = list;
    }
    return new PostureSettings(inventory, denied, bool(env, "WARDEN_EXPECT_CLEAN_TMP", false),
        bool(env, "WARDEN_WIPE_TMP", false));
  }

  private static boolean bool(Map<String, String> env, String key, boolean dflt) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true": case "on": case "1": case "yes": return true;
      case "false": case "off": case "0": case "no": return false;
      default: throw new IllegalArgumentException(key + ": '" + v + "' is not on/off");
    }
  }
}
