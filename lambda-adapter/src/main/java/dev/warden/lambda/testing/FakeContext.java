package dev.warden.lambda.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A Lambda {@link Context} for tests. Remaining time counts down from a deadline on a clock you
 * choose; the logger keeps every line so tests can assert on it.
 *
 * <pre>{@code
 * FakeContext ctx = FakeContext.builder().functionName("orders").timeout(Duration.ofSeconds(3)).build();
 * handler.handleRequest(event, ctx);
 * assertThat(ctx.logger().lines()).isEmpty();
 * }</pre>
 *
 * Thread-safe: the logger is synchronized and everything else is immutable.
 */
public final class FakeContext implements Context {

  private final String requestId;
  private final String functionName;
  private final String functionVersion;
  private final String functionArn;
  private final int memoryLimitMb;
  private final String logGroupName;
  private final String logStreamName;
  private final Instant deadline;
  private final Clock clock;
  private final CapturingLogger logger = new CapturingLogger();

  private FakeContext(Builder b) {
    this.requestId = b.requestId;
    this.functionName = b.functionName;
    this.functionVersion = b.functionVersion;
    this.functionArn = b.functionArn != null ? b.functionArn
        : "arn:aws:lambda:" + b.region + ":" + b.accountId + ":function:" + b.functionName;
    this.memoryLimitMb = b.memoryLimitMb;
    this.logGroupName = "/aws/lambda/" + b.functionName;
    this.logStreamName = "2026/01/01/[" + b.functionVersion + "]0123456789abcdef";
    this.clock = b.clock;
    this.deadline = b.deadline != null ? b.deadline : b.clock.instant().plus(b.timeout);
  }

  /** A context with defaults: random request id, function {@code test-function}, 512 MB, 15 s. */
  public static FakeContext create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return logGroupName;
  }

  @Override
  public String getLogStreamName() {
    return logStreamName;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return functionVersion;
  }

  @Override
  public String getInvokedFunctionArn() {
    return functionArn;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  /** Milliseconds until the deadline on this context's clock, never negative. */
  @Override
  public int getRemainingTimeInMillis() {
    long ms = Duration.between(clock.instant(), deadline).toMillis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ms));
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryLimitMb;
  }

  @Override
  public CapturingLogger getLogger() {
    return logger;
  }

  /** Same as {@link #getLogger()}. */
  public CapturingLogger logger() {
    return logger;
  }

  /** A {@link LambdaLogger} that keeps every line. */
  public static final class CapturingLogger implements LambdaLogger {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void log(String message) {
      lines.add(message);
    }

    @Override
    public void log(byte[] message) {
      log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
      log(message);
    }

    /** Every line logged so far, oldest first. */
    public synchronized List<String> lines() {
      return Collections.unmodifiableList(new ArrayList<>(lines));
    }

    public synchronized void clear() {
      lines.clear();
    }
  }

  /** Builds a {@link FakeContext}. Each setter checks its argument. Not thread-safe. */
  public static final class Builder {
    private String requestId = UUID.randomUUID().toString();
    private String functionName = "test-function";
    private String functionVersion = "$LATEST";
    private String functionArn;
    private String region = "us-east-1";
    private String accountId = "123456789012";
    private int memoryLimitMb = 512;
    private Duration timeout = Duration.ofSeconds(15);
    private Instant deadline;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder requestId(String v) {
      this.requestId = Objects.requireNonNull(v, "requestId");
      return this;
    }

    public Builder functionName(String v) {
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("functionName must not be blank");
      }
      this.functionName = v;
      return this;
    }

    public Builder functionVersion(String v) {
      this.functionVersion = Objects.requireNonNull(v, "functionVersion");
      return this;
    }

    /** Overrides the ARN otherwise built from region, account and function name. */
    public Builder functionArn(String v) {
      this.functionArn = Objects.requireNonNull(v, "functionArn");
      return this;
    }

    public Builder region(String v) {
      this.region = Objects.requireNonNull(v, "region");
      return this;
    }

    public Builder accountId(String v) {
      if (v == null || v.length() != 12 || !v.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("accountId must be 12 digits: " + v);
      }
      this.accountId = v;
      return this;
    }

    public Builder memoryLimitMb(int v) {
      if (v < 128 || v > 10240) {
        throw new IllegalArgumentException("memory must be 128..10240 MB like Lambda's: " + v);
      }
      this.memoryLimitMb = v;
      return this;
    }

    /** Deadline = clock's now at build time + timeout. */
    public Builder timeout(Duration v) {
      if (v == null || v.isNegative()) {
        throw new IllegalArgumentException("timeout must be >= 0: " + v);
      }
      this.timeout = v;
      return this;
    }

    /** An absolute deadline (wins over {@link #timeout}). */
    public Builder deadline(Instant v) {
      this.deadline = Objects.requireNonNull(v, "deadline");
      return this;
    }

    /** The clock remaining time is measured on (a fixed or offset clock in tests). */
    public Builder clock(Clock v) {
      this.clock = Objects.requireNonNull(v, "clock");
      return this;
    }

    public FakeContext build() {
      return new FakeContext(this);
    }
  }
}
