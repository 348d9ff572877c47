package dev.warden.posture;

import dev.warden.detect.Finding;
import dev.warden.extract.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The init-time posture check: dependency inventory, denied dependency versions and
 * insecure-configuration findings. Pure: the caller decides where the results go (the Lambda
 * adapter runs it once per execution environment, off the invocation path).
 */
public final class Posture {

  /** What the check found. */
  public record Report(List<Component> components, List<Finding> findings) {
    public Report {
      components = List.copyOf(components);
      findings = List.copyOf(findings);
    }
  }

  private Posture() {}

  /** Runs every check on the given class path, environment and temp directory. */
  public static Report check(PostureSettings settings, Map<String, String> env, List<Path> classPath, Path tmp) {
    List<Component> components = settings.inventory() || !settings.denied().isEmpty()
        ? Inventory.scan(classPath, settings.inventory()) : List.of();
    List<Finding> findings = new ArrayList<>(denied(components, settings.denied()));
    findings.addAll(ConfigChecks.environment(env));
    if (settings.expectCleanTmp()) {
      findings.addAll(ConfigChecks.tmp(tmp));
    }
    findings.addAll(ConfigChecks.codeDirectory(env));
    return new Report(settings.inventory() ? components : List.of(), findings);
  }

  /** {@code denied-dependency} findings for components inside a denied range. */
  public static List<Finding> denied(List<Component> components, List<VersionRange> ranges) {
    List<Finding> out = new ArrayList<>();
    for (Component c : components) {
      for (VersionRange r : ranges) {
        if (r.matches(c)) {
          out.add(new Finding(ConfigChecks.DETECTOR, "denied-dependency", Source.OTHER, "classpath." + c.file(),
              c.coordinates() + " is in the denied range " + r));
          break;
        }
      }
    }
    return out;
  }
}
