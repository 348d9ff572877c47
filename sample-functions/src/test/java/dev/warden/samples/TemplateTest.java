package dev.warden.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.warden.lambda.WardenHandler;
import dev.warden.lambda.WardenPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** template.yaml names classes that exist, in the shape Warden's zero-code handler needs. */
class TemplateTest {

  static final Path TEMPLATE = Path.of("template.yaml");

  static List<String> values(String key) throws IOException {
    return Files.readAllLines(TEMPLATE).stream().map(String::trim).filter(l -> l.startsWith(key + ":"))
        .map(l -> l.substring(key.length() + 1).trim()).toList();
  }

  @Test
  void template_handler_isWardensZeroCodeHandler() throws IOException {
    assertThat(values("Handler")).containsExactly(WardenHandler.class.getName() + "::handleRequest");
  }

  @Test
  void template_wardenHandlers_nameAnnotatedRequestHandlersWithPublicConstructors() throws Exception {
    List<String> targets = values("WARDEN_HANDLER");
    assertThat(targets).hasSize(5);
    for (String t : targets) {
      assertThat(t).endsWith("::handleRequest");
      Class<?> c = Class.forName(t.substring(0, t.indexOf("::")));
      assertThat(RequestHandler.class.isAssignableFrom(c)).as(t).isTrue();
      assertThat(c.getAnnotation(WardenPolicy.class)).as(t).isNotNull();
      assertThat(c.getConstructor()).as(t).isNotNull();
    }
  }

  @Test
  void template_codeAndLayer_pointAtTheDirectoriesTheBuildFills() throws IOException {
    assertThat(values("CodeUri")).containsExactly("target/lambda");
    assertThat(values("ContentUri")).containsExactly("target/agent-layer");
    assertThat(values("JAVA_TOOL_OPTIONS")).containsExactly("-javaagent:/opt/java/lib/warden-agent.jar");
    String pom = Files.readString(Path.of("pom.xml"));
    assertThat(pom).contains("${project.build.directory}/lambda/lib", "${project.build.directory}/agent-layer/java/lib");
  }
}
