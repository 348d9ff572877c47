package dev.warden.policy;

/** Detector and rule ids are kebab-case: lower-case letters, digits and single dashes. */
public final class Ids {

  private Ids() {}

  /** True for ids such as {@code sqli}, {@code limit-exceeded}, {@code union-select}. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > 64 || id.charAt(0) == '-' || id.charAt(id.length() - 1) == '-') {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && id.charAt(i - 1) != '-');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
