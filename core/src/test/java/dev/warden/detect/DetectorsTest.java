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
