package dev.warden.samples.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Lays out a Lambda deployment package the way the Java runtime reads one: every jar under
 * {@code lib/} of the task root (AWS Lambda Developer Guide, "Deploy Java Lambda functions with .zip
 * or JAR file archives": "lib/ directory ... dependency JARs"). The jars are the samples' runtime
 * class path as Maven resolved it ({@code target/lambda-classpath.txt}, written at
 * {@code generate-test-resources}); class directories (reactor modules not yet packaged, and the
 * samples' own classes) are zipped into jars first.
 */
final class DeploymentPackage {

  private DeploymentPackage() {}

  /** Fills {@code taskRoot/lib} and returns the jars written. */
  static List<Path> layout(Path taskRoot) throws IOException {
    Path moduleDir = Path.of("").toAbsolutePath();
    Path list = moduleDir.resolve("target/lambda-classpath.txt");
    if (!Files.isRegularFile(list)) {
      throw new IllegalStateException(list + " is missing: run the build through Maven (generate-test-resources)");
    }
    List<Path> entries = new ArrayList<>();
    entries.add(moduleDir.resolve("target/classes"));
    for (String e : Files.readString(list).trim().split(java.io.File.pathSeparator)) {
      if (!e.isBlank()) {
        entries.add(Path.of(e.trim()));
      }
    }
    Path lib = Files.createDirectories(taskRoot.resolve("lib"));
    List<Path> written = new ArrayList<>();
    int n = 0;
    for (Path e : entries) {
      Path target;
      if (Files.isDirectory(e)) {
        target = lib.resolve("classes-" + (n++) + "-" + e.getParent().getParent().getFileName() + ".jar");
        zip(e, target);
      } else {
        target = lib.resolve(e.getFileName());
        Files.copy(e, target, StandardCopyOption.REPLACE_EXISTING);
      }
      written.add(target);
    }
    return written;
  }

  private static void zip(Path dir, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (Files.isRegularFile(f)) {
          zip.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, zip);
          zip.closeEntry();
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * The runtime interface client's jar in {@code target/lambda-runtime}, beside its own
   * dependencies at the versions its manifest {@code Class-Path} names (copied at
   * {@code generate-test-resources}), as the Lambda Java runtime keeps them in
   * {@code /var/runtime/lib}. Only this jar goes on {@code -cp}; the function's jars stay in
   * {@code lib/} of the task root, loaded by the client's own class loader.
   */
  static Path runtimeClientJar() throws IOException {
    Path dir = Path.of("").toAbsolutePath().resolve("target/lambda-runtime");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-"))
          .findFirst().orElseThrow(() -> new IllegalStateException("no runtime client jar in " + dir));
    }
  }
}
