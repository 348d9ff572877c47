package dev.warden.detect.ldap;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.util.Optional;

/**
 * LDAP filter injection (RFC 4515 filter syntax smuggled into a value that an application pastes
 * into a filter such as {@code (&(uid=VALUE)(objectClass=person))}).
 *
 * <p>A small scanner reads filter structure, not keywords. Rules:
 * <ul>
 *   <li>{@code filter-breakout}: a {@code )} that closes the application's component followed by
 *       {@code (} opening a new one: an attribute assertion ({@code )(cn=*}, {@code *)(uid=*}),
 *       or a composite ({@code *)(&}, {@code admin*)((|userPassword=*)}).</li>
 *   <li>{@code filter-composite}: a composite operator wrapping a component,
 *       {@code (|(}, {@code (&(}, {@code (!(}.</li>
 *   <li>{@code metachar-probe}: a short value made only of filter metacharacters
 *       ({@code *()|&'}), the classic syntax probe.</li>
 * </ul>
 * Prose with parentheses ({@code (see above) (1)}, {@code (USD)(EUR=1.1)}), e-mail addresses
 * and search wildcards ({@code admin*}) do not match: the component after the parenthesis must be
 * a composite, or an assertion with a comparison operator that either names a directory attribute
 * ({@code uid}, {@code cn}, {@code objectClass} ...) or sits next to a {@code *} wildcard.
 *
 * <p>Cost: at most {@value #MAX_CHARS} characters, each {@code )} examined with a look-ahead of at
 * most {@value #MAX_ATTR} characters. Never throws. Stateless and thread-safe.
 */
public final class LdapInjectionDetector implements Detector {

  /** Detector id used in configuration and events. */
  public static final String ID = "ldap";

  static final int MAX_CHARS = 8192;

  /** Longest attribute description read after a parenthesis. */
  static final int MAX_ATTR = 64;

  private static final int MAX_PROBE = 12;

  /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
  public LdapInjectionDetector() {
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

  /** {@code mayMatch} is false on ASCII text without one of these: exactly its mask test. */
  @Override
  public CharMask gate() {
    return TRIGGERS;
  }

  private static final CharMask TRIGGERS = CharMask.ascii("()*");

  /** Break-outs and composites need a parenthesis; the metacharacter probe needs {@code *}. */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    return chars.any(TRIGGERS);
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    String s = in.text().length() > MAX_CHARS ? in.text().substring(0, MAX_CHARS) : in.text();
    int[] hit = new int[2];
    String rule = scan(s, hit);
    return rule == null ? Optional.empty() : Optional.of(Finding.of(ID, rule, in, hit[0], hit[1]));
  }

  static String scan(String s, int[] hit) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == ')') {
        int j = skipBlanks(s, i + 1);
        if (j < n && s.charAt(j) == '(') {
          int end = component(s, j, i > 0 && s.charAt(i - 1) == '*');
          if (end > 0) {
            hit[0] = i;
            hit[1] = end;
            return "filter-breakout";
          }
        }
      } else if (c == '(' && i + 2 < n && isOp(s.charAt(i + 1))) {
        int j = skipBlanks(s, i + 2);
        if (j < n && s.charAt(j) == '(') {
          hit[0] = i;
          hit[1] = Math.min(n, j + 1);
          return "filter-composite";
        }
      }
    }
    if (probe(s)) {
      hit[0] = 0;
      hit[1] = n;
      return "metachar-probe";
    }
    return null;
  }

  /**
   * End of a filter component starting with the {@code (} at {@code p} (its operator or
   * assertion), or -1 when what follows is not filter syntax. Accepts up to two extra
   * {@code (}, then a composite operator, or an attribute and a comparison operator.
   */
  private static int component(String s, int p, boolean wildcardBefore) {
    int n = s.length();
    int k = p + 1;
    int opens = 0;
    while (k < n && s.charAt(k) == '(' && opens < 2) {
      k++;
      opens++;
    }
    if (k < n && isOp(s.charAt(k))) {
      return k + 1; // )(&  )(|  )((|
    }
    int a = k;
    while (k < n && k - a < MAX_ATTR && isAttrChar(s.charAt(k))) {
      k++;
    }
    if (k == a || !Character.isLetter(s.charAt(a))) {
      return -1;
    }
    int end;
    if (k < n && s.charAt(k) == '=') {
      end = k + 1;
    } else if (k + 1 < n && (s.charAt(k) == '~' || s.charAt(k) == '>' || s.charAt(k) == '<')
        && s.charAt(k + 1) == '=') {
      end = k + 2;
    } else {
      return -1;
    }
    // Prose such as "(USD)(EUR=1.1)" has the shape too: also require a wildcard around the
    // break-out, a doubled parenthesis, or a directory attribute.
    boolean wildcardAfter = end < n && s.charAt(end) == '*';
    return wildcardBefore || wildcardAfter || opens > 0 || knownAttribute(s, a, k) ? end : -1;
  }

  /** Attributes that filter injections target (RFC 4519 / Active Directory). */
  private static final String[] ATTRIBUTES = {
    "uid", "cn", "sn", "ou", "dc", "o", "mail", "objectclass", "userpassword", "givenname",
    "samaccountname", "memberof", "member", "description", "displayname", "name",
    "distinguishedname", "userprincipalname", "telephonenumber", "homedirectory", "loginshell",
    "uidnumber", "gidnumber", "objectcategory", "pwdlastset", "admincount", "useraccountcontrol",
  };

  private static boolean knownAttribute(String s, int a, int b) {
    for (String attr : ATTRIBUTES) {
      if (attr.length() == b - a && s.regionMatches(true, a, attr, 0, attr.length())) {
        return true;
      }
    }
    return false;
  }

  /** A short value of filter metacharacters only, with at least four different ones. */
  private static boolean probe(String s) {
    String t = s.strip();
    if (t.length() < 4 || t.length() > MAX_PROBE) {
      return false;
    }
    int mask = 0;
    String meta = "*()|&!='\"\\";
    for (int i = 0; i < t.length(); i++) {
      int m = meta.indexOf(t.charAt(i));
      if (m < 0) {
        return false;
      }
      mask |= 1 << m;
    }
    return Integer.bitCount(mask) >= 4 && (mask & 1) != 0 && (mask & 6) != 0;
  }

  private static boolean isOp(char c) {
    return c == '&' || c == '|' || c == '!';
  }

  private static boolean isAttrChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
        || c == '.' || c == ';' || c == '_';
  }

  private static int skipBlanks(String s, int i) {
    int k = i;
    while (k < s.length() && k - i < 8 && s.charAt(k) == ' ') {
      k++;
    }
    return k;
  }
}
