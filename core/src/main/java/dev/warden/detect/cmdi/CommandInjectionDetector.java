package dev.warden.detect.cmdi;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.util.Optional;

/**
 * OS command injection: shell and Windows command syntax carrying a command.
 *
 * <p>Pipeline: {@link ShellLexer} turns the value into words, separators, substitutions and
 * redirections (undoing quote, backslash, {@code $@} and {@code ${IFS}} obfuscation);
 * {@link CommandAnalyzer} then looks at every word in <em>command position</em> (start of the
 * value, after a separator, inside a substitution, after a quote that closes the application's
 * string, or after a wrapper such as {@code nohup} / {@code time}), looks it up in the
 * {@link Commands} table and weighs its arguments. Rules:
 * <ul>
 *   <li>{@code command-chain}: a command after {@code ; | || && &} or a newline ({@code ; id},
 *       {@code a|/usr/bin/id}, {@code " && whoami}).</li>
 *   <li>{@code command-substitution}: a command inside {@code $(...)}, backticks or
 *       {@code <(...)}.</li>
 *   <li>{@code bare-command}: the value itself is a command line ({@code cat /etc/passwd},
 *       {@code ls -l /tmp}, {@code ipconfig /all}); ordinary words need shell-like arguments
 *       (flags, absolute paths, URLs, redirections) so prose such as {@code time express} passes.</li>
 *   <li>{@code shellshock}: a bash function definition {@code () { :; };} and fork bombs.</li>
 *   <li>{@code windows-command}: {@code cmd /c}, PowerShell cmdlets, {@code FOR ... IN (...) DO},
 *       {@code IF [NOT] EXIST|ERRORLEVEL|DEFINED} and {@code IF a==b}.</li>
 *   <li>{@code exec-call}: code that runs a shell command ({@code system('id')},
 *       {@code exec("ls")}, {@code <!--#exec cmd=}).</li>
 * </ul>
 *
 * <p>Cost: at most {@value #MAX_CHARS} characters and {@value ShellLexer#MAX_TOKENS} tokens per
 * value, each token looked at a bounded number of times. Never throws. Stateless and thread-safe.
 */
public final class CommandInjectionDetector implements Detector {

  /** Detector id used in configuration and events. */
  public static final String ID = "cmdi";

  /** Characters of a value examined. */
  static final int MAX_CHARS = 8192;

  /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
  public CommandInjectionDetector() {
  }

  @Override
  public String id() {
    return ID;
  }

  /** Results depend on the text and name flag alone. */
  @Override
  public boolean textOnly() {
    return true;
  }

  /** Characters that form no shell syntax: text made only of them is a list of plain words. */
  private static final CharMask PLAIN = CharMask.ascii(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-_");

  /**
   * Plain words ({@link #PLAIN}, ASCII) can fire only through their first word
   * ({@link CommandPrefilter#firstWordMayFire}); any other text only through shell syntax or a
   * command word somewhere ({@link CommandPrefilter#mayFire}). Both look words up without copying
   * them. Most benign values (ids, words, numbers, sentences, headers) stop here.
   */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    String t = in.text();
    if (t.length() > MAX_CHARS) {
      t = t.substring(0, MAX_CHARS);
    }
    if (!chars.nonAscii() && !chars.anyOutside(PLAIN)) {
      return CommandPrefilter.firstWordMayFire(t);
    }
    return CommandPrefilter.mayFire(t);
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    String t = in.text();
    if (t.length() > MAX_CHARS) {
      t = t.substring(0, MAX_CHARS);
    }
    CommandAnalyzer.Hit h = CommandAnalyzer.analyze(t);
    return h == null ? Optional.empty() : Optional.of(Finding.of(ID, h.rule(), in, h.start(), h.end()));
  }
}
