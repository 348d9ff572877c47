package dev.warden.detect.ssrf;

import dev.warden.detect.CharMask;
import dev.warden.detect.Detector;
import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Server-side request forgery: URL-shaped values that point the function at itself, its VPC,
 * the cloud metadata service, or that use schemes which reach files and raw sockets.
 *
 * <p>How it reads a value: every {@code scheme:} in the text is located by a hand-written scan,
 * then its authority is parsed ({@code userinfo@host:port}, brackets for IPv6). Because URL
 * parsers disagree about {@code @}, {@code \} and spaces in the authority, every host candidate
 * on either side of an {@code @} is checked, and backslashes are ignored inside hosts. A value
 * that <em>is</em> a bare {@code host[:port][/path]} or {@code //host} is checked too. Hosts are
 * folded from enclosed/full-width alphanumerics and ideographic dots to ASCII before they are
 * parsed with {@link IpLiteral} or looked up in a table of internal names.
 *
 * <p>Rules, strongest first: {@code metadata-address}, {@code loopback}, {@code internal-address}
 * (private, link-local, CGNAT, unspecified, special-purpose, internal DNS names),
 * {@code dangerous-scheme} ({@code file:}, {@code gopher:}, {@code jar:}...), {@code obfuscated-ip}
 * (decimal/octal/hex/short IPv4 forms of public addresses), {@code authority-confusion} (several
 * {@code @} or a backslash before {@code @}), {@code ip-literal-url} (a URL whose host is a raw IP
 * literal, which sidesteps DNS-based allow-lists), {@code url-in-path} (a path that embeds an
 * absolute URL, {@code /fetch/https://...}). Public URLs with DNS names pass.
 *
 * <p>Thread-safe and stateless. Only the first {@value #MAX_CHARS} characters and at most
 * {@value #MAX_SCHEMES} scheme candidates are examined; each candidate's authority is capped at
 * {@value #MAX_AUTHORITY} characters, so work is linear in the (capped) input. Never throws.
 */
public final class SsrfDetector implements Detector {

  static final String ID = "ssrf";
  static final int MAX_CHARS = 16_384;
  static final int MAX_SCHEMES = 64;
  static final int MAX_AUTHORITY = 256;
  private static final int MAX_SCHEME_LEN = 32;

  static final String METADATA = "metadata-address";
  static final String LOOPBACK = "loopback";
  static final String INTERNAL = "internal-address";
  static final String DANGEROUS_SCHEME = "dangerous-scheme";
  static final String OBFUSCATED = "obfuscated-ip";
  static final String CONFUSION = "authority-confusion";
  static final String IP_LITERAL = "ip-literal-url";
  static final String NESTED_URL = "url-in-path";

  private static final String[] RANK = {
    METADATA, LOOPBACK, INTERNAL, DANGEROUS_SCHEME, OBFUSCATED, CONFUSION, IP_LITERAL, NESTED_URL
  };

  /** Schemes that read local files, speak raw protocols or load code (Java, PHP, curl, Python). */
  private static final Set<String> DANGEROUS = Set.of(
      "file", "gopher", "dict", "jar", "netdoc", "ldap", "ldaps", "ldapi", "tftp", "sftp", "php",
      "phar", "expect", "local_file", "rmi", "iiop", "jdbc", "zip", "compress.zlib", "glob");

  /** Web schemes a client accepts without {@code //} ({@code http:127.0.0.1}, {@code http:[::1]}). */
  private static final Set<String> WEB = Set.of("http", "https", "ftp", "ws", "wss");

  private static final Set<String> LOOPBACK_NAMES = Set.of(
      "localhost", "localhost.localdomain", "localhost4", "localhost6", "ip6-localhost",
      "ip6-loopback", "ipv6-localhost", "ipv6-loopback", "localhost4.localdomain4",
      "localhost6.localdomain6", "lvh.me", "localtest.me", "vcap.me");

  private static final Set<String> METADATA_NAMES = Set.of(
      "metadata.google.internal", "metadata.goog", "metadata", "instance-data",
      "instance-data.ec2.internal", "metadata.azure.internal");

  /** DNS suffixes that only resolve inside a private network or container platform. */
  private static final String[] INTERNAL_SUFFIXES = {
    ".internal", ".local", ".localdomain", ".svc", ".home.arpa", ".intranet"
  };

  /** Wildcard DNS services that resolve {@code 127.0.0.1.nip.io} to the embedded address. */
  private static final String[] REBIND_SUFFIXES = {".nip.io", ".sslip.io", ".xip.io"};

  /** Public no-arg constructor for {@link java.util.ServiceLoader}. */
  public SsrfDetector() {}

  @Override
  public String id() {
    return ID;
  }

  /** Results depend on the text and name flag alone. */
  @Override
  public boolean textOnly() {
    return true;
  }

  /**
   * Every rule but the bare-host ones starts at a {@code scheme:} (a colon) or reads a port after
   * a bare host (a colon too). Without a colon only {@link #checkBare} can fire, on a value that
   * is one host token, alone or followed by a path ({@link #bareMayFire}). Most benign values
   * (words, ids, numbers, sentences, lists) fail both.
   */
  @Override
  public boolean mayMatch(Input in, CharMask chars) {
    return chars.has(':') || bareMayFire(in.text());
  }

  /**
   * A necessary condition for {@link #checkBare} to report, on text without a colon: it walks the
   * same host token, then rules out the tokens {@link #classifyHost} leaves alone. A pure-ASCII
   * name needs a dot (every internal, metadata and rebinding name has one when bare) unless it is
   * a {@code localhost}/{@code loopback} name; an ASCII number needs a path after it and three
   * dots. Tokens with backslashes, escapes, brackets or non-ASCII characters (which
   * {@link #fold} may turn into letters, digits or dots) always pass.
   */
  static boolean bareMayFire(String text) {
    int n = Math.min(text.length(), MAX_CHARS);
    int i = 0;
    while (i < n && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i + 1 < n && isSlash(text.charAt(i)) && isSlash(text.charAt(i + 1))) {
      return true;
    }
    int end = hostTokenEnd(text, i, n);
    if (end == i) {
      return false;
    }
    if (end < n && text.charAt(end) == ':') {
      return true; // a port: callers rule this out first, but it keeps this check self-contained
    }
    boolean path = end < n && text.charAt(end) == '/';
    if (!path) {
      int t = end;
      while (t < n && Character.isWhitespace(text.charAt(t))) {
        t++;
      }
      if (t != text.length()) {
        return false; // what follows the host is neither a path nor the end: checkBare returns
      }
    }
    int dots = 0;
    boolean loopbackName = false;
    for (int k = i; k < end; k++) {
      char c = text.charAt(k);
      if (c == '.') {
        dots++;
      } else if (c == '\\' || c == '%' || c == '[' || c >= 0x80) {
        return true;
      } else if ((c | 0x20) == 'l' && !loopbackName) {
        loopbackName = regionIsLower(text, k, end, "localhost") || regionIsLower(text, k, end, "loopback");
      }
    }
    if (isDigit(text.charAt(i))) {
      return path && dots == 3;
    }
    return dots > 0 || loopbackName;
  }

  /** Whether {@code lower} (lower-case ASCII) starts at {@code i} and ends by {@code to}, ASCII case ignored. */
  private static boolean regionIsLower(String text, int i, int to, String lower) {
    int m = lower.length();
    if (i + m > to) {
      return false;
    }
    for (int k = 0; k < m; k++) {
      char c = text.charAt(i + k);
      if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lower.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Optional<Finding> inspect(Input in) {
    Hit hit = scan(in.text());
    return hit == null
        ? Optional.empty()
        : Optional.of(Finding.of(ID, hit.rule, in, hit.start, Math.max(hit.start, hit.end)));
  }

  /** Mutable scan state; one per call, never shared. */
  private static final class Hit {
    String rule;
    int rank = Integer.MAX_VALUE;
    int start;
    int end;

    void offer(String r, int s, int e) {
      int k = rank(r);
      if (k < rank) {
        rule = r;
        rank = k;
        start = s;
        end = e;
      }
    }
  }

  private static int rank(String rule) {
    for (int i = 0; i < RANK.length; i++) {
      if (RANK[i].equals(rule)) {
        return i;
      }
    }
    return RANK.length;
  }

  static Hit scan(String text) {
    int n = Math.min(text.length(), MAX_CHARS);
    Hit hit = new Hit();
    checkBare(text, n, hit);
    int schemes = 0;
    for (int i = 1; i < n && schemes < MAX_SCHEMES && hit.rank > 0; i++) {
      if (text.charAt(i) != ':') {
        continue;
      }
      int j = i;
      while (j > 0 && i - j < MAX_SCHEME_LEN && isSchemeChar(text.charAt(j - 1))) {
        j--;
      }
      while (j < i && !isAsciiLetter(text.charAt(j))) {
        j++; // a scheme starts with a letter
      }
      if (i - j < 2) {
        continue;
      }
      schemes++;
      int after = i + 1;
      int k = after;
      while (k < n && k - after < 8 && (text.charAt(k) == '/' || text.charAt(k) == '\\')) {
        k++;
      }
      int slashes = k - after;
      char next = after < n ? text.charAt(after) : ' ';
      if (slashes == 0 && next != '[' && !isDigit(next) && i - j != 3) {
        // "price:asc", "note: see": no dangerous scheme without a slash (except jar:), and no
        // web URL without a slash, '[' or digit. Saves a copy of the scheme for every colon.
        continue;
      }
      String scheme = text.substring(j, i).toLowerCase(Locale.ROOT);
      if (after < n && DANGEROUS.contains(scheme) && dangerousFollow(scheme, text, after)) {
        hit.offer(DANGEROUS_SCHEME, j, Math.min(n, k + 1));
      }
      if (slashes >= 2 || slashes == 0 && WEB.contains(scheme) && (next == '[' || isDigit(next))) {
        checkAuthority(text, n, j, k, hit);
        if (slashes >= 2 && j > 0 && text.charAt(j - 1) == '/' && WEB.contains(scheme)
            && startsWithPath(text, j)) {
          hit.offer(NESTED_URL, 0, Math.min(n, k + 1));
        }
      }
    }
    return hit.rule == null ? null : hit;
  }

  /**
   * {@code file: report.pdf} and {@code cookie jar:nice} are prose; {@code file:/etc/passwd} and
   * {@code jar:http://...!/} are not: a dangerous scheme must be followed by a slash, or for
   * {@code jar:} by the nested URL's scheme.
   */
  private static boolean dangerousFollow(String scheme, String text, int after) {
    char c = text.charAt(after);
    if (c == '/' || c == '\\') {
      return true;
    }
    if (!scheme.equals("jar")) {
      return false;
    }
    for (String inner : JAR_INNER) {
      if (text.regionMatches(true, after, inner, 0, inner.length())) {
        return true;
      }
    }
    return false;
  }

  private static final String[] JAR_INNER = {"http:", "https:", "file:", "ftp:", "jar:"};

  /**
   * A path ({@code /proxy/https://target/}) that carries an absolute URL as a segment: the shape
   * of open-proxy and fetch-through endpoints. Only when the value is a path up to the URL (no
   * spaces, no query yet), so prose and query strings that mention URLs do not count.
   */
  private static boolean startsWithPath(String text, int urlStart) {
    if (text.isEmpty() || text.charAt(0) != '/') {
      return false;
    }
    for (int i = 0; i < urlStart; i++) {
      char c = text.charAt(i);
      if (c == '?' || c == '#' || c == '=' || Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  /** A value that is itself {@code host[:port][/...]} or {@code //host...}. */
  private static void checkBare(String text, int n, Hit hit) {
    int i = 0;
    while (i < n && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i + 1 < n && isSlash(text.charAt(i)) && isSlash(text.charAt(i + 1))) {
      int k = i;
      while (k < n && k - i < 8 && isSlash(text.charAt(k))) {
        k++;
      }
      checkAuthority(text, n, i, k, hit);
      return;
    }
    int end = hostTokenEnd(text, i, n);
    if (end == i) {
      return;
    }
    // What follows the host: nothing, a path, or a numeric port.
    int k = end;
    boolean port = false;
    if (k < n && text.charAt(k) == ':') {
      int p = k + 1;
      while (p < n && isDigit(text.charAt(p)) && p - k < 7) {
        p++;
      }
      if (p == k + 1) {
        return;
      }
      port = true;
      k = p;
    }
    boolean path = k < n && text.charAt(k) == '/';
    int t = k;
    while (t < n && Character.isWhitespace(text.charAt(t))) {
      t++;
    }
    if (!path && t != text.length()) {
      return;
    }
    String host = text.substring(i, end);
    String folded = fold(host);
    if (folded.isEmpty()) {
      return;
    }
    if (isDigit(folded.charAt(0))) {
      // Bare numbers are everywhere (ids, prices, versions): only a dotted quad followed by a
      // port or path counts as an address here, and "10.0.0.0/8" is a CIDR block, not a URL.
      if (!(port || path) || dots(folded) != 3 || !port && isCidrSuffix(text, k)) {
        return;
      }
    }
    String rule = classifyHost(folded, true);
    if (rule != null && !rule.equals(IP_LITERAL) && !rule.equals(OBFUSCATED)) {
      hit.offer(rule, i, end);
    }
  }

  /** {@code /8} or {@code /24} and nothing else after the address. */
  private static boolean isCidrSuffix(String text, int slash) {
    int i = slash + 1;
    while (i < text.length() && i - slash <= 3 && isDigit(text.charAt(i))) {
      i++;
    }
    return i > slash + 1 && text.substring(i).isBlank();
  }

  /** Checks the authority starting at {@code start} of the URL that starts at {@code urlStart}. */
  private static void checkAuthority(String text, int n, int urlStart, int start, Hit hit) {
    int end = start;
    int ats = 0;
    boolean backslashAt = false;
    while (end < n && end - start < MAX_AUTHORITY) {
      char c = text.charAt(end);
      if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>'
          || c == '\n' || c == '\r' || c == '\t') {
        break;
      }
      if (c == '@') {
        ats++;
        if (end > start && text.charAt(end - 1) == '\\') {
          backslashAt = true;
        }
      }
      end++;
    }
    // '@' further along the path: http://good/:x@y@evil/ confuses parsers that split differently.
    int p = end;
    while (p < n && p - end < MAX_AUTHORITY) {
      char c = text.charAt(p);
      if (c == '?' || c == '#' || Character.isWhitespace(c) || c == '"' || c == '\'') {
        break;
      }
      if (c == '@') {
        ats++;
      }
      p++;
    }
    if (ats >= 2 || backslashAt) {
      hit.offer(CONFUSION, urlStart, Math.min(n, p));
    }
    // Every piece between '@'s is a possible host for some parser.
    int pieceStart = start;
    for (int q = start; q <= end; q++) {
      if (q == end || text.charAt(q) == '@') {
        checkPiece(text, pieceStart, q, urlStart, q == end, hit);
        pieceStart = q + 1;
      }
    }
  }

  private static void checkPiece(String text, int from, int to, int urlStart, boolean last, Hit hit) {
    int i = from;
    while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\\')) {
      i++;
    }
    int e = hostTokenEnd(text, i, to);
    if (e == i) {
      return;
    }
    String folded = fold(text.substring(i, e));
    String rule = classifyHost(folded, false);
    if (rule == null || rule.equals(IP_LITERAL) && !last) {
      return;
    }
    hit.offer(rule, urlStart, e);
  }

  /** End of a host token: bracketed IPv6, or name/number characters (backslashes skipped). */
  private static int hostTokenEnd(String text, int i, int limit) {
    if (i < limit && text.charAt(i) == '[') {
      int k = i + 1;
      while (k < limit && k - i < IpLiteral.MAX_LEN && text.charAt(k) != ']') {
        k++;
      }
      return k < limit && text.charAt(k) == ']' ? k + 1 : i;
    }
    int k = i;
    while (k < limit && k - i < MAX_AUTHORITY) {
      char c = text.charAt(k);
      if (isAsciiLetter(c) || isDigit(c) || c == '.' || c == '-' || c == '_' || c == '\\'
          || c == '%' || c >= 0x80 && !Character.isWhitespace(c)) {
        k++;
      } else {
        break;
      }
    }
    return k;
  }

  /** Rule for a folded host, or null when it is an ordinary public name. */
  static String classifyHost(String h, boolean bare) {
    if (h.isEmpty()) {
      return null;
    }
    if (h.charAt(0) == '[') {
      Optional<byte[]> v6 = IpLiteral.parse(h);
      return v6.map(b -> ruleFor(IpLiteral.classify(b), false)).orElse(null);
    }
    if (isDigit(h.charAt(0)) && isNumericHost(h)) {
      byte[] b = IpLiteral.parse(h).orElse(null);
      boolean obfuscated = b == null || !canonicalDotted(h);
      if (b == null) {
        b = IpLiteral.parseV4Wrapping(h);
      }
      if (b != null) {
        return ruleFor(IpLiteral.classify(b), obfuscated);
      }
      return null;
    }
    return nameRule(h, bare);
  }

  private static String ruleFor(IpLiteral.Range r, boolean obfuscated) {
    switch (r) {
      case METADATA:
        return METADATA;
      case LOOPBACK:
        return LOOPBACK;
      case PUBLIC:
        return obfuscated ? OBFUSCATED : IP_LITERAL;
      default:
        return INTERNAL;
    }
  }

  private static String nameRule(String h, boolean bare) {
    String name = h;
    while (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (LOOPBACK_NAMES.contains(name) || name.endsWith(".localhost") || name.endsWith(".lvh.me")
        || name.endsWith(".localtest.me")) {
      return LOOPBACK;
    }
    if (METADATA_NAMES.contains(name) && (!bare || name.indexOf('.') > 0)) {
      return METADATA;
    }
    for (String suffix : REBIND_SUFFIXES) {
      if (name.endsWith(suffix)) {
        String embedded = embeddedAddress(name.substring(0, name.length() - suffix.length()));
        byte[] b = embedded == null ? null : IpLiteral.parse(embedded).orElse(null);
        if (b != null) {
          String r = ruleFor(IpLiteral.classify(b), false);
          return r.equals(IP_LITERAL) ? null : r;
        }
      }
    }
    for (String suffix : INTERNAL_SUFFIXES) {
      if (name.endsWith(suffix) && name.length() > suffix.length()) {
        return INTERNAL;
      }
    }
    if (name.equals("kubernetes.default") || name.equals("kubernetes")) {
      return bare ? null : INTERNAL;
    }
    return null;
  }

  /** The last four numeric labels of {@code app.10-0-0-1} or {@code 127.0.0.1}, as a dotted quad. */
  private static String embeddedAddress(String prefix) {
    String s = prefix.replace('-', '.');
    int dots = 0;
    int i = s.length();
    while (i > 0) {
      char c = s.charAt(i - 1);
      if (c == '.') {
        if (++dots == 4) {
          break;
        }
      } else if (!isDigit(c)) {
        break;
      }
      i--;
    }
    String tail = s.substring(i);
    return dots(tail) == 3 ? tail : null;
  }

  private static boolean isNumericHost(String h) {
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (!(isDigit(c) || c == '.' || c == 'x' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Four decimal parts without leading zeros: the only form a naive allow-list recognises. */
  private static boolean canonicalDotted(String h) {
    if (dots(h) != 3) {
      return false;
    }
    int partStart = 0;
    for (int i = 0; i <= h.length(); i++) {
      if (i == h.length() || h.charAt(i) == '.') {
        int len = i - partStart;
        if (len == 0 || len > 3 || len > 1 && h.charAt(partStart) == '0') {
          return false;
        }
        for (int k = partStart; k < i; k++) {
          if (!isDigit(h.charAt(k))) {
            return false;
          }
        }
        partStart = i + 1;
      }
    }
    return true;
  }

  private static int dots(String s) {
    int d = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '.') {
        d++;
      }
    }
    return d;
  }

  /**
   * ASCII-lower-cased host with confusable digits, letters and dots folded (enclosed
   * alphanumerics, full-width forms, ideographic full stops, other Unicode decimal digits) and
   * backslashes dropped — resolvers and IDNA processing map these to ASCII, allow-lists don't.
   */
  static String fold(String host) {
    StringBuilder sb = new StringBuilder(host.length());
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '\\') {
        continue;
      }
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
      } else if (c >= 0x80) {
        c = foldChar(c);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static char foldChar(char c) {
    if (c >= 0x2460 && c <= 0x2468) {
      return (char) ('1' + (c - 0x2460)); // ① .. ⑨
    }
    if (c == 0x24EA || c == 0x24FF) {
      return '0'; // ⓪ ⓿
    }
    if (c >= 0x2776 && c <= 0x277E) {
      return (char) ('1' + (c - 0x2776)); // ❶ .. ❾
    }
    if (c >= 0x24B6 && c <= 0x24CF) {
      return (char) ('a' + (c - 0x24B6)); // Ⓐ .. Ⓩ
    }
    if (c >= 0x24D0 && c <= 0x24E9) {
      return (char) ('a' + (c - 0x24D0)); // ⓐ .. ⓩ
    }
    if (c >= 0xFF10 && c <= 0xFF19) {
      return (char) ('0' + (c - 0xFF10));
    }
    if (c >= 0xFF21 && c <= 0xFF3A) {
      return (char) ('a' + (c - 0xFF21));
    }
    if (c >= 0xFF41 && c <= 0xFF5A) {
      return (char) ('a' + (c - 0xFF41));
    }
    if (c == 0x3002 || c == 0xFF0E || c == 0xFF61 || c == 0x2024) {
      return '.';
    }
    if (Character.isDigit(c)) {
      int d = Character.digit(c, 10);
      if (d >= 0) {
        return (char) ('0' + d);
      }
    }
    return c;
  }

  private static boolean isSchemeChar(char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '+' || c == '-' || c == '.' || c == '_';
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSlash(char c) {
    return c == '/' || c == '\\';
  }
}
