package dev.warden.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.detect.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostureTest {

  @TempDir
  Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A jar with the given pom.properties (group, artifact, version triples) and manifest attributes. */
  static Path jar(Path dir, String name, String[][] poms, Map<String, String> manifest) throws IOException {
    Path p = dir.resolve(name);
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
    try (OutputStream o = Files.newOutputStream(p); JarOutputStream j = new JarOutputStream(o, m)) {
      for (String[] g : poms) {
        j.putNextEntry(new ZipEntry("META-INF/maven/" + g[0] + "/" + g[1] + "/pom.properties"));
        j.write(("groupId=" + g[0] + "\nartifactId=" + g[1] + "\nversion=" + g[2] + "\n").getBytes(StandardCharsets.ISO_8859_1));
        j.closeEntry();
      }
      j.putNextEntry(new ZipEntry("x/Some.class"));
      j.write(name.getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return p;
  }

  static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }

  private Path fakeClassPath() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("task/lib"));
    jar(lib, "log4j-core-2.14.1.jar", new String[][] {{"org.apache.logging.log4j", "log4j-core", "2.14.1"}}, Map.of());
    jar(lib, "jackson-databind-2.18.2.jar", new String[][] {{"com.fasterxml.jackson.core", "jackson-databind", "2.18.2"}}, Map.of());
    jar(lib, "fat-app-1.0.jar", new String[][] {{"com.acme", "fat-app", "1.0"}, {"com.google.guava", "guava", "33.0"}}, Map.of());
    jar(lib, "vendor.jar", new String[0][], Map.of("Implementation-Title", "vendor-sdk", "Implementation-Version", "4.2",
        "Implementation-Vendor-Id", "com.vendor"));
    jar(lib, "mystery-lib-0.9.1.jar", new String[0][], Map.of());
    Files.writeString(lib.resolve("README.txt"), "not a jar");
    return lib;
  }

  @Test
  void inventory_fakeClassPath_listsExactlyTheJarsWithCoordinatesAndHashes() throws Exception {
    Path lib = fakeClassPath();
    List<Component> cs = Inventory.scan(List.of(lib));
    assertThat(cs).extracting(Component::coordinates).containsExactly(
        "com.acme:fat-app:1.0",
        "com.fasterxml.jackson.core:jackson-databind:2.18.2",
        "org.apache.logging.log4j:log4j-core:2.14.1",
        "mystery-lib:0.9.1",
        "com.vendor:vendor-sdk:4.2");
    assertThat(cs).extracting(Component::evidence)
        .containsExactly("pom.properties", "pom.properties", "pom.properties", "file-name", "manifest");
    for (Component c : cs) {
      assertThat(c.sha256()).isEqualTo(sha256(lib.resolve(c.file())));
    }
    assertThat(cs.get(2).purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
  }

  @Test
  void inventory_withoutHash_sameCoordinatesAndNoHash() throws IOException {
    Path lib = fakeClassPath();
    List<Component> hashed = Inventory.scan(List.of(lib));
    List<Component> plain = Inventory.scan(List.of(lib), false);
    assertThat(plain).extracting(Component::coordinates)
        .containsExactlyElementsOf(hashed.stream().map(Component::coordinates).toList());
    assertThat(plain).extracting(Component::evidence)
        .containsExactlyElementsOf(hashed.stream().map(Component::evidence).toList());
    assertThat(plain).extracting(Component::sha256).containsOnly("");
  }

  @Test
  void inventory_jarOnDisk_readsAsTheStreamReaderDoes() throws IOException {
    // Jars on disk are read through the central directory; jars inside a package as a stream.
    Path lib = fakeClassPath();
    for (Component c : Inventory.scan(List.of(lib))) {
      try (java.io.InputStream in = Files.newInputStream(lib.resolve(c.file()))) {
        assertThat(Inventory.describe(c.file(), in)).isEqualTo(c);
      }
    }
  }

  @Test
  void inventory_sameJarTwice_isListedOnce() throws IOException {
    Path lib = fakeClassPath();
    assertThat(Inventory.scan(List.of(lib, lib.resolve("vendor.jar")))).hasSize(5);
  }

  @Test
  void inventory_zipDeploymentPackage_readsNestedJars() throws Exception {
    Path lib = fakeClassPath();
    Path zip = dir.resolve("function.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("com/acme/Handler.class"));
      z.write(1);
      for (String n : List.of("log4j-core-2.14.1.jar", "vendor.jar")) {
        z.putNextEntry(new ZipEntry("lib/" + n));
        z.write(Files.readAllBytes(lib.resolve(n)));
      }
    }
    List<Component> cs = Inventory.scanPackage(zip);
    assertThat(cs).extracting(Component::coordinates)
        .containsExactly("org.apache.logging.log4j:log4j-core:2.14.1", "com.vendor:vendor-sdk:4.2");
    assertThat(cs.get(0).sha256()).isEqualTo(sha256(lib.resolve("log4j-core-2.14.1.jar")));
    assertThat(Inventory.scanPackage(dir.resolve("task"))).hasSize(5);
  }

  @Test
  void inventory_damagedJar_isListedByFileName() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("bad"));
    Files.write(lib.resolve("broken-2.0.jar"), new byte[] {1, 2, 3});
    assertThat(Inventory.scan(List.of(lib))).singleElement()
        .satisfies(c -> assertThat(c.coordinates()).isEqualTo("broken:2.0"));
  }

  @Test
  void denied_log4shellRange_firesOnVulnerableVersionOnly() throws IOException {
    List<Component> cs = Inventory.scan(List.of(fakeClassPath()));
    List<Finding> f = Posture.denied(cs, PostureSettings.DEFAULT_DENIED);
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo("denied-dependency");
      assertThat(x.location()).isEqualTo("classpath.log4j-core-2.14.1.jar");
    });
    Component fixed = new Component("org.apache.logging.log4j", "log4j-core", "2.17.1", "f.jar", "", "pom.properties");
    Component beta = new Component("org.apache.logging.log4j", "log4j-core", "2.0-beta9", "b.jar", "", "pom.properties");
    Component old = new Component("org.apache.logging.log4j", "log4j-core", "2.0-beta8", "o.jar", "", "pom.properties");
    assertThat(Posture.denied(List.of(fixed, beta, old), PostureSettings.DEFAULT_DENIED))
        .extracting(Finding::location).containsExactly("classpath.b.jar");
  }

  @Test
  void versionRange_parseAndCompare() {
    assertThat(VersionRange.compare("2.17.1", "2.17.0")).isPositive();
    assertThat(VersionRange.compare("2.17.0", "2.17.0-rc1")).isPositive();
    assertThat(VersionRange.compare("2.9", "2.17")).isNegative();
    assertThat(VersionRange.compare("1.0", "1.0.0")).isZero();
    assertThat(VersionRange.compare("1.0.Final", "1.0")).isZero();
    VersionRange exact = VersionRange.parse("g:a:[1.2.3]");
    assertThat(exact.matches(new Component("g", "a", "1.2.3", "a.jar", "", "x"))).isTrue();
    assertThat(exact.matches(new Component("g", "a", "1.2.4", "a.jar", "", "x"))).isFalse();
    assertThat(VersionRange.parse("g:a:(,2.0)").matches(new Component("g", "a", "1.9", "a.jar", "", "x"))).isTrue();
    assertThatThrownBy(() -> VersionRange.parse("log4j-core:2.14")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VersionRange.parse("g:a:2.14")).isInstanceOf(IllegalArgumentException.class);
  }

  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String PASSWORD = "correct-horse-battery-staple";

  @Test
  void environment_plaintextSecrets_fireWithoutShowingValues() {
    Map<String, String> env = new HashMap<>();
    env.put("DB_PASSWORD", PASSWORD);
    env.put("STRIPE_API_KEY", "sk_live_51Habcdefghijklmnop");
    env.put("LEGACY_CONFIG", "key=" + SECRET_KEY);
    env.put("SIGNING_PEM", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----");
    List<Finding> f = ConfigChecks.environment(env);
    assertThat(f).extracting(Finding::location)
        .containsExactly("env.DB_PASSWORD", "env.LEGACY_CONFIG", "env.SIGNING_PEM", "env.STRIPE_API_KEY");
    assertThat(f).allSatisfy(x -> {
      assertThat(x.rule()).isEqualTo("plaintext-secret-env");
      assertThat(x.evidence()).doesNotContain(PASSWORD).doesNotContain(SECRET_KEY).doesNotContain("sk_live")
          .doesNotContain("MIIEvQ");
    });
  }

  @Test
  void environment_cleanLambdaEnvironment_isSilent() {
    Map<String, String> env = Map.of(
        "AWS_ACCESS_KEY_ID", "ASIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
        "AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ",
        "AWS_REGION", "us-east-1",
        "AWS_LAMBDA_FUNCTION_NAME", "orders",
        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
        "DB_PASSWORD_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
        "API_TOKEN", "{{resolve:secretsmanager:api-token}}",
        "TABLE_NAME", "orders-prod",
        "PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
    assertThat(ConfigChecks.environment(env)).isEmpty();
  }

  @Test
  void environment_pathWithLuhnValidDigits_isNotASecret() {
    // Temp directories and ids carry long digit runs; one in ten passes the Luhn check.
    assertThat(ConfigChecks.environment(Map.of("LAMBDA_TASK_ROOT", "/tmp/junit4111111111111111/task"))).isEmpty();
  }

  @Test
  void tmp_leftovers_fireOnlyWhenPresent() throws IOException {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    assertThat(ConfigChecks.tmp(tmp)).isEmpty();
    Files.writeString(tmp.resolve("previous-invocation.csv"), "a,b");
    assertThat(ConfigChecks.tmp(tmp)).singleElement().extracting(Finding::rule).isEqualTo("tmp-not-clean");
    assertThat(ConfigChecks.tmp(dir.resolve("absent"))).isEmpty();
  }

  @Test
  void codeDirectory_writable_fires_readOnly_isSilent() throws IOException {
    Path task = Files.createDirectories(dir.resolve("var-task"));
    assertThat(ConfigChecks.codeDirectory(Map.of("LAMBDA_TASK_ROOT", task.toString())))
        .singleElement().extracting(Finding::rule).isEqualTo("code-dir-writable");
    assertThat(ConfigChecks.codeDirectory(Map.of())).isEmpty();
    if (task.toFile().setWritable(false, false) && !Files.isWritable(task)) {
      assertThat(ConfigChecks.codeDirectory(Map.of("LAMBDA_TASK_ROOT", task.toString()))).isEmpty();
    }
    task.toFile().setWritable(true, false);
  }

  @Test
  void cycloneDx_listsComponentsWithPurlAndHash() throws IOException {
    List<Component> cs = Inventory.scan(List.of(fakeClassPath()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CycloneDx.write("orders", cs, Instant.parse("2026-01-01T00:00:00Z"), out);
    JsonNode bom = JSON.readTree(out.toByteArray());
    assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.get("specVersion").asText()).isEqualTo("1.5");
    assertThat(bom.get("components")).hasSize(5);
    JsonNode log4j = bom.get("components").get(2);
    assertThat(log4j.get("purl").asText()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assertThat(log4j.get("hashes").get(0).get("alg").asText()).isEqualTo("SHA-256");
    assertThat(log4j.get("hashes").get(0).get("content").asText()).isEqualTo(cs.get(2).sha256());
  }

  @Test
  void inventoryEvent_isOneOcsfLine() throws IOException {
    List<Component> cs = Inventory.scan(List.of(fakeClassPath()));
    String line = InventoryEvent.render(cs, Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "AWS_REGION", "eu-west-1"),
        Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(line).doesNotContain("\n");
    JsonNode e = JSON.readTree(line);
    assertThat(e.get("class_uid").asInt()).isEqualTo(5020);
    assertThat(e.get("type_uid").asInt()).isEqualTo(502001);
    assertThat(e.get("sbom").get("software_components")).hasSize(5);
    assertThat(e.get("sbom").get("package").get("name").asText()).isEqualTo("orders");
    assertThat(e.get("cloud").get("region").asText()).isEqualTo("eu-west-1");
  }

  @Test
  void settings_fromEnvironment() {
    PostureSettings s = PostureSettings.fromEnvironment(Map.of("WARDEN_INVENTORY", "off",
        "WARDEN_DENIED_DEPENDENCIES", "g:a:[1.0,2.0); h:b:[3]", "WARDEN_EXPECT_CLEAN_TMP", "true"));
    assertThat(s.inventory()).isFalse();
    assertThat(s.denied()).hasSize(2);
    assertThat(s.expectCleanTmp()).isTrue();
    assertThat(PostureSettings.fromEnvironment(Map.of())).isEqualTo(PostureSettings.DEFAULT);
    assertThatThrownBy(() -> PostureSettings.fromEnvironment(Map.of("WARDEN_INVENTORY", "maybe")))
        .hasMessageContaining("WARDEN_INVENTORY");
  }

  @Test
  void check_craftedEnvironment_collectsEverything() throws IOException {
    Path lib = fakeClassPath();
    Path tmp = Files.createDirectories(dir.resolve("tmp2"));
    Files.writeString(tmp.resolve("x"), "y");
    Posture.Report r = Posture.check(new PostureSettings(true, PostureSettings.DEFAULT_DENIED, true, false),
        Map.of("DB_PASSWORD", PASSWORD, "LAMBDA_TASK_ROOT", dir.resolve("task").toString()), List.of(lib), tmp);
    assertThat(r.components()).hasSize(5);
    assertThat(r.findings()).extracting(Finding::rule)
        .containsExactly("denied-dependency", "plaintext-secret-env", "tmp-not-clean", "code-dir-writable");
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.evidence()).doesNotContain(PASSWORD));
  }
}
