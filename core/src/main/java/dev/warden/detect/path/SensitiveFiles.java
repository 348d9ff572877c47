package dev.warden.detect.path;

import dev.warden.detect.path.PathScanner.Hit;
import java.util.Arrays;

/**
 * The small table of files and directories attackers read through a path parameter, and the
 * matching that finds them in a lower-cased value.
 *
 * <p>Three kinds of entries:
 * <ul>
 *   <li>rooted prefixes: only at the file-system root (a leading separator, a drive letter, or
 *       right after a dot-dot segment or {@code ~}): {@code /etc/*}, {@code /proc/*},
 *       {@code /var/task} (the Lambda code directory), {@code /root/*}, {@code C:\windows\*} ...;</li>
 *   <li>names that are sensitive wherever they appear as whole segments: {@code .ssh},
 *       {@code .aws/credentials}, {@code .env}, {@code .git/}, {@code boot.ini}, ...;</li>
 *   <li>loose pairs for encoding-evasion lists, which separate the words with junk the server
 *       may map to a slash ({@code etcÁ%pcpasswd}, {@code windows%bg%qfsystem32}): a first word,
 *       a gap of 1..{@value PathScanner#MAX_GAP} characters without whitespace and not all
 *       letters, and a second word.</li>
 * </ul>
 */
final class SensitiveFiles {

  private SensitiveFiles() {
  }

  /** Rooted entries: segments, {@code *} for "any one segment"; a one-word entry is a prefix. */
  private static final String[][] ROOTED = {
    {"etc", "*"}, {"proc", "*"}, {"var", "*"}, {"usr", "local", "*"}, {"xampp", "*"}, {"sys", "class"}, {"sys", "kernel"}, {"var", "task"},
    {"var", "runtime"}, {"var", "log", "*"}, {"var", "mail"}, {"var", "spool"}, {"root"},
    {"home", "*", "*"}, {"windows", "*"}, {"winnt", "*"}, {"boot.ini"}, {"inetpub", "*"},
    {"documents and settings", "*"},
  };

  /**
   * Rooted entries that also count when the absolute path starts inside a longer text
   * ({@code cat /etc/passwd}); the broader ones above only count at the start of a value or after
   * a traversal, since logs and prose quote paths like {@code /usr/lib/...} or {@code /var/...}.
   */
  private static final String[][] ROOTED_MID = {
    {"etc", "*"}, {"proc", "*"}, {"var", "task"}, {"var", "runtime"}, {"root", "*"},
    {"home", "*", ".ssh"}, {"windows", "win.ini"}, {"windows", "system32"},
  };

  /** Entries matched wherever they start a segment sequence. */
  private static final String[][] ANYWHERE = {
    {".ssh"}, {".aws", "credentials"}, {".aws", "config"}, {".env"}, {".git", "*"},
    {".git-credentials"}, {".htpasswd"}, {".htaccess"}, {".bash_history"}, {".zsh_history"},
    {".mysql_history"}, {".psql_history"}, {".netrc"}, {".pgpass"}, {".npmrc"}, {".pypirc"},
    {".docker", "*"}, {".passwd"}, {".kube", "config"}, {".cursor", "mcp.json"}, {"id_rsa"},
    {"id_dsa"}, {"id_ecdsa"}, {"id_ed25519"}, {"authorized_keys"}, {"boot.ini"}, {"win.ini"},
    {"system.ini"}, {"web.config"}, {"wp-config.php"}, {"php.ini"}, {"httpd.conf"},
    {"my.ini"}, {"my.cnf"}, {"access_log"}, {"error_log"}, {"access.log"}, {"error.log"},
    {"config.inc.php"}, {"metabase.xml"}, {"unattend.xml"}, {"unattended.xml"}, {"sysprep.inf"}, {"ntuser.dat"}, {"known_hosts"},
  };

  /** Names after {@code etc} that identify a Unix system file. */
  private static final String[] ETC_FILES = {
    "passwd", "shadow", "group", "hosts", "issue", "sudoers", "master.passwd", "motd", "crontab",
    "fstab", "hostname", "resolv.conf", "os-release", "profile", "httpd", "apache",
  };

  /** Word pairs of Windows system paths. */
  private static final String[][] WINDOWS_PAIRS = {
    {"windows", "system32"}, {"windows", "win.ini"}, {"windows", "system.ini"}, {"windows", "repair"},
    {"winnt", "system32"}, {"winnt", "win.ini"}, {"system32", "drivers"}, {"system32", "config"},
    {"windows", "debug"}, {"windows", "panther"},
  };

  private static final int MAX_SEGMENTS = 512;

  /**
   * The tables above grouped by the first character of their first word, in table order: a
   * segment can only match entries that start with its own first character, so each segment is
   * compared with a handful of names instead of all of them, and the first match is the same.
   */
  private static final String[][][] ROOTED_BY_FIRST = byFirstChar(ROOTED);
  private static final String[][][] ROOTED_MID_BY_FIRST = byFirstChar(ROOTED_MID);
  private static final String[][][] ANYWHERE_BY_FIRST = byFirstChar(ANYWHERE);
  private static final String[][] NO_ENTRIES = {};

  private static String[][][] byFirstChar(String[][] table) {
    // Loops, not streams: class initialisation runs at cold start, interpreted.
    int[] counts = new int[128];
    for (String[] e : table) {
      if (e[0].charAt(0) < 128) {
        counts[e[0].charAt(0)]++;
      }
    }
    String[][][] by = new String[128][][];
    for (char c = 0; c < 128; c++) {
      by[c] = new String[counts[c]][];
    }
    int[] filled = new int[128];
    for (String[] e : table) {
      char first = e[0].charAt(0);
      if (first < 128) {
        by[first][filled[first]++] = e;
      }
    }
    return by;
  }

  /** The entries of {@code by} that can match a segment whose trimmed part is {@code s[a, b)}. */
  private static String[][] entriesFor(String[][][] by, String s, int a, int b) {
    if (a >= b || s.charAt(a) >= 128) {
      return NO_ENTRIES;
    }
    return by[s.charAt(a)];
  }

  static Hit find(String s) {
    Hit h = device(s);
    if (h == null) {
      h = segments(s);
    }
    if (h == null) {
      h = loose(s);
    }
    return h;
  }

  /** Win32 device namespace paths {@code \\?\} and {@code \\.\}. */
  private static Hit device(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    if (i + 4 <= s.length() && PathScanner.isSep(s.charAt(i)) && PathScanner.isSep(s.charAt(i + 1))
        && (s.charAt(i + 2) == '?' || s.charAt(i + 2) == '.') && PathScanner.isSep(s.charAt(i + 3))) {
      return new Hit("sensitive-file", i, Math.min(s.length(), i + 16));
    }
    return null;
  }

  private static Hit segments(String s) {
    int n = s.length();
    // At most one segment more than separators. The arrays start small and grow: most values
    // have a few segments, and zeroing arrays sized to the text cost more than the scan.
    int cap = Math.min(MAX_SEGMENTS, n + 1);
    int[] st = new int[Math.min(cap, 16)];
    int[] en = new int[st.length];
    int count = 0;
    int i = 0;
    while (i <= n && count < cap) {
      int j = i;
      while (j < n && !PathScanner.isSep(s.charAt(j))) {
        j++;
      }
      if (count == st.length) {
        st = Arrays.copyOf(st, Math.min(cap, 2 * count));
        en = Arrays.copyOf(en, st.length);
      }
      st[count] = i;
      en[count] = j;
      count++;
      i = j + 1;
    }
    if (count < 2 && !(count == 1 && en[0] > st[0] && s.charAt(st[0]) == '.')) {
      // A single segment with no separator: only dotfile names like ".env" can match.
      return null;
    }
    // Each segment's comparable part, computed once: the tables below compare it with ~80 names.
    int[] ts = new int[count];
    int[] te = new int[count];
    for (int k = 0; k < count; k++) {
      trim(s, st[k], en[k], ts, te, k);
    }
    int d = count > 1 && drive(s, st[0], en[0]) ? 1
        : count > 2 && en[0] == st[0] && drive(s, st[1], en[1]) ? 2 : 0;
    if (d > 0 && windowsSensitive(s, st, en, ts, te, count, d)) {
      // "C:\xampp\...\error.log": system, server and log locations on a Windows drive.
      return new Hit("sensitive-file", st[0], en[count - 1]);
    }
    for (int k = 0; k < count; k++) {
      int root = rooted(s, st, en, k);
      if (root == 1 && hiddenAtRoot(s, st[k], en[k])) {
        // "/.claude/settings.json", "/.bash_profile": dot-directories at the root hold
        // configuration and secrets of tools.
        return new Hit("sensitive-file", st[k], en[k]);
      }
      if (root > 0) {
        for (String[] e : entriesFor(root == 1 ? ROOTED_BY_FIRST : ROOTED_MID_BY_FIRST, s, ts[k], te[k])) {
          if (matches(st, en, ts, te, s, count, k, e)) {
            return new Hit("sensitive-file", st[k], en[Math.min(count - 1, k + e.length - 1)]);
          }
        }
      }
      for (String[] e : entriesFor(ANYWHERE_BY_FIRST, s, ts[k], te[k])) {
        if (matches(st, en, ts, te, s, count, k, e) && (k > 0 || count > 1 || e[0].startsWith("."))) {
          return new Hit("sensitive-file", st[k], en[Math.min(count - 1, k + e.length - 1)]);
        }
      }
    }
    return null;
  }

  /**
   * For the slash gate ({@link PathScanner#slashTextMayFire}): false only when no match of
   * {@link #segments} can involve the segment {@code s[from, to)} of ASCII text, read in either
   * ASCII case (the scanner's folded text is then its lower case, index for index). Every match
   * there needs a segment whose trimmed part ({@link #trim}) equals the first word of an entry
   * of {@link #ROOTED}, {@link #ROOTED_MID} or {@link #ANYWHERE}, or a segment starting with a
   * dot ({@link #hiddenAtRoot}, the dot-names), or a drive segment ({@link #windowsSensitive}).
   */
  static boolean segmentMayMatch(String s, int from, int to) {
    int a = from;
    while (a < to && (s.charAt(a) == ' ' || s.charAt(a) == '\0')) {
      a++;
    }
    if (from < to && s.charAt(from) == '.' || a < to && s.charAt(a) == '.') {
      return true;
    }
    int d = from;
    while (d < to && s.charAt(d) == ' ') {
      d++;
    }
    if (to - d == 2 && s.charAt(d + 1) == ':') {
      return true; // a drive, any letter (a looser test than drive())
    }
    int b = trimmedEnd(s, a, to);
    if (a >= b) {
      return false;
    }
    char first = lower(s.charAt(a));
    if (first >= 128) {
      return false;
    }
    return firstWordIs(ROOTED_BY_FIRST[first], s, a, b) || firstWordIs(ROOTED_MID_BY_FIRST[first], s, a, b)
        || firstWordIs(ANYWHERE_BY_FIRST[first], s, a, b);
  }

  /** Whether one of {@code entries} has {@code s[a, b)} as first word, ASCII case ignored. */
  private static boolean firstWordIs(String[][] entries, String s, int a, int b) {
    for (String[] e : entries) {
      String w = e[0];
      if (w.length() == b - a) {
        int k = 0;
        while (k < w.length() && lower(s.charAt(a + k)) == w.charAt(k)) {
          k++;
        }
        if (k == w.length()) {
          return true;
        }
      }
    }
    return false;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /**
   * 1 when segment {@code k} starts at a root (after a leading separator, a drive, {@code ~} or a
   * dot-dot), 2 when an absolute path starts inside the text, else 0.
   */
  private static int rooted(String s, int[] st, int[] en, int k) {
    if (k == 0) {
      return 0;
    }
    int ps = st[k - 1];
    int pe = en[k - 1];
    if (k == 1 && pe == ps) {
      return 1; // "/etc/..."
    }
    if (PathScanner.isDotDot(s, ps, pe)) {
      return 1;
    }
    if (isTilde(s, ps, pe) || (k <= 2 && drive(s, st[k - 1], en[k - 1]))) {
      return 1;
    }
    if (pe > ps && "\t\n\r =<>\"'(|;,`".indexOf(s.charAt(pe - 1)) >= 0) {
      // "cat /etc/x", "file=/etc/x", ">/etc/x": an absolute path starts inside the text.
      return 2;
    }
    return 0;
  }

  /** {@code s[a, b)} is {@code ~} with optional blanks around (as {@code String.trim} strips them). */
  private static boolean isTilde(String s, int a, int b) {
    while (a < b && s.charAt(a) <= ' ') {
      a++;
    }
    while (b > a && s.charAt(b - 1) <= ' ') {
      b--;
    }
    return b - a == 1 && s.charAt(a) == '~';
  }

  /** Directories of a Windows drive that hold system, server or log files. */
  private static final String[] WINDOWS_DIRS = {
    "windows", "winnt", "system32", "inetpub", "xampp", "wamp", "program files",
    "program files (x86)", "documents and settings", "apache", "apache2", "apache group", "php",
    "php4", "php5", "mysql", "log", "logs", "boot.ini", "win.ini", "unattend.xml",
    "unattended.xml", "unattend.txt", "unattended.txt", "sysprep.inf", "sysprep.xml",
  };

  /** Extensions of configuration and log files. */
  private static final String[] WINDOWS_EXTS = {".ini", ".log", ".conf", ".cnf", ".inf", ".dat", ".pdb"};

  /**
   * A path on a drive (segments from {@code from}) that touches a system or server location or
   * a configuration/log file; an ordinary document path ({@code C:\Users\ann\cv.docx}) does not.
   */
  private static boolean windowsSensitive(String s, int[] st, int[] en, int[] ts, int[] te, int count, int from) {
    for (int k = from; k < count; k++) {
      for (String w : WINDOWS_DIRS) {
        if (segmentIs(s, ts[k], te[k], w)) {
          return true;
        }
      }
    }
    String last = s.substring(st[count - 1], en[count - 1]).strip();
    if (last.endsWith("_log")) {
      return true;
    }
    for (String e : WINDOWS_EXTS) {
      if (last.endsWith(e)) {
        return true;
      }
    }
    return false;
  }

  /** A drive segment such as {@code c:}, possibly preceded by spaces. */
  private static boolean drive(String s, int a, int b) {
    while (a < b && s.charAt(a) == ' ') {
      a++;
    }
    return b - a == 2 && s.charAt(a) >= 'a' && s.charAt(a) <= 'z' && s.charAt(a + 1) == ':';
  }

  private static boolean hiddenAtRoot(String s, int a, int b) {
    return b - a >= 2 && s.charAt(a) == '.' && s.charAt(a + 1) != '.'
        && !s.startsWith(".well-known", a) && s.charAt(b - 1) != ' ';
  }

  private static boolean matches(int[] st, int[] en, int[] ts, int[] te, String s, int count, int k, String[] e) {
    if (k + e.length > count) {
      return false;
    }
    for (int m = 0; m < e.length; m++) {
      if (e[m].equals("*")) {
        if (en[k + m] == st[k + m]) {
          return false;
        }
        continue;
      }
      if (!segmentIs(s, ts[k + m], te[k + m], e[m])) {
        return false;
      }
    }
    return true;
  }

  /** The trimmed segment {@code [a, b)} (see {@link #trim}) equals {@code word}. */
  private static boolean segmentIs(String s, int a, int b, String word) {
    return b - a == word.length() && s.startsWith(word, a);
  }

  /**
   * The end of segment {@code s[a, b)} as {@link #trim} cuts it: before the first {@code ;} or
   * {@code ?} (a path parameter or query), then without trailing blanks and NULs; at least
   * {@code a}.
   */
  private static int trimmedEnd(String s, int a, int b) {
    for (int m = a; m < b; m++) {
      char c = s.charAt(m);
      if (c == ';' || c == '?') {
        b = m;
        break;
      }
    }
    while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\0')) {
      b--;
    }
    return b;
  }

  /**
   * The part of segment {@code [a, b)} compared with names, into {@code ts[k]}/{@code te[k]}:
   * without NUL/space padding and without a trailing {@code ;...} or {@code ?...}.
   */
  private static void trim(String s, int a, int b, int[] ts, int[] te, int k) {
    while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\0')) {
      a++;
    }
    b = trimmedEnd(s, a, b);
    ts[k] = a;
    te[k] = b;
  }

  // ---- loose pairs ----

  private static Hit loose(String s) {
    Hit h = pairs(s, "etc", ETC_FILES);
    if (h != null) {
      return h;
    }
    // Every Windows pair starts with "windows", "winnt" or "system32".
    for (String[] p : s.contains("win") || s.contains("system32") ? WINDOWS_PAIRS : NO_ENTRIES) {
      h = pairs(s, p[0], new String[] {p[1]});
      if (h != null) {
        return h;
      }
    }
    for (String w : new String[] {"boot.ini", "win.ini"}) {
      int i = s.indexOf(w);
      while (i >= 0) {
        int end = i + w.length();
        if ((i == 0 || !PathScanner.isAlnum(s.charAt(i - 1)) || hasJunkBefore(s, i))
            && (end == s.length() || !PathScanner.isAlnum(s.charAt(end)))) {
          return new Hit("sensitive-file", i, end);
        }
        i = s.indexOf(w, i + 1);
      }
    }
    return null;
  }

  /** A letter right before the name may belong to evasion junk ({@code %bg%qfboot.ini}). */
  private static boolean hasJunkBefore(String s, int i) {
    for (int k = i - 1; k >= 0 && i - k <= 4; k--) {
      char c = s.charAt(k);
      if (c == '%' || c >= 0x80) {
        return true;
      }
      if (c <= ' ') {
        return false;
      }
    }
    return false;
  }

  private static Hit pairs(String s, String first, String[] seconds) {
    int i = s.indexOf(first);
    int guard = 0;
    while (i >= 0 && guard++ < 1024) {
      int g0 = i + first.length();
      for (int g = g0 + 1; g <= g0 + PathScanner.MAX_GAP && g < s.length(); g++) {
        char c = s.charAt(g - 1);
        if (c <= ' ') {
          break;
        }
        if (!junkGap(s, g0, g)) {
          continue;
        }
        for (String w : seconds) {
          int end = g + w.length();
          if (s.startsWith(w, g) && (end == s.length() || !PathScanner.isAlnum(s.charAt(end)))) {
            return new Hit("sensitive-file", i, end);
          }
        }
      }
      i = s.indexOf(first, i + 1);
    }
    return null;
  }

  /** A gap that can stand for a separator: not only letters (so prose words never qualify). */
  private static boolean junkGap(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (!(c >= 'a' && c <= 'z')) {
        return true;
      }
    }
    return false;
  }
}
