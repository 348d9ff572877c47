package dev.warden.corpus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads the labelled development corpus that lives beside the repository
 * ({@code ../shared/corpus/dev.jsonl}; the system property {@code warden.corpus} overrides the
 * path). Tests that need it are skipped, with a visible message, where it is absent. The corpus is
 * never copied into the project.
 */
public final class Corpus {

  /** One labelled value. {@code cls} is the attack class or {@code benign}. */
  public record Sample(String id, String cls, boolean attack, String value, JsonNode meta) {

    /** A {@code meta} field as text, or empty. */
    public String meta(String field) {
      return meta == null || !meta.has(field) ? "" : meta.get(field).asText();
    }
  }

  private Corpus() {}

  /** The corpus path: {@code warden.corpus}, else {@code ../shared/corpus/dev.jsonl} from the module. */
  public static Path path() {
    String p = System.getProperty("warden.corpus");
    if (p != null && !p.isBlank()) {
      return Path.of(p);
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/corpus/dev.jsonl").normalize();
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return here.resolve("../../shared/corpus/dev.jsonl").normalize();
  }

  /** Loads every sample, or skips the calling test with a visible message when the file is absent. */
  public static List<Sample> loadOrSkip() {
    Path p = path();
    if (!Files.isRegularFile(p)) {
      String msg = "SKIPPED: labelled corpus not found at " + p + " (set -Dwarden.corpus=PATH)";
      System.out.println(msg);
      Assumptions.abort(msg);
    }
    ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    List<Sample> out = new ArrayList<>(40_000);
    try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = mapper.readTree(line);
        out.add(new Sample(n.path("id").asText(), n.path("class").asText(), n.path("attack").asBoolean(),
            n.path("value").asText(), n.get("meta")));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read corpus " + p, e);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("corpus " + p + " is empty");
    }
    return out;
  }
}
