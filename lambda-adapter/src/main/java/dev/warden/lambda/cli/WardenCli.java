package dev.warden.lambda.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.Engine;
import dev.warden.Invocation;
import dev.warden.Verdict;
import dev.warden.detect.Detectors;
import dev.warden.detect.Finding;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.policy.Mode;
import dev.warden.policy.Policy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Warden's command-line tool ({@code java -jar warden-cli.jar}).
 *
 * <p>{@code scan [--policy FILE]}: reads JSON Lines on standard input, each an object with at
 * least {@code "id"} and {@code "value"}, and inspects each value as one untrusted request
 * parameter ({@code query.value}) under the default policy in BLOCK mode, or the policy file's
 * settings (a properties file with the same keys as the {@code WARDEN_*} environment variables).
 * Writes one JSON line per input line, in order:
 * {@code {"id":…,"verdict":"allow"|"block","findings":[{"detector":…,"rule":…,"location":…}],"micros":…}}.
 * A malformed line yields {@code {"id":null,"error":"…"}} and the run goes on. Exit status 0 when
 * every line was read, 2 on a usage error.
 */
public final class WardenCli {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WardenCli() {}

  public static void main(String[] args) throws IOException {
    int status = run(args, System.in, System.out, System.err);
    System.out.flush();
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the tool; returns the exit status. */
  public static int run(String[] args, InputStream in, OutputStream out, PrintStream err) throws IOException {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      usage(err);
      return args.length == 0 ? 2 : 0;
    }
    if (args[0].equals("inventory")) {
      return inventory(args, out, err);
    }
    if (!args[0].equals("scan")) {
      err.println("unknown command: " + args[0]);
      usage(err);
      return 2;
    }
    Policy policy;
    try {
      policy = policy(args);
    } catch (IllegalArgumentException | IOException e) {
      err.println("warden scan: " + e.getMessage());
      return 2;
    }
    scan(policy, new InputStreamReader(in, StandardCharsets.UTF_8), out);
    return 0;
  }

  /** {@code inventory DIR|ZIP}: CycloneDX JSON of the jars in a deployment package. */
  private static int inventory(String[] args, OutputStream out, PrintStream err) throws IOException {
    if (args.length != 2) {
      err.println("usage: java -jar warden-cli.jar inventory DIR|function.zip");
      return 2;
    }
    Path pkg = Path.of(args[1]);
    if (!Files.exists(pkg)) {
      err.println("warden inventory: no such file or directory: " + pkg);
      return 2;
    }
    java.util.List<dev.warden.posture.Component> components = dev.warden.posture.Inventory.scanPackage(pkg);
    dev.warden.posture.CycloneDx.write(pkg.getFileName().toString(), components, java.time.Instant.now(),
        new java.io.FilterOutputStream(out) {
          @Override
          public void close() throws IOException {
            flush();
          }
        });
    out.write('\n');
    out.flush();
    java.util.List<dev.warden.detect.Finding> denied = dev.warden.posture.Posture.denied(components,
        dev.warden.posture.PostureSettings.fromEnvironment(System.getenv()).denied());
    for (dev.warden.detect.Finding f : denied) {
      err.println("denied dependency: " + f.evidence());
    }
    return denied.isEmpty() ? 0 : 1;
  }

  private static Policy policy(String[] args) throws IOException {
    Policy.Builder b = Policy.builder().mode(Mode.BLOCK);
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--policy") && i + 1 < args.length) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[++i]), StandardCharsets.UTF_8)) {
          p.load(r);
        }
        Map<String, String> env = new HashMap<>();
        p.stringPropertyNames().forEach(k -> env.put(k, p.getProperty(k)));
        b.environment(env);
      } else {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return b.build();
  }

  /** Scans JSON Lines from {@code in}, writing one result line per input line to {@code out}. */
  static void scan(Policy policy, Reader in, OutputStream out) throws IOException {
    Engine engine = Engine.of(policy, Detectors.discover(WardenCli.class.getClassLoader()), e -> { });
    Invocation inv = Invocation.of("cli", "warden-cli");
    BufferedReader r = new BufferedReader(in, 1 << 16);
    JsonGenerator g = JSON.getFactory().createGenerator(out);
    g.setRootValueSeparator(null);
    String line;
    while ((line = r.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        error(g, "not valid JSON");
        continue;
      }
      if (node == null || !node.isObject() || !node.has("id") || !node.has("value") || !node.get("value").isTextual()) {
        error(g, "each line must be an object with \"id\" and a string \"value\"");
        continue;
      }
      long start = System.nanoTime();
      InputCollector c = engine.collector();
      c.value(Source.QUERY, "query.value", node.get("value").asText());
      Verdict v = engine.inspect(inv, c);
      long micros = (System.nanoTime() - start) / 1000;
      g.writeStartObject();
      g.writeFieldName("id");
      g.writeTree(node.get("id"));
      g.writeStringField("verdict", v.blocked() ? "block" : "allow");
      g.writeArrayFieldStart("findings");
      for (Finding f : v.findings()) {
        g.writeStartObject();
        g.writeStringField("detector", f.detector());
        g.writeStringField("rule", f.rule());
        g.writeStringField("location", f.location());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("micros", micros);
      g.writeEndObject();
      g.writeRaw('\n');
      g.flush();
    }
    g.flush();
  }

  private static void error(JsonGenerator g, String message) throws IOException {
    g.writeStartObject();
    g.writeNullField("id");
    g.writeStringField("error", message);
    g.writeEndObject();
    g.writeRaw('\n');
    g.flush();
  }

  private static void usage(PrintStream err) {
    err.println("usage: java -jar warden-cli.jar scan [--policy FILE] < values.jsonl");
    err.println("       java -jar warden-cli.jar inventory DIR|function.zip   (CycloneDX JSON on stdout;");
    err.println("         exit 1 when a jar is in a denied range, see WARDEN_DENIED_DEPENDENCIES)");
    err.println("  Each input line: {\"id\": ..., \"value\": \"...\"}. Output: one JSON verdict per line.");
    err.println("  FILE: properties with WARDEN_* keys, e.g. WARDEN_ACTIONS=xss=monitor");
  }
}
