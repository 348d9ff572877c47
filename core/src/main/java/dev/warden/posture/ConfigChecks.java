package dev.warden.posture;

import dev.warden.detect.Finding;
import dev.warden.event.Redactor;
import dev.warden.extract.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Insecure-configuration checks run once at init. Each returns {@code posture} findings whose
 * evidence names the setting, never its value.
 *
 * <ul>
 *   <li>{@code plaintext-secret-env}: an environment variable that holds a secret in plain text,
 *       by name (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, CREDENTIAL…) with a literal value,
 *       or by shape (AWS key, PEM private key, JWT…, found by {@link Redactor}). The variables
 *       Lambda itself sets from the execution role ({@code AWS_ACCESS_KEY_ID},
 *       {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}) are the runtime's temporary
 *       credentials and are not reported; values that are references (Secrets Manager or SSM
 *       ARNs, {@code {{resolve:…}}}) are not secrets.</li>
 *   <li>{@code tmp-not-clean}: files in {@code /tmp} at init, when the policy expects a clean
 *       {@code /tmp} (Lambda reuses execution environments, and {@code /tmp} with them).</li>
 *   <li>{@code code-dir-writable}: the function's code directory ({@code LAMBDA_TASK_ROOT}) is
 *       writable by the function (it is read-only on Lambda; writable means a custom runtime or
 *       image that lets an attacker plant code).</li>
 * </ul>
 */
public final class ConfigChecks {

  /** Detector id of posture findings. */
  public static final String DETECTOR = "posture";

  private static final Set<String> RUNTIME_CREDENTIALS = Set.of(
      "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API");

  private static final String[] SECRET_WORDS = {
    "PASSWORD", "PASSWD", "PWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "CREDENTIAL",
    "ACCESS_KEY", "CLIENT_SECRET", "AUTH_KEY", "SIGNING_KEY", "DB_PASS"
  };

  private ConfigChecks() {}

  /** Environment variables holding plaintext secrets, sorted by name. */
  public static List<Finding> environment(Map<String, String> env) {
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      if (name == null || value == null || value.isBlank() || RUNTIME_CREDENTIALS.contains(name)
          || name.startsWith("WARDEN_") || isReference(value)) {
        continue;
      }
      boolean byName = secretName(name) && value.length() >= 4;
      boolean byShape = secretShaped(value);
      if (byName || byShape) {
        out.add(new Finding(DETECTOR, "plaintext-secret-env", Source.OTHER, "env." + name,
            "environment variable " + name + " holds a " + (byShape ? "secret-shaped" : "literal")
                + " value (" + value.length() + " characters, not shown)"));
      }
    }
    return out;
  }

  /**
   * Key, token and private-key shapes. Card numbers are left out here: a 13–19 digit run passing
   * the Luhn check is one in ten of all such runs, and paths and ids in configuration have them.
   */
  static boolean secretShaped(String value) {
    for (Redactor.Span s : Redactor.DEFAULT.secretSpans(value, 0, Math.min(value.length(), 8192))) {
      if (!s.kind().equals("card-number")) {
        return true;
      }
    }
    return false;
  }

  static boolean secretName(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    for (String w : SECRET_WORDS) {
      if (n.equals(w) || n.endsWith("_" + w) || n.startsWith(w + "_") || n.contains("_" + w + "_")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isReference(String v) {
    String t = v.trim();
    return t.startsWith("arn:aws:secretsmanager:") || t.startsWith("arn:aws:ssm:") || t.startsWith("{{resolve:")
        || t.startsWith("ssm:") || t.startsWith("secretsmanager:") || t.startsWith("/aws/reference/secretsmanager/");
  }

  /** Entries present in {@code tmp} (at most 10,000 looked at). Empty when it is clean or absent. */
  public static List<Finding> tmp(Path tmp) {
    if (!Files.isDirectory(tmp)) {
      return List.of();
    }
    long count;
    try (Stream<Path> s = Files.list(tmp)) {
      count = s.limit(10_000).count();
    } catch (IOException e) {
      return List.of();
    }
    if (count == 0) {
      return List.of();
    }
    return List.of(new Finding(DETECTOR, "tmp-not-clean", Source.OTHER, "file." + tmp,
        count + (count == 10_000 ? "+" : "") + " entries left in " + tmp + " by an earlier invocation or init"));
  }

  /**
   * Guards the policy asks for but this JVM cannot enforce: {@code agent-not-active} when process
   * or file guards (or protection of the code directory) are on without the Java agent, which alone
   * hooks process start and file access; {@code serial-filter-fallback} when the deserialization
   * guard runs as the weaker JVM-wide filter (an ObjectInputStream existed before Warden's init).
   */
  public static List<Finding> guards(dev.warden.guard.GuardStatus status, dev.warden.guard.GuardPolicy policy) {
    if (status == null || !status.installed() || policy == null) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    List<String> agentOnly = new ArrayList<>();
    if (policy.actions().get(dev.warden.guard.GuardKind.PROCESS) != dev.warden.guard.GuardAction.ALLOW) {
      agentOnly.add("process");
    }
    if (policy.actions().get(dev.warden.guard.GuardKind.FILE) != dev.warden.guard.GuardAction.ALLOW) {
      agentOnly.add("file");
    }
    if (policy.protectCode()) {
      agentOnly.add("protect-code");
    }
    if (!agentOnly.isEmpty() && !status.mechanisms().contains("agent")) {
      out.add(new Finding(DETECTOR, "agent-not-active", Source.OTHER, "guards",
          "policy asks for " + String.join(", ", agentOnly)
              + " guards, which need -javaagent (JAVA_TOOL_OPTIONS); they are not enforced"));
    }
    if (status.mechanisms().contains("serial-filter") && !status.mechanisms().contains("serial-filter-factory")) {
      out.add(new Finding(DETECTOR, "serial-filter-fallback", Source.OTHER, "guards",
          "deserialization filter installed in its weaker JVM-wide mode: streams with their own filter are not covered"));
    }
    return out;
  }

  /** The code directory is writable. */
  public static List<Finding> codeDirectory(Map<String, String> env) {
    String root = env.get("LAMBDA_TASK_ROOT");
    if (root == null || root.isBlank()) {
      return List.of();
    }
    Path p = Path.of(root);
    if (Files.isDirectory(p) && Files.isWritable(p)) {
      return List.of(new Finding(DETECTOR, "code-dir-writable", Source.OTHER, "file." + root,
          "the function's code directory " + root + " is writable"));
    }
    return List.of();
  }
}
