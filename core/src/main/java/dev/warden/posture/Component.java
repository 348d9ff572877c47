package dev.warden.posture;

import java.util.Objects;

/**
 * One library the function runs with: Maven coordinates (as well as they can be known) and the
 * SHA-256 of the jar. {@code evidence} says where the coordinates came from:
 * {@code pom.properties}, {@code manifest} or {@code file-name}. Immutable.
 */
public record Component(String group, String artifact, String version, String file, String sha256, String evidence) {

  public Component {
    group = Objects.requireNonNullElse(group, "");
    Objects.requireNonNull(artifact, "artifact");
    version = Objects.requireNonNullElse(version, "");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(evidence, "evidence");
  }

  /** {@code group:artifact:version}, with empty parts left out. */
  public String coordinates() {
    return (group.isEmpty() ? "" : group + ":") + artifact + (version.isEmpty() ? "" : ":" + version);
  }

  /** Package URL (purl spec, type {@code maven}): {@code pkg:maven/group/artifact@version}. */
  public String purl() {
    StringBuilder sb = new StringBuilder("pkg:maven/");
    if (!group.isEmpty()) {
      sb.append(group).append('/');
    }
    sb.append(artifact);
    if (!version.isEmpty()) {
      sb.append('@').append(version);
    }
    return sb.toString();
  }
}
