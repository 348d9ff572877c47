package dev.warden;

/**
 * Field names an engine has inspected and found clean, remembered from one invocation to the next:
 * the keys of an API's events ({@code currency}, {@code quantity}, {@code address}) repeat with
 * every request, and the engine consults this table only when every detector's result on a name
 * depends on its text alone and no exclusion makes it depend on the path. Values are never
 * remembered: they vary per request, and a value seen clean once may be spliced differently next
 * time by nothing but its own text, which is inspected each time.
 *
 * <p>Shared by every thread using the engine, without locks: a fixed table of immutable strings,
 * written racily. A reader sees either {@code null} or a whole {@code String} (its fields are
 * final), and a name is skipped only when it equals, character for character, one that was
 * inspected and found clean; a write lost to a race only means that name is inspected again.
 * Probes stop after {@value #MAX_PROBES} slots, so the table answers in constant time even if
 * racing writers fill it past {@value #MAX_ENTRIES}.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} names of at most {@value #MAX_CHARS} characters. When
 * full, nothing more is added and nothing is evicted, so a client that sends many distinct names
 * fills the table early and afterwards names are inspected as if there were none.
 */
final class CleanNames {

  /** Longest name remembered, as in {@link SeenNames}. */
  static final int MAX_CHARS = SeenNames.MAX_CHARS;

  /** Most names remembered; a quarter of the slots, so probes stay short. */
  static final int MAX_ENTRIES = 256;

  /** Slots looked at per search or insertion. */
  static final int MAX_PROBES = 8;

  private final String[] table = new String[MAX_ENTRIES * 4];
  private int size; // racy: a lost increment only lets a few more names in

  /** Whether {@code name} was {@link #add added} before. */
  boolean contains(String name) {
    return size != 0 && name.length() <= MAX_CHARS && probe(name) >= 0;
  }

  /**
   * Remembers {@code name} as clean; false when it is too long or the table has no room for it,
   * so the caller can remember it for the current invocation only.
   */
  boolean add(String name) {
    if (name.length() > MAX_CHARS) {
      return false;
    }
    int p = probe(name);
    if (p >= 0) {
      return true;
    }
    if (p == FULL || size >= MAX_ENTRIES) {
      return false;
    }
    table[~p] = name;
    size++;
    return true;
  }

  /** {@link #probe} found neither the name nor an empty slot. */
  private static final int FULL = Integer.MIN_VALUE;

  /**
   * The slot holding {@code name}; else {@code ~slot} of the first empty slot on its probe path;
   * else {@link #FULL}. Reads the table once per slot, whatever other threads write.
   */
  private int probe(String name) {
    int mask = table.length - 1;
    int i = slot(name, mask);
    for (int k = 0; k < MAX_PROBES; k++, i = (i + 1) & mask) {
      String s = table[i];
      if (s == null) {
        return ~i;
      }
      if (s.equals(name)) {
        return i;
      }
    }
    return FULL;
  }

  private static int slot(String name, int mask) {
    int h = name.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }
}
