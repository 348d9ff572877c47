package dev.warden.detect.cmdi;

/**
 * The command-word table. Tiers say how much context a word needs before it counts:
 * <ul>
 *   <li>{@link #UNMISTAKABLE}: names that are not English words and rarely appear in prose
 *       ({@code whoami}, {@code ifconfig}, {@code ansible-vault}); enough on their own.</li>
 *   <li>{@link #PROGRAM}: program names that also occur in technical prose ({@code curl},
 *       {@code python}, {@code bash}); need a command position and shell-like arguments.</li>
 *   <li>{@link #WORD}: English words that are also commands ({@code cat}, {@code time},
 *       {@code id}, {@code type}); need a command position plus shell-like arguments, or a
 *       separator before them.</li>
 * </ul>
 * Windows names are matched case-insensitively like the rest (the lexer lower-cases).
 */
final class Commands {

  static final int NONE = 0;
  static final int UNMISTAKABLE = 1;
  static final int PROGRAM = 2;
  static final int WORD = 3;

  /**
   * The table, open-addressed by the words' {@link String#hashCode} so that a word of the input
   * is looked up by index, without copying or lower-casing it ({@link #lookup}). Power of two,
   * about three times the number of words: probes are short.
   */
  private static final int SLOTS = 1024;
  private static final String[] KEYS = new String[SLOTS];
  private static final byte[] TIERS = new byte[SLOTS];

  private static final String[] T1 = {
    "whoami", "ifconfig", "ipconfig", "systeminfo", "netstat", "nslookup", "uname", "visudo",
    "phpinfo()", "busybox", "nohup", "strace", "ltrace", "tasklist", "taskkill", "wmic", "certutil",
    "bitsadmin", "powershell", "pwsh", "iex", "iwmi", "iwr", "invoke-webrequest",
    "invoke-expression", "invoke-wmimethod", "start-process", "new-object", "lastlog",
    "lastlogin", "getent", "useradd", "adduser", "userdel", "usermod", "passwd", "chpasswd",
    "sudo", "crontab", "chmod", "chown", "chgrp", "ncat", "netcat", "socat", "telnet", "tcpdump",
    "nmap", "lwp-download", "lwp-request", "lwp-mirror", "tftp",
    "ansible-config", "ansible-console", "ansible-doc", "ansible-galaxy",
    "ansible-inventory", "ansible-playbook", "ansible-pull", "ansible-vault", "chef-client",
    "chef-shell", "chef-vault", "chef-run", "chef-solo", "cscli", "pip3", "pipx", "gcc", "g++",
    "c99", "c89", "bsdtar", "gunzip", "base32", "base64", "xxd", "hexdump", "printenv", "sysinfo",
    "hostname", "ifup", "ifdown", "iptables", "systemctl", "poweroff", "killall", "pkill", "dmesg",
    "mkfifo", "mknod",
    "setsid", "flock", "aa-disable", "aa-exec", "apt-get", "aptitude", "dpkg", "rpm", "yum",
    "bcdboot", "bcdedit", "vssadmin", "schtasks", "icacls", "cacls", "regsvr32", "rundll32",
    "mshta", "cscript", "wscript", "msiexec", "net1", "nbtstat", "traceroute",
    "tracert", "netsh", "whois", "scp", "sftp", "rsync", "uptime",
  };

  private static final String[] T2 = {
    "python", "python2", "python3", "perl", "ruby", "php", "node", "lua", "java", "ping", "vi",
    "vim", "ex", "nano", "ed", "awk", "gawk", "sed", "grep", "egrep", "xargs", "env", "exec",
    "eval", "tee", "dd", "tar", "zip", "unzip", "gzip", "zcat", "bzip2", "openssl", "mail",
    "sendmail", "cmd", "cmd.exe", "git", "docker", "kubectl", "aws", "npm", "pip", "rm", "cp",
    "mv", "mkdir", "rmdir", "ln", "touch", "chroot", "ps", "kill", "df", "du", "free", "id",
    "who", "last", "ansible", "ip", "alias", "unset", "export", "printf", "comm", "fold", "diff", "strings",
    "less", "head", "tail", "nl", "wc", "cut", "tr", "sort", "uniq", "file", "stat", "locate",
    "which", "whereis", "whatis", "ping6", "dir", "net", "reg", "del", "erase", "copy", "move",
    "ren", "attrib", "curl", "wget", "fetch", "host", "route", "dig", "service", "halt", "cc",
    "od", "arp", "rev", "ls", "ll", "pwd", "sh", "nc", "bash", "ftp", "ssh", "shutdown", "reboot",
    "zsh", "ksh", "csh", "tcsh", "dash", "findstr", "tree", "ver", "vol", "wc", "top", "htop", "rc", "mount",
  };

  private static final String[] T3 = {
    "cat", "echo", "sleep", "time", "find", "type", "set", "date", "more", "test", "cd", "man",
    "watch", "read", "source", "command", "start", "call",
  };

  /** Words that run the next word as a command ({@code nohup id}, {@code time whoami}). */
  private static final String[] WRAPPERS = {
    "nohup", "time", "sudo", "strace", "ltrace", "which", "env", "exec", "xargs", "nice",
    "timeout", "busybox", "command", "setsid", "flock", "watch", "stdbuf", "chroot", "start", "call",
  };

  static {
    // Later tiers overwrite earlier ones: a word in T1 and T2 is unmistakable.
    for (String c : T3) {
      put(c, WORD);
    }
    for (String c : T2) {
      put(c, PROGRAM);
    }
    for (String c : T1) {
      put(c, UNMISTAKABLE);
    }
  }

  private static void put(String word, int tier) {
    int k = slot(word.hashCode());
    while (KEYS[k] != null && !KEYS[k].equals(word)) {
      k = (k + 1) & (SLOTS - 1);
    }
    KEYS[k] = word;
    TIERS[k] = (byte) tier;
  }

  private static int slot(int h) {
    return (h ^ (h >>> 16)) & (SLOTS - 1);
  }

  /**
   * The tier of the table word equal to {@code s[a, b)} lower-cased (ASCII), or {@link #NONE}.
   * The words are ASCII lower case, so a character is compared after {@link #lower}.
   */
  private static int lookup(String s, int a, int b) {
    int len = b - a;
    for (int k = slot(hash(s, a, b)); KEYS[k] != null; k = (k + 1) & (SLOTS - 1)) {
      String w = KEYS[k];
      if (w.length() == len && sameLower(s, a, w)) {
        return TIERS[k];
      }
    }
    return NONE;
  }

  /** {@code s[a, a + w.length())} lower-cased (ASCII) equals {@code w}. */
  private static boolean sameLower(String s, int a, String w) {
    for (int k = 0; k < w.length(); k++) {
      if (lower(s.charAt(a + k)) != w.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Bit filters of the hash codes of every table word, and of every prefix of one, so a
   * pre-filter can rule out a word of the input (or a glob's literal start) without copying or
   * lower-casing it ({@link #isCommand}).
   */
  private static final long[] WORDS = new long[256];
  private static final long[] PREFIXES = new long[256];

  static {
    for (String c : KEYS) {
      if (c == null) {
        continue;
      }
      // String.hashCode of each prefix c[0, k), built up character by character instead of
      // from a substring per prefix: class initialisation runs interpreted at cold start.
      int h = 0;
      for (int k = 0; k < c.length(); k++) {
        h = 31 * h + c.charAt(k);
        set(PREFIXES, h);
      }
      set(WORDS, h);
    }
  }

  /** The table's words (a copy), for tests of what the pre-filter assumes about them. */
  static String[] words() {
    String[] all = new String[T1.length + T2.length + T3.length];
    System.arraycopy(T1, 0, all, 0, T1.length);
    System.arraycopy(T2, 0, all, T1.length, T2.length);
    System.arraycopy(T3, 0, all, T1.length + T2.length, T3.length);
    return all;
  }

  /** Two bits per hash (a Bloom filter), taken from a multiplicative mix of it. */
  private static void set(long[] bits, int h) {
    long m = h * 0x9E3779B97F4A7C15L;
    int a = (int) (m >>> 50);
    int b = (int) (m >>> 36) & 0x3FFF;
    bits[a >>> 6] |= 1L << a;
    bits[b >>> 6] |= 1L << b;
  }

  private static boolean has(long[] bits, int h) {
    long m = h * 0x9E3779B97F4A7C15L;
    int a = (int) (m >>> 50);
    int b = (int) (m >>> 36) & 0x3FFF;
    return (bits[a >>> 6] & (1L << a)) != 0 && (bits[b >>> 6] & (1L << b)) != 0;
  }

  private Commands() {
  }

  /**
   * Whether {@link #tier} of {@code s[from, to)} lower-cased (ASCII, as the lexer does) is not
   * {@link #NONE}. Most words are ruled out without a copy: the same stripping as {@code tier}
   * (leading {@code ! @ .}, {@code .exe}, version suffix) is done by index and the hash of what
   * is left tested against the table's; only words that pass, or that hold wildcards
   * ({@code ?}, {@code *}, globbed by {@code tier}), are copied and looked up.
   */
  static boolean isCommand(String s, int from, int to) {
    return commandTier(s, from, to) != NONE;
  }

  /**
   * {@link #tier} of {@code s[from, to)} lower-cased (ASCII), found as {@link #isCommand}
   * finds whether it is one: most words are ruled out by hash without a table look-up.
   */
  static int commandTier(String s, int from, int to) {
    if (to - from == 0 || to - from > 40) {
      return NONE;
    }
    int b = to;
    if (b - from >= 4 && s.charAt(b - 4) == '.' && lower(s.charAt(b - 3)) == 'e'
        && lower(s.charAt(b - 2)) == 'x' && lower(s.charAt(b - 1)) == 'e') {
      b -= 4;
    }
    int a = from;
    while (a < b && (s.charAt(a) == '!' || s.charAt(a) == '@' || (s.charAt(a) == '.' && b - a > 1))) {
      a++;
    }
    // One pass: the hash of s[a, b), and of s[a, v) where v ends the word before a version
    // suffix of digits and dots; a wildcard ends the pass.
    int h = 0;
    int hv = 0;
    int v = a;
    for (int k = a; k < b; k++) {
      char c = s.charAt(k);
      if (c == '?' || c == '*') {
        // A glob ("ca?", "cart?step=2" in a URL) can only match a table word that starts with
        // its literal part (hashed in h), and is at least 3 long; the rare ones that can are
        // globbed by tier.
        return k == a ? b - a >= 3 ? tier(s, from, to) : NONE : has(PREFIXES, h) ? tier(s, from, to) : NONE;
      }
      h = 31 * h + lower(c);
      if ((c < '0' || c > '9') && c != '.') {
        v = k + 1;
        hv = h;
      }
    }
    if (!has(WORDS, h) && !(v - a > 1 && v < b && s.charAt(v) != '.' && has(WORDS, hv))) {
      return NONE; // the common case, decided without a copy
    }
    // The filter has false positives: confirm with the table.
    return tier(s, from, to);
  }

  /**
   * False when no table word has hash code {@code h}: a word of the input whose lower case
   * hashes to it, with nothing for {@link #tier} to strip, is then no command.
   */
  static boolean mayBeWord(int h) {
    return has(WORDS, h);
  }

  /** The hash code of {@code s[a, b)} lower-cased (ASCII), as {@link String#hashCode} computes it. */
  private static int hash(String s, int a, int b) {
    int h = 0;
    for (int k = a; k < b; k++) {
      h = 31 * h + lower(s.charAt(k));
    }
    return h;
  }

  private static String lowerCopy(String s, int from, int to) {
    char[] c = new char[to - from];
    for (int k = 0; k < c.length; k++) {
      c[k] = lower(s.charAt(from + k));
    }
    return new String(c);
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /**
   * Tier of a command name (already stripped of its directory; lower case, as the lexer gives
   * it: ASCII upper case reads as lower), glob patterns allowed. A
   * version suffix is ignored ({@code gcc7.4}, {@code python3.11}), as is a leading {@code !},
   * {@code .} or {@code @} ({@code \!whoami} in vi, {@code @echo} in batch files).
   */
  static int tier(String name) {
    return tier(name, 0, name.length());
  }

  /**
   * {@link #tier(String)} of {@code s[from, to)} lower-cased (ASCII, as the lexer does), found
   * by index in the table: no copy, unless the word holds a wildcard to glob. Used by the
   * pre-filter on words of the input and by the analyser on the lexer's (lower-case) words.
   */
  static int tier(String s, int from, int to) {
    int len = to - from;
    if (len == 0 || len > 40 || hasScheme(s, from, to)) {
      return NONE;
    }
    int b = to;
    if (len >= 4 && s.charAt(b - 4) == '.' && lower(s.charAt(b - 3)) == 'e'
        && lower(s.charAt(b - 2)) == 'x' && lower(s.charAt(b - 1)) == 'e') {
      b -= 4;
    }
    int a = from;
    while (a < b && (s.charAt(a) == '!' || s.charAt(a) == '@' || (s.charAt(a) == '.' && b - a > 1))) {
      a++;
    }
    int t = lookup(s, a, b);
    if (t != NONE) {
      return t;
    }
    int v = b;
    while (v > a && ((s.charAt(v - 1) >= '0' && s.charAt(v - 1) <= '9') || s.charAt(v - 1) == '.')) {
      v--;
    }
    if (v - a > 1 && v < b && s.charAt(v) != '.') {
      t = lookup(s, a, v);
      if (t != NONE) {
        return t;
      }
    }
    for (int k = a; k < b; k++) {
      if (s.charAt(k) == '?' || s.charAt(k) == '*') {
        return globTier(lowerCopy(s, a, b));
      }
    }
    return NONE;
  }

  /** Whether {@code s[from, to)} holds {@code ://}. */
  private static boolean hasScheme(String s, int from, int to) {
    for (int k = from; k + 3 <= to; k++) {
      if (s.charAt(k) == ':' && s.charAt(k + 1) == '/' && s.charAt(k + 2) == '/') {
        return true;
      }
    }
    return false;
  }

  /** Windows commands whose first argument is a sub-command ({@code net user}, {@code reg add}). */
  private static final String[][] SUBCOMMANDS = {
    {"net", "user", "view", "localgroup", "group", "share", "use", "start", "stop", "session",
        "accounts", "config"},
    {"reg", "add", "query", "delete", "save", "export", "import"},
    {"sc", "create", "config", "start", "stop", "query"},
  };

  static boolean isSubcommand(String cmd, String arg) {
    for (String[] e : SUBCOMMANDS) {
      if (e[0].equals(cmd)) {
        for (int k = 1; k < e.length; k++) {
          if (e[k].equals(arg)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * {@link #isSubcommand(String, String)} of {@code s[cmdFrom, cmdTo)} and
   * {@code s[argFrom, argTo)}, both lower-cased (ASCII), without copying them.
   */
  static boolean isSubcommand(String s, int cmdFrom, int cmdTo, int argFrom, int argTo) {
    for (String[] e : SUBCOMMANDS) {
      if (e[0].length() == cmdTo - cmdFrom && sameLower(s, cmdFrom, e[0])) {
        for (int k = 1; k < e.length; k++) {
          if (e[k].length() == argTo - argFrom && sameLower(s, argFrom, e[k])) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static boolean isWrapper(String name) {
    for (String w : WRAPPERS) {
      if (w.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Best tier among table words a glob such as {@code ca?} or {@code who*} matches. */
  private static int globTier(String pattern) {
    int literals = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c != '?' && c != '*') {
        literals++;
      }
    }
    if (literals < 2 || pattern.length() < 3) {
      return NONE;
    }
    int best = NONE;
    for (int k = 0; k < SLOTS; k++) {
      String w = KEYS[k];
      if (w != null && w.length() >= 3 && glob(pattern, 0, w, 0, 0)) {
        best = best == NONE ? TIERS[k] : Math.min(best, TIERS[k]);
      }
    }
    return best;
  }

  /** Glob match with a recursion cap; patterns are at most 40 chars. */
  private static boolean glob(String p, int pi, String s, int si, int depth) {
    if (depth > 8) {
      return false;
    }
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = si; k <= s.length(); k++) {
          if (glob(p, pi + 1, s, k, depth + 1)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }

  /**
   * {@link #tier} of {@code word}, or of its best alternative when it holds a brace expansion
   * ({@code {,ifconfig}}, {@code c{a,oun}t}).
   */
  static int bestTier(String word) {
    int tier = tier(word);
    int open = word.indexOf('{');
    int close = word.indexOf('}', open + 1);
    if (tier == NONE && open >= 0 && close > open && word.indexOf(',', open) < close) {
      // Brace expansion: "{,ifconfig}", "c{a,oun}t" -> try each alternative.
      String pre = word.substring(0, open);
      String post = word.substring(close + 1);
      String[] alts = word.substring(open + 1, close).split(",", 8);
      for (String a : alts) {
        int t = tier(pre + a + post);
        if (t != NONE && (tier == NONE || t < tier)) {
          tier = t;
        }
      }
    }
    return tier;
  }

  /** A dotted quad of digits ({@code 10.0.0.1}), as a shell argument an address. */
  static boolean ipv4(String w) {
    return ipv4(w, 0, w.length());
  }

  /** {@link #ipv4(String)} of {@code s[from, to)}. */
  static boolean ipv4(String w, int from, int to) {
    int dots = 0;
    for (int k = from; k < to; k++) {
      char c = w.charAt(k);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots == 3;
  }
}
