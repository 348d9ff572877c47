package dev.warden.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.warden.Engine;
import dev.warden.Invocation;
import dev.warden.Verdict;
import dev.warden.detect.Detectors;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.lambda.testing.FakeContext;
import dev.warden.policy.Policy;
import java.time.Duration;
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
 * Hostile bodies: long runs of what makes scanners work hardest (quotes, comment openers,
 * {@code ${}, {@code <}, escapes, deep nesting).
 * <ul>
 *   <li>{@code warden}: the public path with the default limits (a body over
 *       {@code maxValueChars} is inspected up to the limit and reported);</li>
 *   <li>{@code engineUnbounded}: the bare engine with {@code maxValueChars} raised to the full
 *       size, so the {@code chars} parameter shows how cost grows with length (linear: 4x the
 *       characters, about 4x the time).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class AdversarialBenchmark {

  @Param({"QUOTES", "DQUOTES", "COMMENTS", "JNDI", "ANGLE", "TAGS", "PERCENT", "ENTITIES", "BACKSLASH", "DOTS",
      "NESTING"})
  public Events.Hostile shape;

  @Param({"262144", "1048576"})
  public int chars;

  private APIGatewayV2HTTPEvent event;
  private RequestHandler<Object, Object> protectedHandler;
  private Context context;
  private Engine engine;
  private InputCollector collected;
  private Invocation invocation;

  @Setup(Level.Trial)
  public void setUp() {
    String text = shape.text(chars);
    event = Events.httpEvent(text, shape.contentType());
    protectedHandler = Handlers.protect(Events.Kind.HTTP_16K);
    context = FakeContext.create();
    Policy unbounded = Handlers.policy().toBuilder().maxValueChars(chars).timeBudget(Duration.ofSeconds(30)).build();
    engine = Engine.of(unbounded, Detectors.discover(), Handlers.NO_SINK);
    collected = engine.collector();
    collected.value(Source.BODY, "body", text);
    invocation = Invocation.of("bench", "bench");
  }

  @Benchmark
  public Object warden() {
    return Handlers.call(protectedHandler, event, context);
  }

  @Benchmark
  public Verdict engineUnbounded() {
    return engine.inspect(invocation, collected);
  }
}
