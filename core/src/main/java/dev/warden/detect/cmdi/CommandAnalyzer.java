package dev.warden.detect.cmdi;

import dev.warden.detect.cmdi.ShellLexer.Kind;
import dev.warden.detect.cmdi.ShellLexer.Tok;
import java.util.ArrayList;
import java.util.List;

/** Context analysis over {@link ShellLexer} tokens; pure functions. */
final class CommandAnalyzer {

  record Hit(String rule, int start, int end) {}

  /** Where a word sits. */
  private enum Pos { NONE, START, QUOTE, SEP, PIPE, SUBST }

  /** What follows a command word up to the next separator. */
  private enum Args { ALONE, SHELL, PROSE }

  private static final String[] EXEC_CALLS = {
    "system", "exec", "passthru", "shell_exec", "popen", "proc_open", "pcntl_exec", "eval",
    "assert", "subprocess.call", "subprocess.popen", "subprocess.run", "os.system", "os.popen",
    "runtime.getruntime().exec",
  };

  private CommandAnalyzer() {
  }

  static Hit analyze(String s) {
    Hit h = rawShapes(s);
    if (h != null) {
      return h;
    }
    List<Tok> all = ShellLexer.lex(s);
    List<Tok> toks = new ArrayList<>(all.size());
    for (Tok t : all) {
      if (t.kind() != Kind.WORD || !t.word().isEmpty()) {
        toks.add(t);
      }
    }
    int firstOperator = toks.size();
    for (int i = 0; i < toks.size(); i++) {
      Kind k = toks.get(i).kind();
      if (k == Kind.SEP || k == Kind.PIPE || k == Kind.SUBST) {
        firstOperator = i;
        break;
      }
    }
    for (int i = 0; i < toks.size(); i++) {
      Tok t = toks.get(i);
      if (t.kind() == Kind.FUNC) {
        // "() { :; };" (CVE-2014-6271) or a named function such as the fork bomb ":(){ :|:& };:".
        return new Hit(i == 0 ? "shellshock" : "shell-function", t.start(), Math.min(s.length(), t.end() + 8));
      }
      if (t.kind() != Kind.WORD) {
        continue;
      }
      if (globCommand(t.word())) {
        return new Hit("bare-command", t.start(), t.end());
      }
      Pos pos = position(s, toks, i);
      if (pos == Pos.NONE) {
        int tr = Commands.tier(basename(t.word()));
        if (firstOperator < i && (tr == Commands.UNMISTAKABLE
            || (tr == Commands.PROGRAM && i + 1 < toks.size() && strongArg(toks, i)))) {
          // "1;.sh whoami", "vim -c \\!whoami": an unmistakable command after shell syntax.
          return new Hit("command-chain", t.start(), t.end());
        }
        continue;
      }
      h = windows(s, toks, i);
      if (h == null) {
        h = command(s, toks, i, pos, 0);
      }
      if (h != null) {
        return h;
      }
    }
    return null;
  }

  /**
   * Shapes recognised on the raw text: SSI exec, calls of exec-like functions, legacy arithmetic
   * expansion {@code $[2+2]}, and a value made only of history / tilde expansions
   * ({@code !-1!-2}, {@code ~+}) that probe whether the shell evaluates input.
   */
  private static Hit rawShapes(String s) {
    int arith = s.indexOf("$[");
    if (arith >= 0) {
      int k = arith + 2;
      while (k < s.length() && k - arith < 32 && "0123456789+-*/%() ".indexOf(s.charAt(k)) >= 0) {
        k++;
      }
      if (k > arith + 2 && k < s.length() && s.charAt(k) == ']') {
        return new Hit("command-substitution", arith, k + 1);
      }
    }
    if (expansionsOnly(s.strip())) {
      return new Hit("bare-command", 0, s.length());
    }
    int i = indexOfIgnoreCase(s, "<!--#exec", 0);
    if (i >= 0) {
      return new Hit("exec-call", i, Math.min(s.length(), i + 20));
    }
    int p = s.indexOf('(');
    int guard = 0;
    while (p > 0 && guard++ < 256) {
      int a = p;
      while (a > 0 && p - a < 40 && CommandPrefilter.isIdent(s.charAt(a - 1))) {
        a--;
      }
      String name = s.substring(a, p).toLowerCase(java.util.Locale.ROOT);
      int q = p + 1;
      while (q < s.length() && q - p < 8 && s.charAt(q) == ' ') {
        q++;
      }
      if (q < s.length() && (a == 0 || !CommandPrefilter.isIdent(s.charAt(a - 1)))) {
        char c = s.charAt(q);
        boolean arg = c == '\'' || c == '"' || c == '`' || c == '$';
        for (String e : EXEC_CALLS) {
          if (e.equals(name) && arg) {
            return new Hit("exec-call", a, Math.min(s.length(), q + 16));
          }
        }
        if (name.equals("phpinfo") && c == ')') {
          return new Hit("exec-call", a, q + 1);
        }
      }
      p = s.indexOf('(', p + 1);
    }
    return null;
  }

  /** {@code !-1!-2}, {@code !-3}, {@code ~+}, {@code ~-1}: nothing but expansion syntax. */
  private static boolean expansionsOnly(String t) {
    if (t.length() >= 2 && t.length() <= 8 && t.charAt(0) == '~'
        && (t.charAt(1) == '+' || t.charAt(1) == '-')) {
      for (int k = 2; k < t.length(); k++) {
        if (t.charAt(k) < '0' || t.charAt(k) > '9') {
          return false;
        }
      }
      return true; // ~+ ~- ~-1: directory-stack expansions
    }
    if (t.length() < 3 || t.length() > 32) {
      return false;
    }
    int i = 0;
    while (i < t.length()) {
      if (t.charAt(i) != '!') {
        return false;
      }
      int k = i + 1;
      if (k < t.length() && t.charAt(k) == '-') {
        k++;
      }
      int digits = k;
      while (k < t.length() && t.charAt(k) >= '0' && t.charAt(k) <= '9') {
        k++;
      }
      if (k == digits) {
        return false;
      }
      i = k;
    }
    return true;
  }

  /** {@code needle} starts with a character no other character case-folds to (here '<'). */
  private static int indexOfIgnoreCase(String s, String needle, int from) {
    for (int i = s.indexOf(needle.charAt(0), from); i >= 0 && i + needle.length() <= s.length();
        i = s.indexOf(needle.charAt(0), i + 1)) {
      if (s.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }

  private static Pos position(String s, List<Tok> toks, int i) {
    if (i == 0) {
      return Pos.START;
    }
    Tok prev = toks.get(i - 1);
    switch (prev.kind()) {
      case SEP:
        return Pos.SEP;
      case PIPE:
        return Pos.PIPE;
      case SUBST:
        return Pos.SUBST;
      case LPAREN:
      case LBRACE:
        return i == 1 ? Pos.START : Pos.NONE;
      case QUOTE:
        // Only a quote that opens the value (or follows another break, or an assignment such as
        // probe="...") closes a string.
        for (int k = i - 2; k >= 0; k--) {
          Kind kk = toks.get(k).kind();
          if (kk == Kind.WORD) {
            return toks.get(k).word().endsWith("=") ? Pos.QUOTE : Pos.NONE;
          }
          if (kk != Kind.QUOTE && kk != Kind.CLOSE) {
            break;
          }
        }
        return Pos.QUOTE;
      default:
        return Pos.NONE;
    }
  }

  /**
   * Evaluates the word at {@code i} as a command. {@code depth} counts wrappers already passed
   * ({@code nohup time id}); capped.
   */
  private static Hit command(String s, List<Tok> toks, int i, Pos pos, int depth) {
    Tok t = toks.get(i);
    String word = t.word();
    if (word.contains("://")) {
      return null; // a URL, not a command
    }
    int eq = word.indexOf('=');
    if (pos == Pos.START && eq > 0 && eq < word.length() - 1 && isName(word, eq)) {
      // "code=ansible-console": a form field whose value is the command line.
      word = word.substring(eq + 1);
    }
    if (word.length() > 1 && word.charAt(0) == '$' && isName(word.substring(1), word.length() - 1)
        && depth < 3 && i + 1 < toks.size() && toks.get(i + 1).kind() == Kind.WORD) {
      // "|$u wget x": an unset variable in command position is transparent, and itself a trick.
      Hit inner = command(s, toks, i + 1, pos, depth + 1);
      if (inner != null) {
        return inner;
      }
      Tok next = toks.get(i + 1);
      boolean flag = next.word().length() >= 2 && next.word().charAt(0) == '-'
          && Character.isLetter(next.word().charAt(1));
      boolean nextIsCommand = Commands.bestTier(basename(next.word())) != Commands.NONE;
      if (pos != Pos.START && (flag || nextIsCommand)) {
        // "a=nc&&$a -nlvp 555": a variable run as the command with options.
        return new Hit(pos == Pos.SUBST ? "command-substitution" : "command-chain", t.start(), next.end());
      }
      return null;
    }
    if (word.length() <= 2 && hasUpper(s, t)) {
      return null; // short Unix commands are lower case; "ID", "CC" are prose or data
    }
    boolean pathQualified = false;
    int slash = word.lastIndexOf('/');
    if (slash >= 0 && slash < word.length() - 1) {
      String dir = word.substring(0, slash + 1);
      if (!dir.endsWith("bin/") && !t.obfuscated()) {
        // "/etc/passwd" names a file, not a program; programs live in */bin/. An obfuscated
        // path ("/etc/pas[s]wd", "c$@at+/et$@c/...") is shell syntax either way.
        return null;
      }
      pathQualified = true;
      word = word.substring(slash + 1);
    }
    int tier = Commands.bestTier(word);
    int glued = word.indexOf('/');
    if (tier == Commands.NONE && glued > 1) {
      // "bcdboot/r": a Windows switch glued to the command name.
      word = word.substring(0, glued);
      tier = Commands.tier(word);
    }
    if (tier == Commands.NONE) {
      return null;
    }
    boolean disguised = t.obfuscated() || (Commands.tier(word) == Commands.NONE);
    if (Commands.isWrapper(word) && depth < 3 && i + 1 < toks.size()
        && toks.get(i + 1).kind() == Kind.WORD) {
      Hit inner = command(s, toks, i + 1, pos == Pos.START ? Pos.QUOTE : pos, depth + 1);
      if (inner != null) {
        return new Hit(inner.rule(), t.start(), inner.end());
      }
    }
    Args args = args(s, toks, i, word);
    boolean backtick = pos == Pos.SUBST && s.charAt(toks.get(i - 1).start()) == '`';
    boolean fire;
    if (disguised) {
      fire = true; // quoting tricks or brace expansion around a command name: no prose does that
    } else if (pos == Pos.SUBST && !backtick) {
      fire = true; // "$(", "<(", ">(" only ever open a command
    } else if (backtick && args == Args.ALONE && i >= 2 && toks.get(i - 2).kind() == Kind.WORD
        && toks.get(i - 2).end() < toks.get(i - 1).start()) {
      fire = false; // markdown inline code: "the `git` CLI"
    } else if (pathQualified && pos != Pos.START) {
      fire = true;
    } else if (pathQualified) {
      fire = args != Args.PROSE || tier == Commands.UNMISTAKABLE;
    } else {
      fire = switch (tier) {
        case Commands.UNMISTAKABLE -> pos != Pos.START || args != Args.PROSE || words(toks) <= 4;
        case Commands.PROGRAM -> pos != Pos.START ? args != Args.PROSE
            : (args == Args.SHELL && strongArg(toks, i)) || (args == Args.ALONE && endsWithBreak(s));
        default -> switch (pos) {
          case PIPE, SUBST -> args != Args.PROSE;
          case SEP, QUOTE -> args != Args.PROSE && !tableCell(s, toks, i);
          default -> (args == Args.SHELL && strongArg(toks, i))
              || (i + 2 == toks.size() && isNumber(toks.get(i + 1))); // "sleep 5"
        };
      };
    }
    if (fire && pos == Pos.PIPE && tableCell(s, toks, i)) {
      fire = false;
    }
    if (!fire) {
      return null;
    }
    String rule = switch (pos) {
      case SUBST -> "command-substitution";
      case START -> "bare-command";
      default -> "command-chain";
    };
    int start = i > 0 && pos != Pos.START ? toks.get(i - 1).start() : t.start();
    int end = i + 1 < toks.size() ? toks.get(i + 1).end() : t.end();
    return new Hit(rule, start, Math.max(end, t.end()));
  }

  private static boolean isName(String w, int end) {
    if (end <= 0) {
      return false;
    }
    for (int k = 0; k < end; k++) {
      char c = w.charAt(k);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasUpper(String s, Tok t) {
    for (int k = t.start(); k < t.end(); k++) {
      char c = s.charAt(k);
      if (c >= 'A' && c <= 'Z') {
        return true;
      }
    }
    return false;
  }

  private static boolean endsWithBreak(String s) {
    int k = s.length() - 1;
    while (k >= 0 && s.charAt(k) == ' ') {
      k--;
    }
    return k >= 0 && (s.charAt(k) == '\n' || s.charAt(k) == ';');
  }

  private static String basename(String w) {
    int slash = w.lastIndexOf('/');
    return slash >= 0 && slash < w.length() - 1 ? w.substring(slash + 1) : w;
  }

  /** {@code /???/??t}: a path spelled with wildcards only, the classic filter bypass. */
  private static boolean globCommand(String w) {
    if (w.length() < 5 || w.charAt(0) != '/') {
      return false;
    }
    int wild = 0;
    int letters = 0;
    for (int k = 0; k < w.length(); k++) {
      char c = w.charAt(k);
      if (c == '?' || c == '*') {
        wild++;
      } else if (c != '/') {
        letters++;
      }
    }
    return wild >= 3 && letters <= 2 && w.indexOf('/', 1) > 0;
  }

  private static int words(List<Tok> toks) {
    int n = 0;
    for (Tok t : toks) {
      if (t.kind() == Kind.WORD && ++n > 8) {
        break;
      }
    }
    return n;
  }

  /** Markdown table cell {@code | type |}: blanks around the word and pipes on both sides. */
  private static boolean tableCell(String s, List<Tok> toks, int i) {
    if (i == 0 || i + 1 >= toks.size()) {
      return false;
    }
    Tok prev = toks.get(i - 1);
    Tok next = toks.get(i + 1);
    Tok t = toks.get(i);
    return prev.kind() == Kind.PIPE && prev.end() - prev.start() == 1
        && next.kind() == Kind.PIPE && next.end() - next.start() == 1
        && t.start() > prev.end() && next.start() > t.end();
  }

  private static Args args(String s, List<Tok> toks, int i, String cmd) {
    if (i + 1 >= toks.size()) {
      return Args.ALONE;
    }
    Tok n = toks.get(i + 1);
    switch (n.kind()) {
      case SEP:
      case PIPE:
      case CLOSE:
        return Args.ALONE;
      case REDIR:
      case SUBST:
      case QUOTE:
        return Args.SHELL;
      case LPAREN:
        return Args.ALONE;
      case WORD:
        if (shellArg(s, n) || Commands.isSubcommand(cmd, n.word())) {
          return Args.SHELL;
        }
        // "ansible all -m ping": a flag a few words later still makes a command line.
        for (int k = i + 2; k < toks.size() && k <= i + 4 && toks.get(k).kind() == Kind.WORD; k++) {
          String w = toks.get(k).word();
          if (w.length() >= 2 && w.charAt(0) == '-' && Character.isLetter(w.charAt(1))
              && i > 0 && toks.get(i - 1).kind() != Kind.QUOTE) {
            return Args.SHELL;
          }
        }
        return Args.PROSE;
      default:
        return Args.PROSE;
    }
  }

  /** For ordinary words at the start: a flag, absolute path, URL, drive or redirection. */
  private static boolean strongArg(List<Tok> toks, int i) {
    Tok n = toks.get(i + 1);
    if (n.kind() == Kind.REDIR || n.kind() == Kind.SUBST) {
      return true;
    }
    if (n.kind() != Kind.WORD) {
      return false;
    }
    String w = n.word();
    if (Commands.isSubcommand(basename(toks.get(i).word()), w)) {
      return true;
    }
    if (w.length() >= 2 && (w.charAt(0) == '-' || w.charAt(0) == '/')
        && (Character.isLetterOrDigit(w.charAt(1)) || w.startsWith("--"))) {
      return true;
    }
    return w.startsWith("/") || w.startsWith("~/") || w.contains("://") || drive(w)
        || w.contains("=/") || Commands.ipv4(w)
        || (w.startsWith("%") && w.indexOf('%', 1) > 1) || Commands.bestTier(w) == Commands.UNMISTAKABLE;
  }

  private static boolean shellArg(String s, Tok n) {
    String w = n.word();
    if (w.isEmpty()) {
      return false;
    }
    char c = w.charAt(0);
    if ((c == '-' || c == '+' || c == '/') && w.length() >= 2
        && (Character.isLetterOrDigit(w.charAt(1)) || w.startsWith("--"))) {
      return true;
    }
    if (c == '/' || c == '~' || c == '$' || w.startsWith("./") || w.contains("://") || drive(w)
        || w.contains("=/")
        || (c == '%' && w.indexOf('%', 1) > 1)) {
      return true;
    }
    boolean numeric = true;
    for (int k = 0; k < w.length(); k++) {
      char x = w.charAt(k);
      if (!(x >= '0' && x <= '9') && x != '.') {
        numeric = false;
        break;
      }
    }
    if (numeric) {
      return true;
    }
    char raw = s.charAt(n.start());
    if (raw == '\'' || raw == '"') {
      return true;
    }
    int tier = Commands.bestTier(w);
    if (tier == Commands.UNMISTAKABLE || tier == Commands.PROGRAM) {
      return true;
    }
    int eq = w.indexOf('=');
    // "alias a=curl", "x=nc": a name bound to a command.
    return eq > 0 && eq < w.length() - 1 && Commands.tier(basename(w.substring(eq + 1))) != Commands.NONE
        && Commands.tier(basename(w.substring(eq + 1))) != Commands.WORD;
  }

  private static boolean drive(String w) {
    return w.length() >= 2 && w.charAt(1) == ':' && w.charAt(0) >= 'a' && w.charAt(0) <= 'z';
  }

  // ---- Windows ----

  private static final String[] COMPARISONS = {"==", "equ", "neq", "lss", "leq", "gtr", "geq"};

  private static Hit windows(String s, List<Tok> toks, int i) {
    String w = toks.get(i).word();
    int n = toks.size();
    if (w.equals("cmd") || w.equals("cmd.exe")) {
      if (i + 1 < n && toks.get(i + 1).kind() == Kind.WORD) {
        String a = toks.get(i + 1).word();
        if (a.equals("/c") || a.equals("/k") || a.equals("/r")) {
          return new Hit("windows-command", toks.get(i).start(), toks.get(i + 1).end());
        }
      }
    }
    if (w.equals("for")) {
      // FOR [/D|/R|/L|/F ["opts"]] %var IN (set) DO command
      int k = i + 1;
      while (k < n && k - i < 12 && (toks.get(k).kind() == Kind.QUOTE
          || (toks.get(k).kind() == Kind.WORD && !toks.get(k).word().startsWith("%")))) {
        k++;
      }
      if (k < n && k + 1 < n && toks.get(k).kind() == Kind.WORD && toks.get(k).word().startsWith("%")
          && toks.get(k + 1).kind() == Kind.WORD && toks.get(k + 1).word().equals("in")) {
        for (int m = k + 2; m < n && m - k < 64; m++) {
          Tok x = toks.get(m);
          if (x.kind() == Kind.WORD && (x.word().equals("do") || x.word().startsWith("do"))
              && toks.get(m - 1).kind() == Kind.CLOSE) {
            return new Hit("windows-command", toks.get(i).start(), x.end());
          }
        }
      }
    }
    if (w.equals("if")) {
      int k = i + 1;
      while (k < n && k - i < 3 && toks.get(k).kind() == Kind.WORD
          && (toks.get(k).word().equals("/i") || toks.get(k).word().equals("not"))) {
        k++;
      }
      if (k + 1 < n && toks.get(k).kind() == Kind.WORD) {
        String a = toks.get(k).word();
        if ((a.equals("exist") || a.equals("errorlevel") || a.equals("defined"))
            && toks.get(k + 1).kind() == Kind.WORD) {
          return new Hit("windows-command", toks.get(i).start(), toks.get(k + 1).end());
        }
      }
      for (int m = i + 1; m < n && m - i < 8 && toks.get(m).kind() != Kind.SEP; m++) {
        Tok x = toks.get(m);
        if (x.kind() != Kind.WORD) {
          continue;
        }
        for (String c : COMPARISONS) {
          if (c.equals("==") ? x.word().contains("==") : x.word().equals(c)) {
            if (c.equals("==") || hasVarOrQuote(s, toks, i, m) || numericOperands(toks, m)) {
              return new Hit("windows-command", toks.get(i).start(), x.end());
            }
          }
        }
      }
    }
    return null;
  }

  /** A {@code %VAR%}, {@code %1} or quoted operand between the IF and the comparison. */
  private static boolean hasVarOrQuote(String s, List<Tok> toks, int from, int to) {
    for (int k = from + 1; k <= to + 1 && k < toks.size(); k++) {
      Tok t = toks.get(k);
      if (t.kind() == Kind.LPAREN) {
        return true;
      }
      if (t.kind() == Kind.QUOTE) {
        return true;
      }
      if (t.kind() == Kind.WORD) {
        for (int c = t.start(); c < t.end(); c++) {
          char x = s.charAt(c);
          if (x == '%' || x == '"' || x == '[') {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** {@code IF 2 GEQ 15}: numbers on both sides of a comparison keyword. */
  private static boolean numericOperands(List<Tok> toks, int m) {
    return m >= 1 && m + 1 < toks.size() && isNumber(toks.get(m - 1)) && isNumber(toks.get(m + 1));
  }

  private static boolean isNumber(Tok t) {
    if (t.kind() != Kind.WORD || t.word().isEmpty()) {
      return false;
    }
    for (int k = 0; k < t.word().length(); k++) {
      if (t.word().charAt(k) < '0' || t.word().charAt(k) > '9') {
        return false;
      }
    }
    return true;
  }
}
