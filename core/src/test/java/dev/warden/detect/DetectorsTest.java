package dev.warden.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.extract.Input;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorsTest {

  /** Registered next to the built-ins in {@link #discover_anotherRegistration_serviceLoaderFindsAll}. */
  public static final class Extra implements Detector {
    @Override
    public String id() {
      return "extra";
    }

    @Override
    public Optional<Finding> inspect(Input in) {
      return Optional.empty();
    }
  }

  private static List<String> classes(Iterable<Detector> ds) {
    List<String> out = new ArrayList<>();
    ds.forEach(d -> out.add(d.getClass().getName()));
    return out;
  }

  @Test
  void discover_builtInsOnly_sameDetectorsInTheOrderServiceLoaderGives() {
    List<Detector> direct = Detectors.builtInsOnly(Detector.class.getClassLoader());
    assertThat(direct).as("built-ins constructed directly").isNotNull().hasSize(11);
    assertThat(classes(direct)).isEqualTo(classes(ServiceLoader.load(Detector.class)));
    assertThat(classes(Detectors.discover())).isEqualTo(classes(direct));
  }

  @Test
  void registrations_crLfCrAndComments_namesInFileOrder() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    Detectors.registrations("# built-ins\r\n a.B \r\n\r\nc.D#tail\re.F\n\ta.B\t\ng.H", names);
    assertThat(names).containsExactly("a.B", "c.D", "e.F", "g.H");
  }

  @Test
  void discover_builtInsWithCrLfLines_constructedDirectly(@TempDir Path dir) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(Detector.class.getName()),
        "# merged by a shading plugin\r\ndev.warden.detect.sqli.SqliDetector\r\ndev.warden.detect.xss.XssDetector\r\n");
    ClassLoader onlyDir = new ClassLoader(null) {
      @Override
      protected java.util.Enumeration<URL> findResources(String name) throws IOException {
        Path p = dir.resolve(name);
        return java.util.Collections.enumeration(Files.exists(p) ? List.of(p.toUri().toURL()) : List.<URL>of());
      }
    };
    assertThat(Detectors.builtInsOnly(onlyDir)).extracting(Detector::id).containsExactly("sqli", "xss");
  }

  @Test
  void discover_anotherRegistration_serviceLoaderFindsAll(@TempDir Path dir) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(Detector.class.getName()), "# a user's detector\n" + Extra.class.getName() + "\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, Detector.class.getClassLoader())) {
      assertThat(Detectors.builtInsOnly(loader)).isNull();
      List<Detector> all = Detectors.discover(loader);
      assertThat(all).hasSize(12);
      assertThat(all).extracting(Detector::id).contains("extra", "sqli", "deser");
    }
  }
}
