package dev.warden.detect.cmdi;

/**
 * The sound pre-filter behind {@link CommandInjectionDetector#mayMatch}: false only when
 * {@link CommandAnalyzer#analyze} cannot fire on the value, judged without lexing it. A class of
 * its own so that a cold start loads the analyser (the lexer, the position and argument rules)
 * only when a value gets past the filter. Stateless and thread-safe.
 */
final class CommandPrefilter {

  private CommandPrefilter() {
  }

  /**
   * Whether {@link CommandAnalyzer#analyze} can fire on {@code s}, which must hold only letters,
   * digits, blanks, {@code .}, {@code ,}, {@code -} and {@code _} (the caller checks). Such text
   * lexes into plain words with no operator, substitution, quote or parenthesis, so no raw shape
   * applies, every word but the first has no command position, and the first fires only as a
   * known command (its tier) or as a Windows {@code cmd}, {@code for} or {@code if} line
   * ({@link #mayFire} tells whether the rest can make one). A word alone fires only when
   * unmistakable: with no argument and no trailing {@code ;} or newline, a program or
   * English-word command stays quiet ({@code sort}, {@code zip}, {@code time}).
   */
  static boolean firstWordMayFire(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && s.charAt(i) == ' ') {
      i++;
    }
    int j = i;
    int h = 0; // String.hashCode of the word's lower case, as it is read
    while (j < n) {
      char c = s.charAt(j);
      if (c == ' ') {
        break;
      }
      h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
      j++;
    }
    if (j == i) {
      return false;
    }
    int k = j;
    while (k < n && s.charAt(k) == ' ') {
      k++;
    }
    // The word is ASCII with no brace or wildcard: its tier is bestTier of its lower case, read
    // in place. With no leading '.' and no version or .exe ending for Commands.tier to strip,
    // the hash alone rules most words out, as in mayFire.
    int t = s.charAt(i) != '.' && !suffixed(s, j) && !Commands.mayBeWord(h) ? Commands.NONE
        : Commands.commandTier(s, i, j);
    if (t == Commands.NONE && !isWindowsWord(s, i, j)) {
      return false; // the common case, decided without copying the word
    }
    if (k == n) {
      return t == Commands.UNMISTAKABLE;
    }
    if (isWord(s, i, j, "for") || isWord(s, i, j, "if")) {
      return mayFire(s); // a FOR or IF line needs more than plain words start with: see there
    }
    if (t != Commands.NONE && quietAtStart(s, i, j, t)) {
      return false; // "Call me at nine": an English word or program followed by prose
    }
    return t != Commands.NONE || isWindowsWord(s, i, j); // cmd, cmd.exe
  }

  /**
   * For a table word {@code s[from, to)} of tier {@code t} ({@link Commands#tier} of its lower
   * case) that is exactly the lexer's first word in a start
   * position (the value's first token, or the one after a leading {@code (}), with no quote,
   * {@code $}, backtick, backslash, {@code [} or {@code {} in it: true only when
   * {@code CommandAnalyzer.command} cannot fire on it ("Call me at +44 20 7946 0958"). It ends
   * at a lexer break or the end ({@code to}); then, after blanks, the next token must be a word
   * {@code N} of letters, digits and {@code . , - _} that starts with a letter or digit and ends
   * at a lexer break (so the lexer reads it as exactly that, lower-cased, not obfuscated). Then,
   * with the word's tier a program or an English word (an unmistakable one fires on its own):
   * <ul>
   *   <li>{@code windows} cannot fire: {@code cmd} needs {@code /c}, {@code /k} or {@code /r}
   *       next; {@code for} and {@code if} are no table words;</li>
   *   <li>a wrapper ({@code call}, {@code time}, {@code env}) runs {@code N} as a command only if
   *       {@code N} has a tier: required NONE here, so the inner look returns nothing;</li>
   *   <li>at the start a program fires only with a strong argument after shell-like ones, or
   *       alone before a final separator; an English word only the same way, or as
   *       {@code sleep 5} (two tokens, a number). {@code N} is a word, so neither is alone;
   *       {@code strongArg} reads {@code N} alone: it is no flag, path, URL, drive,
   *       {@code =/} or {@code %VAR%} by its characters, and required here to be no number or
   *       dotted address (not only digits and dots), no table word and no sub-command of
   *       {@code net}/{@code reg}/{@code sc} ({@link Commands#isSubcommand}).</li>
   * </ul>
   * The words after {@code N} have no command position unless an operator comes, which the
   * callers go on to check as before.
   */
  static boolean quietAtStart(String s, int from, int to, int t) {
    int n = s.length();
    if (to < n && !isLexerBreak(s.charAt(to))) {
      return false;
    }
    if (t != Commands.PROGRAM && t != Commands.WORD) {
      return false;
    }
    int j = to;
    while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
      j++;
    }
    if (j == n || !isAsciiAlnum(s.charAt(j))) {
      return false;
    }
    int e = j;
    boolean numeric = true;
    while (e < n && (isAsciiAlnum(s.charAt(e)) || ".,-_".indexOf(s.charAt(e)) >= 0)) {
      char c = s.charAt(e);
      numeric &= c >= '0' && c <= '9' || c == '.';
      e++;
    }
    if (numeric || e < n && !isLexerBreak(s.charAt(e))) {
      return false;
    }
    return Commands.tier(s, j, e) == Commands.NONE && !Commands.isSubcommand(s, from, to, j, e);
  }

  /** {@code cmd}, {@code cmd.exe}, {@code for} or {@code if}, ASCII case ignored; {@code s} is ASCII. */
  private static boolean isWindowsWord(String s, int from, int to) {
    int len = to - from;
    char c = (char) (s.charAt(from) | 0x20); // most words are ruled out by length and first letter
    if (len != 2 && len != 3 && len != 7 || c != 'i' && c != 'f' && c != 'c') {
      return false;
    }
    return len == 2 && s.regionMatches(true, from, "if", 0, 2)
        || len == 3 && (s.regionMatches(true, from, "for", 0, 3) || s.regionMatches(true, from, "cmd", 0, 3))
        || len == 7 && s.regionMatches(true, from, "cmd.exe", 0, 7);
  }

  /**
   * Whether {@link CommandAnalyzer#analyze} can fire on {@code s} (any text, already capped): false only when
   * no rule can. Every rule needs one of these:
   * <ul>
   *   <li>quoting, escaping or expansion ({@code $ ` ' " \\ [ {}}), which can hide a command
   *       name or open a substitution or function; SSI ({@code <});</li>
   *   <li>a value made of history or tilde expansions: it starts with {@code !} or {@code ~};</li>
   *   <li>an exec-like call: a name right before {@code (};</li>
   *   <li>a wildcard path ({@code /???/??t}): three or more {@code ?}/{@code *};</li>
   *   <li>otherwise words are plain substrings, and a command word is a whole run between the
   *       lexer's word breaks, {@code /}, {@code =} (the cuts {@code CommandAnalyzer.command} makes) and
   *       {@code +} (a form blank; only {@code g++} has one: see {@link #isGppChar}), checked
   *       against the table by hash (a plain run that starts with a digit is none: every table
   *       word starts with a letter, and the table strips only {@code . @ !} in front; see
   *       {@code CmdiPrefilterTest.tableWords_allStartWithALetter_asTheDigitRuleAssumes}). A
   *       command word fires only from a command position (the
   *       lexer word holding it is the value's first token, or follows a separator, pipe or
   *       substitution, or a {@code (} that is the first token) or after such an operator
   *       anywhere before it ({@code firstOperator} in {@link CommandAnalyzer#analyze}), and then only if it is
   *       unmistakable, or a program whose next token can be a strong argument
   *       ({@link #mayHaveStrongArg}); at the start, before any operator, a program or English
   *       word only if its next word may make it fire ({@link #quietAtStart}: "Call me at 9");
   *       elsewhere it is an argument ("washable at 30 degrees; dry
   *       flat" names {@code at} before any operator, "size 9; ring at the time of delivery" the
   *       English words {@code at} and {@code time} after one).
   *       The scan tracks both from the lexer's token rules with no quote, {@code $}, backtick,
   *       {@code <} or {@code \} present (each of those answered "maybe" already): separators
   *       {@code ; \n \r &}, pipes {@code | || &&}, {@code >(}; {@code >} and {@code )} end a
   *       command position, a {@code }} starting a token too. Where the scan cannot tell (a
   *       {@code +} that splits a word, {@code >&}, a {@code #} comment) it assumes the position or
   *       the operator, which can only say "maybe" more often. Words with a wildcard or a leading
   *       {@code . @ !} are checked wherever they are;</li>
   *   <li>or a Windows line, whose {@code FOR} or {@code IF} is in a command position:
   *       {@code FOR} needs a {@code %variable}, {@code IF} a comparison ({@code ==},
   *       {@code EQU} ...) or {@code EXIST}/{@code ERRORLEVEL}/{@code DEFINED}.</li>
   * </ul>
   */
  static boolean mayFire(String s) {
    int n = s.length();
    int lead = 0;
    while (lead < n && Character.isWhitespace(s.charAt(lead))) {
      lead++; // as String.strip() in rawShapes
    }
    if (lead < n && (s.charAt(lead) == '!' || s.charAt(lead) == '~')) {
      return true;
    }
    int wild = 0;
    int run = -1;
    int hash = 0;
    boolean plain = true;
    boolean forWord = false;
    boolean ifWord = false;
    boolean ifOperand = false;
    // The lexer's view (see the class comment of mayFire): whether the next token starts in a
    // command position, whether the current word did, and whether an operator came before.
    boolean nextCommand = true;
    boolean wordCommand = false;
    boolean inWord = false;
    boolean operator = false;
    boolean anyToken = false;
    int tokenStart = -1; // where the current lexer word starts
    for (int i = 0; i <= n; i++) {
      char c = i < n ? s.charAt(i) : ' ';
      int kind = c < 128 ? CHAR_KIND[c] : RUN;
      if (kind == RUN) {
        if (!inWord) {
          anyToken = true;
          if (c == '}') {
            // A '}' that starts a token is a token of its own (CLOSE), not the start of a word:
            // in "x;}.uname" the lexer's word is ".uname".
            nextCommand = false;
            continue;
          }
          inWord = true;
          tokenStart = i;
          wordCommand = nextCommand;
          nextCommand = false;
        }
        if (run < 0) {
          run = i;
          hash = 0;
          plain = c != '.' && c != '@' && c != '!'; // leading characters Commands.tier strips
        }
        hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + 32 : c); // String.hashCode of the lower case
        // The rest of the run in one tight loop: inside a word, a run character only adds to the
        // hash (the branches above apply to the first one only). The hash is read at the break
        // only for a plain word in a command position or after an operator: other runs (most
        // words of prose) are skipped without it.
        if (plain && (wordCommand || operator)) {
          while (i + 1 < n) {
            char d = s.charAt(i + 1);
            if (d < 128 && CHAR_KIND[d] != RUN) {
              break;
            }
            hash = 31 * hash + (d >= 'A' && d <= 'Z' ? d + 32 : d);
            i++;
          }
        } else {
          while (i + 1 < n) {
            char d = s.charAt(i + 1);
            if (d < 128 && CHAR_KIND[d] != RUN) {
              break;
            }
            i++;
          }
        }
        continue;
      }
      if (kind == SYNTAX || kind == WILDCARD && ++wild >= 3
          || c == '(' && i > 0 && isIdent(s.charAt(i - 1))
          || c == '+' && (i > 0 && isGppChar(s.charAt(i - 1)) || i + 1 < n && isGppChar(s.charAt(i + 1)))) {
        return true;
      }
      if (kind == BREAK) {
        if (run >= 0) {
          // A plain word outside a command position before any operator fires no rule: most
          // words of prose are skipped here without a table look-up.
          // A plain run that starts with a digit is no command: every table word starts with a
          // letter, and Commands.tier strips only . @ ! in front ("36-38", "65%", "537.36").
          if ((wordCommand || !plain || operator) && !(plain && isDigit(s.charAt(run)))) {
            int t = plain && !suffixed(s, i) && !Commands.mayBeWord(hash) ? Commands.NONE
                : Commands.commandTier(s, run, i);
            if (t != Commands.NONE && (wordCommand && !(plain && !operator && tokenStart == run && quietAtStart(s, run, i, t))
                || !plain || operator && chainTier(s, run, i, tokenStart, t))) {
              return true;
            }
            // FOR and IF lines are read only from a command position (windows() in analyze)
            forWord |= wordCommand && isWord(s, run, i, "for");
            ifWord |= wordCommand && isWord(s, run, i, "if");
          }
          // windows() reads an IF's operands after it only
          ifOperand |= ifWord && isIfOperand(s, run, i);
        }
        run = -1;
        if (c == ';' || c == '\n' || c == '\r' || c == '|' || c == '&' || c == '>' && i + 1 < n && s.charAt(i + 1) == '(') {
          inWord = false;
          nextCommand = true; // a separator, pipe or ">(" substitution
          operator = true;
          anyToken = true;
        } else if (c == '(') {
          if (inWord || i == 0 || s.charAt(i - 1) != '>') {
            nextCommand = !anyToken; // "(id)": the word after a leading parenthesis is a command
          }
          inWord = false;
          anyToken = true;
        } else if (c == '>' || c == ')') {
          inWord = false;
          nextCommand = false;
          anyToken = true;
        } else if (c == ' ' || c == '\t' || c == '\f' || c == '\u000b') {
          inWord = false;
          if (c == ' ' && operator && !nextCommand && !ifWord && i + 1 < n) {
            // Prose after an operator, outside a command position: a run that starts with a
            // letter, digit or , - _ and ends at a blank or ')' is a plain word, and only its
            // look-up (as at the break below) can make it fire. Such words are hashed and looked
            // up in one tight loop; one that may be a command is left to the break below, at
            // its end. A '(' or ')' between words only ends a word: the '(' follows no
            // identifier, and both keep the command position off, as a token came before.
            int j = i + 1;
            int word = -1;
            int h = 0;
            while (j < n) {
              char d = s.charAt(j);
              if (d == ' ' || d == '(' || d == ')') {
                j++; // a '(' here follows no identifier; with ')' it only ends a word
                continue;
              }
              if (d >= 128 || !PROSE[d]) {
                break;
              }
              word = j;
              anyToken = true;
              h = d >= 'A' && d <= 'Z' ? d + 32 : d;
              j++;
              while (j < n && ((d = s.charAt(j)) >= 128 || CHAR_KIND[d] == RUN)) {
                h = 31 * h + (d >= 'A' && d <= 'Z' ? d + 32 : d);
                j++;
              }
              if (j == n || d != ' ' && d != ')' || !isDigit(s.charAt(word)) && (suffixed(s, j)
                  ? Commands.isCommand(s, word, j) : Commands.mayBeWord(h) && Commands.isCommand(s, word, j))) {
                break;
              }
              word = -1;
              j++;
            }
            if (word >= 0) {
              inWord = true;
              tokenStart = word;
              wordCommand = false;
              run = word;
              plain = true;
              hash = h;
            }
            i = j - 1;
          } else if (c == ' ' && !operator && !nextCommand && !ifWord) {
            // Prose before any operator: runs that start with a letter, digit or , - _ outside
            // a command position are plain words, fire nothing and change no state the scan
            // reads later, nor do blanks and parentheses between them (as after an operator,
            // above), so they are skipped in one tight loop. The state is then set as the loop
            // above would leave it before the first other character.
            int j = i + 1;
            int word = -1;
            while (j < n) {
              char d = s.charAt(j);
              if (d == ' ' || d == '(' || d == ')') {
                j++; // a '(' here follows no identifier; with ')' it only ends a word
                continue;
              }
              if (d >= 128 || !PROSE[d]) {
                break;
              }
              // A word: the rest of its run (any run character once it started) in one loop.
              word = j;
              anyToken = true;
              j++;
              while (j < n && ((d = s.charAt(j)) >= 128 || CHAR_KIND[d] == RUN)) {
                j++;
              }
              if (j == n || d != ' ' && d != ')') {
                break;
              }
              word = -1;
              j++;
            }
            if (word >= 0) {
              inWord = true;
              tokenStart = word;
              wordCommand = false;
              run = word;
              plain = true;
              hash = 0; // read only for a plain word in a command position or after an operator
            }
            i = j - 1;
          }
        } else if (!inWord) {
          // '/', '=' or '+' starting a token starts a word ("/usr/bin/id")
          inWord = true;
          tokenStart = i;
          wordCommand = nextCommand;
          nextCommand = false;
          anyToken = true;
        }
        // otherwise '/', '=' and '+' cut runs inside one lexer word, whose position holds
      } else {
        plain = false; // a wildcard: globbed by Commands.tier
        if (run < 0) {
          run = i; // part of the word, as for the lexer
        }
        if (!inWord) {
          inWord = true;
          tokenStart = i;
          wordCommand = nextCommand;
          nextCommand = false;
          anyToken = true;
        }
      }
    }
    return forWord && s.indexOf('%') >= 0 || ifWord && (ifOperand || s.contains("=="));
  }

  /**
   * Whether the word {@code s[from, to)}, of tier {@code t}, has a tier that fires outside a command position after
   * an operator ({@code command-chain} in {@link CommandAnalyzer#analyze}): unmistakable, or a program. English
   * words that are also commands ({@code at}, {@code time}) do not.
   */
  private static boolean chainTier(String s, int from, int to, int tokenStart, int t) {
    return t == Commands.UNMISTAKABLE || t == Commands.PROGRAM && mayHaveStrongArg(s, from, to, tokenStart);
  }

  /**
   * For a program name {@code s[from, to)} outside a command position
   * after an operator: false only when {@code strongArg} in {@link CommandAnalyzer#analyze} is false for it, so
   * the word cannot fire there ("loop; fits most cup holders (lid: top rack only)"). That needs
   * the lexer word to be exactly {@code s[from, to)}: it started the token ({@code tokenStart},
   * so no {@code / = +} glued before it) and ends at a lexer break other than those (or the
   * end). Then, after blanks, the next token is none (end of text), a separator, pipe or
   * {@code )} (not a word: strongArg is false), or a word of letters, digits and {@code . , - _}
   * that starts with a letter or digit and ends at a lexer break: such a word is no flag, path,
   * URL, drive, {@code =/} or {@code %VAR%}, so strongArg is true only for an IPv4 address, an
   * unmistakable command name or a sub-command of {@code net}/{@code reg} ({@link
   * Commands#isSubcommand}), each checked here as strongArg does. Anything else may be strong.
   * The text is known free of quotes, {@code $}, backticks, backslashes, {@code [ { <} up to
   * {@code to}; the next word is read only from the characters listed, so it has none either.
   */
  private static boolean mayHaveStrongArg(String s, int from, int to, int tokenStart) {
    int n = s.length();
    if (tokenStart != from || to < n && !isLexerBreak(s.charAt(to))) {
      return true;
    }
    int j = to;
    while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
      j++;
    }
    if (j == n) {
      return false;
    }
    char c = s.charAt(j);
    if (c == ';' || c == '\n' || c == '\r' || c == '|' || c == '&' || c == ')') {
      return false;
    }
    if (!isAsciiAlnum(c)) {
      return true;
    }
    int e = j;
    while (e < n && (isAsciiAlnum(s.charAt(e)) || ".,-_".indexOf(s.charAt(e)) >= 0)) {
      e++;
    }
    if (e < n && !isLexerBreak(s.charAt(e))) {
      return true;
    }
    return Commands.ipv4(s, j, e) || Commands.tier(s, j, e) == Commands.UNMISTAKABLE
        || Commands.isSubcommand(s, from, to, j, e);
  }

  /** The characters that end a word for {@link ShellLexer} ({@code breaksWord}). */
  private static boolean isLexerBreak(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '|' || c == '&'
        || c == '`' || c == '<' || c == '>' || c == '(' || c == ')' || c == '\f' || c == '\u000b';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  /**
   * The only table word with a {@code +} is {@code g++}; a word that is it, or a glob matching it
   * ({@code g*+}), has one of {@code g + ? *} next to each {@code +}.
   */
  private static boolean isGppChar(char c) {
    return c == 'g' || c == 'G' || c == '+' || c == '?' || c == '*';
  }

  private static final String[] IF_OPERANDS = {
    "exist", "errorlevel", "defined", "equ", "neq", "lss", "leq", "gtr", "geq"
  };

  private static boolean isIfOperand(String s, int from, int to) {
    int len = to - from;
    char c = (char) (s.charAt(from) | 0x20);
    // Every operand is 3, 5, 7 or 10 letters long and starts with one of these: most words
    // are ruled out here, before the nine comparisons.
    if (len != 3 && len != 5 && len != 7 && len != 10 || c != 'e' && c != 'n' && c != 'l' && c != 'g' && c != 'd') {
      return false;
    }
    for (String w : IF_OPERANDS) {
      if (isWord(s, from, to, w)) {
        return true;
      }
    }
    return false;
  }

  /** {@code s[from, to)} is {@code lower} (lower-case ASCII), ASCII case ignored. */
  private static boolean isWord(String s, int from, int to, String lower) {
    return to - from == lower.length() && (s.charAt(from) | 0x20) == lower.charAt(0)
        && s.regionMatches(true, from, lower, 0, lower.length());
  }

  /**
   * Whether the word ending before {@code end} ends the way {@link Commands#tier} strips (a
   * digit or dot of a version, {@code .exe}); then its hash alone does not decide.
   */
  private static boolean suffixed(String s, int end) {
    char last = s.charAt(end - 1);
    return last >= '0' && last <= '9' || last == '.' || (last | 0x20) == 'e' && end >= 4
        && s.charAt(end - 4) == '.';
  }

  /** Character kinds for {@link #mayFire}: part of a word, a word break, shell syntax, a wildcard. */
  private static final byte RUN = 0;
  private static final byte BREAK = 1;
  private static final byte SYNTAX = 2;
  private static final byte WILDCARD = 3;
  private static final byte[] CHAR_KIND = new byte[128];
  /** Run characters that never start a non-plain word: ASCII letters, digits, {@code , - _}. */
  private static final boolean[] PROSE = new boolean[128];

  static {
    // The lexer's word breaks, the cuts command() makes inside a word ('/' and '='), and '+'.
    for (char c : " \t\n\r;|&>()\f\u000b/=+".toCharArray()) {
      CHAR_KIND[c] = BREAK;
    }
    for (char c : "$`'\"\\[{<".toCharArray()) {
      CHAR_KIND[c] = SYNTAX;
    }
    CHAR_KIND['?'] = WILDCARD;
    CHAR_KIND['*'] = WILDCARD;
    for (char c = '0'; c <= 'z'; c++) {
      PROSE[c] = c <= '9' || c >= 'a' || c >= 'A' && c <= 'Z';
    }
    PROSE[','] = true;
    PROSE['-'] = true;
    PROSE['_'] = true;
  }

  /** A character of an identifier or dotted name before {@code (} in an exec-like call. */
  static boolean isIdent(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
        || c == '.' || c == '@';
  }
}
