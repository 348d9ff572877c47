package dev.warden.detect.ssrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.detect.Finding;
import dev.warden.extract.Input;
import dev.warden.extract.Source;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfDetectorTest {

  private final SsrfDetector detector = new SsrfDetector();

  private Optional<Finding> inspect(String text) {
    return detector.inspect(Input.value(Source.QUERY, "query.url", text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "http://169.254.169.254/latest/meta-data/iam/ | metadata-address",
    "http://[fd00:ec2::254]/latest/ | metadata-address",
    "http://metadata.google.internal/computeMetadata/v1/ | metadata-address",
    "http://100.100.100.200/latest/meta-data/ | metadata-address",
    "http://instance-data/latest/ | metadata-address",
    "http://2852039166/ | metadata-address",
    "http://[::ffff:a9fe:a9fe]/ | metadata-address",
    "http://0xA9.0xFE.0xA9.0xFE/ | metadata-address",
    "http://169。254。169。254/ | metadata-address",
    "http://127.0.0.1:8080/admin | loopback",
    "http://2130706433/ | loopback",
    "http://0177.0.0.1/ | loopback",
    "http://0x7f.1/ | loopback",
    "http://127.1/ | loopback",
    "http://[::1]:80/ | loopback",
    "http://[::ffff:127.0.0.1]/ | loopback",
    "http://localhost/ | loopback",
    "http://admin.localhost/ | loopback",
    "http://①②⑦.⓪.⓪.①/ | loopback",
    "http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/ | loopback",
    "http://127.0.0.1.nip.io/ | loopback",
    "http://evil.com@127.0.0.1/ | loopback",
    "http://127.0.0.1\\@evil.com/ | loopback",
    "localhost:8080/admin | loopback",
    "10.0.0.7/admin | internal-address",
    "//localhost/admin | loopback",
    "http:[::1] | loopback",
    "http://10.0.0.5/ | internal-address",
    "http://192.168.1.1/ | internal-address",
    "http://172.16.0.1/ | internal-address",
    "http://100.64.0.1/ | internal-address",
    "http://0.0.0.0:22/ | internal-address",
    "http://0/ | internal-address",
    "http://[fe80::1]/ | internal-address",
    "http://host.docker.internal/ | internal-address",
    "redis.default.svc.cluster.local:6379 | internal-address",
    "file:///etc/passwd | dangerous-scheme",
    "gopher://example.com:70/_x | dangerous-scheme",
    "dict://example.com:11211/stat | dangerous-scheme",
    "jar:http://example.com/a.jar!/ | dangerous-scheme",
    "netdoc:///etc/passwd | dangerous-scheme",
    "php://filter/resource=index | dangerous-scheme",
    "http://3627734734/ | obfuscated-ip",
    "http://example.com/:a@b@evil.com/ | authority-confusion",
    "http://93.184.216.34/x.php | ip-literal-url",
    "/proxy/https://example.com/a | url-in-path",
  })
  void inspect_internalOrDangerousTarget_reportsRule(String url, String rule) {
    assertThat(inspect(url)).as(url).hasValueSatisfying(f -> {
      assertThat(f.rule()).isEqualTo(rule);
      assertThat(f.detector()).isEqualTo("ssrf");
    });
  }

  @Test
  void inspect_urlInsideDocument_found() {
    assertThat(inspect("<root><a href=\"http://169.254.169.254/\"></a></root>"))
        .hasValueSatisfying(f -> assertThat(f.rule()).isEqualTo("metadata-address"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "https://example.com/x",
    "https://github.com/owner/repo/blob/main/README.md",
    "http://www.example.org:8080/path?q=1#frag",
    "Price is $5, see https://shop.example.com/item/127",
    "version 1.2.3.4 released",
    "0",
    "2130706433",
    "127.0.0.1",
    "10.0.0.0/8",
    "192.168.0.0/16 ",
    "Attached file: report.pdf",
    "The cookie jar:nice and full",
    "Note: meet at 10:30 in room 12",
    "Run it on localhost when developing, then deploy.",
    "ratio:1",
    "/login?next=https://example.com/home",
    "/docs/see https://example.com/",
    "see medium.com/@author/post for details",
    "https://medium.com/@author/post-123",
    "{\"url\": \"https://api.example.com/v1/items\", \"id\": 10}",
    "C:\\Users\\me\\file.txt",
    "The metadata file is in /tmp",
    "[link](https://docs.python.org/3/library/ipaddress.html)",
    "",
  })
  void inspect_publicUrlOrProse_noFinding(String text) {
    assertThat(inspect(text)).as(text).isEmpty();
  }

  @Test
  void inspect_adversarialMegabyte_staysBoundedAndQuiet() {
    String[] units = {"http://", ":", "//", "@", "[", "0x", "1.", "\\", "①", "http://a@"};
    dev.warden.testing.Megabytes.assertBounded(detector, units);
  }

  @Test
  void inspect_garbage_neverThrows() {
    String[] inputs = {"\uD800", "\u0000\u0000:", "http://[", "http://[::", "http://%", "x:\uDFFF//",
        "http://" + "9".repeat(100), "http://0x" + "f".repeat(100), "http://[" + ":".repeat(70) + "]"};
    for (String s : inputs) {
      assertThat(detector.inspect(Input.value(Source.BODY, "b", s))).isNotNull();
    }
  }
}
