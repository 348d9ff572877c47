package dev.warden.detect.ssti;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.util.Optional;

/**
 * Server-side template and expression-language injection: template delimiters whose content is
 * an expression a template engine would evaluate, rather than a plain variable reference.
 *
 * <p>How: a linear scan finds template openers (<code>&#123;&#123; &#123;% $&#123; #&#123; *&#123; @&#123;
 * ~&#123; %&#123; &lt;% &lt;# [# [[ @(</code>) and
 * Velocity directives such as {@code #set(}); the content up to the matching closer is lexed
 * ({@link ExprLexer}) and classified ({@link TemplateScan}):
 * <ul>
 *   <li>{@code arithmetic-probe}: literal arithmetic such as {@code 7*7};</li>
 *   <li>{@code method-call}: an identifier applied to arguments ({@code config.items()},
 *       {@code ''.getClass()}, {@code |filter('system')});</li>
 *   <li>{@code class-access}: reflection and interpreter internals ({@code __class__},
 *       {@code __subclasses__}, {@code T(java.lang.Runtime)}, {@code @java.lang.Runtime@...},
 *       {@code #_memberAccess}, {@code freemarker.template.utility.Execute}, {@code ?new()});</li>
 *   <li>{@code object-access}: engine globals that expose the application ({@code self},
 *       {@code config}, {@code request}, {@code _self}, {@code this}...);</li>
 *   <li>{@code template-statement}: statement tags ({@code {% for %}}, {@code <%= %>},
 *       {@code <#assign>}, {@code {{#each}}}, {@code #set(...)}) and filter pipelines.</li>
 * </ul>
 * Plain references such as {@code #{name}}, {@code ${HOME}}, {@code ${a.b-c}} and lookups such as
 * {@code ${jndi:...}} or {@code ${env:USER}} (the JNDI detector's concern) pass, as does prose.
 *
 * <p>Bounds: first {@value TemplateScan#MAX_CHARS} chars, at most
 * {@value TemplateScan#MAX_OPENERS} openers, each content at most
 * {@value TemplateScan#MAX_CONTENT} chars. Stateless, thread-safe, never throws.
 */
public final class SstiDetector implements Detector {

  /** Detector id. */
  public static final String ID = "ssti";

  /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
  public SstiDetector() {}

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

  private static final CharMask TRIGGERS = CharMask.ascii("{<#@[");

  /**
   * Every opener {@link TemplateScan} looks for starts with an opening brace, {@code <}, {@code #},
   * {@code @} or {@code [}, or has an opening brace second.
   */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    return chars.any(TRIGGERS);
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    TemplateScan.Hit h = TemplateScan.scan(in.text());
    return h == null ? Optional.empty() : Optional.of(Finding.of(ID, h.rule(), in, h.start(), h.end()));
  }
}
