package dev.warden;

/**
 * Field names one invocation has already inspected and found clean, so that the same key in every
 * element of a JSON array (or every record of a batch) is inspected once. A fixed open-addressing
 * table: at most {@value #MAX_ENTRIES} names of at most {@value #MAX_CHARS} characters, compared
 * whole; when full, further names are simply inspected. Hashing a name reads it once, which is
 * what a pre-filter's first pass costs anyway, so a name seen only once loses almost nothing.
 *
 * <p>Per invocation: not thread-safe, never shared. Nulls are not accepted.
 */
final class SeenNames {

  /** Longest name remembered; longer ones are rare as keys and costlier to hash. */
  static final int MAX_CHARS = 64;

  /** Most names remembered; half the table, so probes stay short. */
  static final int MAX_ENTRIES = 128;

  /** Starts small (most events have a few names) and doubles up to twice {@link #MAX_ENTRIES}. */
  private String[] table = new String[16];
  private int size;

  /** Whether {@code name} was {@link #add added} before. */
  boolean contains(String name) {
    if (size == 0 || name.length() > MAX_CHARS) {
      return false;
    }
    int mask = table.length - 1;
    for (int i = slot(name, mask); ; i = (i + 1) & mask) {
      String s = table[i];
      if (s == null) {
        return false;
      }
      if (s.equals(name)) {
        return true;
      }
    }
  }

  /** Remembers {@code name} as clean, unless it is too long or the table is full. */
  void add(String name) {
    if (size >= MAX_ENTRIES || name.length() > MAX_CHARS) {
      return;
    }
    if ((size + 1) * 2 > table.length) {
      grow();
    }
    put(table, name);
  }

  /** Puts {@code name} into {@code t} unless it is there; counts it when new. */
  private void put(String[] t, String name) {
    int mask = t.length - 1;
    int i = slot(name, mask);
    while (t[i] != null) {
      if (t[i].equals(name)) {
        return;
      }
      i = (i + 1) & mask;
    }
    t[i] = name;
    size++;
  }

  private void grow() {
    String[] old = table;
    table = new String[old.length * 2];
    size = 0;
    for (String s : old) {
      if (s != null) {
        put(table, s);
      }
    }
  }

  private static int slot(String name, int mask) {
    int h = name.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }
}
