package dev.warden.detect.ssrf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, LOOPBACK",
    "2130706433, LOOPBACK",
    "0177.0.0.1, LOOPBACK",
    "0x7f.1, LOOPBACK",
    "127.1, LOOPBACK",
    "0x7f000001, LOOPBACK",
    "017700000001, LOOPBACK",
    "::1, LOOPBACK",
    "[::ffff:7f00:1], LOOPBACK",
    "169.254.169.254, METADATA",
    "[0:0:0:0:0:ffff:169.254.169.254], METADATA",
    "fd00:ec2::254, METADATA",
    "10.1.2.3, PRIVATE",
    "fc00::1, PRIVATE",
    "fe80::1%eth0, LINK_LOCAL",
    "100.64.1.1, CGNAT",
    "0.0.0.0, UNSPECIFIED",
    "::, UNSPECIFIED",
    "8.8.8.8, PUBLIC",
    "2001:db8::1, PUBLIC",
    "2002:7f00:1::, LOOPBACK",
  })
  void parse_literal_classifiedByRange(String text, IpLiteral.Range range) {
    Optional<byte[]> bytes = IpLiteral.parse(text);
    assertThat(bytes).as(text).isPresent();
    assertThat(IpLiteral.classify(bytes.get())).isEqualTo(range);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "example.com", "1.2.3.4.5", "256.1.1.1", "4294967296", "08.1.1.1",
      "1..1", "1.a", "::1::", "1:2:3:4:5:6:7:8:9", "[::1", "12345::", "０.０.０.０"})
  void parse_notALiteral_empty(String text) {
    assertThat(IpLiteral.parse(text)).as(text).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"7147006462, -87", "0x41414141A9FEA9FE, -87"})
  void parseV4Wrapping_overflow_keepsLowBits(String text, int firstByte) {
    assertThat(IpLiteral.parseV4Wrapping(text)[0]).isEqualTo((byte) firstByte);
  }
}
