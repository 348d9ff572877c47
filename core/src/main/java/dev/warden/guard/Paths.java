package dev.warden.guard;

/** Lexical path normalization that never touches the file system. */
final class Paths {

  private Paths() {}

  /**
   * Absolute, lexically normalized form of {@code p}: {@code .} and {@code ..} segments and
   * repeated slashes are removed; relative paths are resolved against {@code user.dir}. Symbolic
   * links are NOT resolved (that would touch the file system on the hot path); see docs/GUARDS.md.
   */
  static String normalize(String p) {
    String s = p;
    if (!s.startsWith("/")) {
      s = System.getProperty("user.dir", "/") + "/" + s;
    }
    String[] parts = s.split("/");
    String[] stack = new String[parts.length];
    int n = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (n > 0) {
          n--;
        }
        continue;
      }
      stack[n++] = part;
    }
    if (n == 0) {
      return "/";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < n; i++) {
      out.append('/').append(stack[i]);
    }
    return out.toString();
  }

  /** True when normalized {@code path} is {@code prefix} or lies below it. */
  static boolean under(String path, String prefix) {
    if (prefix.equals("/")) {
      return true;
    }
    return path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/';
  }
}
