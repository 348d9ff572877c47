package dev.warden.detect.jndi;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.util.Optional;

/**
 * Log4Shell (CVE-2021-44228 and relatives): Log4j 2 lookups in request data.
 *
 * <p>Rather than matching the many spellings of {@code ${jndi:}}, the value is first un-escaped
 * the way it may be on its way to a logger (JSON {@code \}{@code uXXXX}, HTML entities such as
 * {@code &lbrace;} and {@code &#36;}, stray {@code %XX}), then evaluated by a bounded
 * {@link LookupEvaluator} that resolves nested lookups like Log4j does. Rules:
 * <ul>
 *   <li>{@code jndi-lookup}: a plain {@code ${jndi:...}};</li>
 *   <li>{@code obfuscated-jndi}: a JNDI lookup that only appears after resolving nested lookups
 *       ({@code ${${lower:j}ndi:}, {@code ${${env:X:-j}ndi:}}, mixed case) or escapes;</li>
 *   <li>{@code lookup-leak}: a lookup that reads secrets or host data ({@code ${env:...}},
 *       {@code ${sys:...}}, {@code ${java:...}}, {@code ${ctx:...}}, {@code ${k8s:...}}...). A
 *       logger that resolves them leaks e.g. {@code AWS_SECRET_ACCESS_KEY} into logs or into a DNS
 *       name; no legitimate request carries Log4j lookup syntax with these prefixes;</li>
 *   <li>{@code lookup-obfuscation}: {@code ${lower:}}, {@code ${upper:}}, {@code ${date:}} or
 *       {@code ${::-x}} character-building lookups;</li>
 *   <li>{@code encoded-lookup}: un-escaping produced a {@code ${} that the text hid behind an
 *       escape ({@code $\}{@code u007B}, {@code $&lbrace;}) — no legitimate reason to hide it.</li>
 * </ul>
 * Shell and template syntax ({@code ${HOME}}, {@code ${VAR:-default}}, {@code ${user.name}}) does
 * not fire: those have no Log4j lookup prefix.
 *
 * <p>Thread-safe and stateless (each call uses its own evaluator). Work is bounded by the
 * evaluator's caps and a {@value LookupEvaluator#MAX_INPUT}-character window. Never throws.
 */
public final class JndiDetector implements Detector {

  static final String ID = "jndi";
  static final String JNDI = "jndi-lookup";
  static final String OBFUSCATED_JNDI = "obfuscated-jndi";
  static final String LEAK = "lookup-leak";
  static final String OBFUSCATION = "lookup-obfuscation";
  static final String ENCODED = "encoded-lookup";

  /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
  public JndiDetector() {}

  @Override
  public String id() {
    return ID;
  }

  /** Results depend on the text and name flag alone. */
  @Override
  public boolean textOnly() {
    return true;
  }

  /** {@code mayMatch} is false on ASCII text without one of these: exactly its mask test. */
  @Override
  public CharMask gate() {
    return TRIGGERS;
  }

  private static final CharMask TRIGGERS = CharMask.ascii("$\\&%");

  /**
   * A lookup needs {@code $}, written or hidden behind an escape that {@link Unescaper} undoes
   * (a backslash escape, {@code &}, {@code %}).
   */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    return chars.any(TRIGGERS);
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    return Optional.ofNullable(scan(in));
  }

  private static Finding scan(Input in) {
    String raw = in.text();
    String text = raw.length() > LookupEvaluator.MAX_INPUT
        ? raw.substring(0, LookupEvaluator.MAX_INPUT) : raw;
    String prepared = Unescaper.unescape(text);
    if (prepared.indexOf("${") < 0) {
      return null;
    }
    int at = Math.max(0, text.indexOf('$'));
    int end = Math.min(text.length(), at + 64);
    LookupEvaluator ev = new LookupEvaluator();
    ev.evaluate(prepared);
    boolean escaped = count(prepared) > count(text);
    if (ev.jndi) {
      return Finding.of(ID, ev.jndiNested || escaped ? OBFUSCATED_JNDI : JNDI, in, at, end);
    }
    if (ev.leak) {
      return Finding.of(ID, LEAK, in, at, end);
    }
    if (ev.obfuscation) {
      return Finding.of(ID, OBFUSCATION, in, at, end);
    }
    if (escaped) {
      return Finding.of(ID, ENCODED, in, at, end);
    }
    return null;
  }

  private static int count(String s) {
    int c = 0;
    for (int i = s.indexOf("${"); i >= 0; i = s.indexOf("${", i + 2)) {
      c++;
    }
    return c;
  }
}
