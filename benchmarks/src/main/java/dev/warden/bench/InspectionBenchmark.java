package dev.warden.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import dev.warden.Engine;
import dev.warden.Invocation;
import dev.warden.Verdict;
import dev.warden.detect.Detectors;
import dev.warden.extract.InputCollector;
import dev.warden.lambda.extract.Extractors;
import dev.warden.lambda.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-event cost on realistic events, benign and with one attack, three ways in one run:
 * <ul>
 *   <li>{@code warden}: the public path, {@code Warden.builder()...protect(handler).handleRequest}
 *       with a no-op handler and a no-op sink (extraction, normalization, detection, decision);</li>
 *   <li>{@code engine}: the bare {@code Engine.inspect} on inputs collected once (detection only);</li>
 *   <li>{@code jackson}: what the Lambda runtime does anyway before any handler runs: deserializing
 *       the same event bytes into its aws-lambda-java-events type with the runtime's serializer.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class InspectionBenchmark {

  @Param({"REST_2K", "HTTP_16K", "SQS_10", "JSON_256K"})
  public Events.Kind event;

  @Param({"benign", "attack"})
  public String variant;

  private byte[] bytes;
  private Object typed;
  private PojoSerializer<?> serializer;
  private RequestHandler<Object, Object> protectedHandler;
  private Engine engine;
  private InputCollector collected;
  private Invocation invocation;
  private Context context;

  @Setup(Level.Trial)
  public void setUp() {
    boolean attack = variant.equals("attack");
    String json = Events.json(event, attack);
    bytes = json.getBytes(StandardCharsets.UTF_8);
    serializer = Events.serializer(event.type());
    typed = Events.typed(event, json);
    protectedHandler = Handlers.protect(event);
    context = FakeContext.create();
    engine = Engine.of(Handlers.policy(), Detectors.discover(), Handlers.NO_SINK);
    collected = engine.collector();
    Extractors.standard().extract(typed, collected);
    invocation = Invocation.of("bench", "bench");
    Verdict v = engine.inspect(invocation, collected);
    if (v.blocked() != attack) {
      throw new IllegalStateException(event + "/" + variant + ": verdict " + v);
    }
    System.out.printf("%n%s/%s: %d bytes, %d inputs, verdict %s%n", event, variant, bytes.length,
        collected.inputs().size(), v.decision());
  }

  @Benchmark
  public Object warden() {
    return Handlers.call(protectedHandler, typed, context);
  }

  @Benchmark
  public Verdict engine() {
    return engine.inspect(invocation, collected);
  }

  @Benchmark
  public Object jackson() {
    return serializer.fromJson(new ByteArrayInputStream(bytes));
  }
}
