package dev.warden.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressRuleTest {

  static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByAddress(EgressRule.literal(literal));
  }

  @Test
  void hostRule_exactName_matchesCaseInsensitiveAndTrailingDot() {
    EgressRule r = EgressRule.parse("api.example.com:443");
    assertThat(r.matches(EgressRule.normalizeHost("API.Example.com."), null, 443)).isTrue();
    assertThat(r.matches("api.example.com", null, 80)).isFalse();
    assertThat(r.matches("xapi.example.com", null, 443)).isFalse();
  }

  @Test
  void wildcardRule_subdomains_matchButApexAndLookalikesDoNot() {
    EgressRule r = EgressRule.parse("*.example.com");
    assertThat(r.matches("a.example.com", null, 1)).isTrue();
    assertThat(r.matches("a.b.example.com", null, 1)).isTrue();
    assertThat(r.matches("example.com", null, 1)).isFalse();
    assertThat(r.matches("evilexample.com", null, 1)).isFalse();
    assertThat(r.matches("example.com.evil.net", null, 1)).isFalse();
  }

  @Test
  void cidrRule_ipv4Block_matchesInsideOnly() throws Exception {
    EgressRule r = EgressRule.parse("10.0.0.0/8:5432");
    assertThat(r.matches(null, ip("10.255.1.2"), 5432)).isTrue();
    assertThat(r.matches(null, ip("11.0.0.1"), 5432)).isFalse();
    assertThat(r.matches(null, ip("10.0.0.1"), 5433)).isFalse();
    assertThat(EgressRule.parse("192.168.1.0/23").matches(null, ip("192.168.0.7"), 1)).isTrue();
    assertThat(EgressRule.parse("192.168.1.0/23").matches(null, ip("192.168.2.7"), 1)).isFalse();
  }

  @Test
  void cidrRule_ipv6_matchesAndIpv4DoesNot() throws Exception {
    EgressRule r = EgressRule.parse("[fd00::/8]:443");
    assertThat(r.matches(null, ip("fd12::1"), 443)).isTrue();
    assertThat(r.matches(null, ip("fe80::1"), 443)).isFalse();
    assertThat(r.matches(null, ip("10.0.0.1"), 443)).isFalse();
    assertThat(EgressRule.parse("::1").matches(null, ip("::1"), 9)).isTrue();
  }

  @Test
  void bareIp_isOneAddressBlock() throws Exception {
    EgressRule r = EgressRule.parse("127.0.0.1");
    assertThat(r.matches(null, ip("127.0.0.1"), 80)).isTrue();
    assertThat(r.matches(null, ip("127.0.0.2"), 80)).isFalse();
    assertThat(r.matches("127.0.0.1", null, 80)).isFalse(); // a literal host is matched as an address by the enforcer
  }

  @Test
  void portRange_boundsInclusive() {
    EgressRule r = EgressRule.parse("h.example:8000-8100");
    assertThat(r.matches("h.example", null, 8000)).isTrue();
    assertThat(r.matches("h.example", null, 8100)).isTrue();
    assertThat(r.matches("h.example", null, 8101)).isFalse();
    assertThat(r.toString()).isEqualTo("h.example:8000-8100");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "exa mple.com", "a..b", "*example.com", "ex*.com", "h:0", "h:70000", "h:9-1",
      "10.0.0.0/33", "host/8", "[::1", "h:abc", "1.2.3.4/x"})
  void parse_malformed_throws(String spec) {
    assertThatThrownBy(() -> EgressRule.parse(spec)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void literal_oddIpv4Forms_areNotAddresses() {
    // "10.1" and octal/hex forms are names here, never silently widened to an address.
    assertThat(EgressRule.literal("10.1")).isNull();
    assertThat(EgressRule.literal("0x7f.0.0.1")).isNull();
    assertThat(EgressRule.literal("256.0.0.1")).isNull();
    assertThat(EgressRule.literal("127.0.0.1")).containsExactly(127, 0, 0, 1);
  }
}
