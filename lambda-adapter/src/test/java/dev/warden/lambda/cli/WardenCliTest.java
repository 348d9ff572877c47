package dev.warden.lambda.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WardenCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> scan(String input, String... args) throws IOException {
    if (args.length == 0) {
      args = new String[] {"scan"};
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = WardenCli.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8).lines().map(l -> {
      try {
        return JSON.readTree(l);
      } catch (IOException e) {
        throw new AssertionError("output line is not JSON: " + l, e);
      }
    }).toList();
  }

  @Test
  void scan_benignAndAttack_oneLinePerInputInOrder() throws IOException {
    List<JsonNode> out = scan("{\"id\":1,\"value\":\"O'Brien\",\"class\":\"benign\"}\n"
        + "{\"id\":\"two\",\"value\":\"1' OR '1'='1\"}\n");
    assertThat(out).hasSize(2);
    assertThat(out.get(0).get("id").asInt()).isEqualTo(1);
    assertThat(out.get(0).get("verdict").asText()).isEqualTo("allow");
    assertThat(out.get(0).get("findings")).isEmpty();
    assertThat(out.get(0).get("micros").isIntegralNumber()).isTrue();
    assertThat(out.get(1).get("id").asText()).isEqualTo("two");
    assertThat(out.get(1).get("verdict").asText()).isEqualTo("block");
    JsonNode f = out.get(1).get("findings").get(0);
    assertThat(f.get("detector").asText()).isEqualTo("sqli");
    assertThat(f.get("rule").asText()).isNotBlank();
    assertThat(f.get("location").asText()).isEqualTo("query.value");
  }

  @Test
  void scan_malformedLines_reportErrorAndContinue() throws IOException {
    List<JsonNode> out = scan("not json\n{\"id\":3}\n[1,2]\n{\"id\":4,\"value\":\"ok\"}\n");
    assertThat(out).hasSize(4);
    for (int i = 0; i < 3; i++) {
      assertThat(out.get(i).get("id").isNull()).isTrue();
      assertThat(out.get(i).get("error").asText()).isNotBlank();
    }
    assertThat(out.get(3).get("verdict").asText()).isEqualTo("allow");
  }

  @Test
  void scan_policyFile_appliesWardenSettings(@TempDir Path dir) throws IOException {
    Path policy = dir.resolve("policy.properties");
    Files.writeString(policy, "WARDEN_ACTIONS=sqli=off\n");
    List<JsonNode> out = scan("{\"id\":1,\"value\":\"1' OR '1'='1\"}\n", "scan", "--policy", policy.toString());
    assertThat(out.get(0).get("verdict").asText()).isEqualTo("allow");
  }

  @Test
  void inventory_deploymentDirectory_printsCycloneDxAndFlagsDeniedVersions(@TempDir Path dir) throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    try (java.util.jar.JarOutputStream j = new java.util.jar.JarOutputStream(
        Files.newOutputStream(lib.resolve("log4j-core-2.14.1.jar")))) {
      j.putNextEntry(new java.util.zip.ZipEntry("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"));
      j.write("groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n".getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = WardenCli.run(new String[] {"inventory", dir.toString()}, new ByteArrayInputStream(new byte[0]), out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    JsonNode bom = JSON.readTree(out.toByteArray());
    assertThat(bom.get("components")).singleElement().satisfies(c -> {
      assertThat(c.get("purl").asText()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
      assertThat(c.get("hashes").get(0).get("content").asText()).hasSize(64);
    });
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("denied dependency");
  }

  @Test
  void run_unknownCommand_isUsageError() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = WardenCli.run(new String[] {"frobnicate"}, new ByteArrayInputStream(new byte[0]),
        new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
  }
}
