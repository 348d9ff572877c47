package dev.warden.posture;

/** Warden's own version, from the jar manifest when packaged. */
final class Versions {

  private Versions() {}

  static String warden() {
    String v = Versions.class.getPackage() == null ? null : Versions.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
