package dev.warden.lambda.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FakeContextTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Test
  void remainingTime_countsDownFromDeadline() {
    ManualClock clock = new ManualClock();
    FakeContext ctx = FakeContext.builder().clock(clock).timeout(Duration.ofSeconds(3)).build();
    assertThat(ctx.getRemainingTimeInMillis()).isEqualTo(3000);
    clock.now.set(clock.now.get().plusMillis(1200));
    assertThat(ctx.getRemainingTimeInMillis()).isEqualTo(1800);
    clock.now.set(clock.now.get().plusSeconds(10));
    assertThat(ctx.getRemainingTimeInMillis()).isZero();
  }

  @Test
  void builder_setsIdentityAndDerivesArn() {
    FakeContext ctx = FakeContext.builder().requestId("r-1").functionName("orders").functionVersion("7")
        .region("eu-west-1").accountId("210987654321").memoryLimitMb(1024).build();
    assertThat(ctx.getAwsRequestId()).isEqualTo("r-1");
    assertThat(ctx.getFunctionName()).isEqualTo("orders");
    assertThat(ctx.getFunctionVersion()).isEqualTo("7");
    assertThat(ctx.getInvokedFunctionArn()).isEqualTo("arn:aws:lambda:eu-west-1:210987654321:function:orders");
    assertThat(ctx.getMemoryLimitInMB()).isEqualTo(1024);
    assertThat(ctx.getLogGroupName()).isEqualTo("/aws/lambda/orders");
  }

  @Test
  void builder_rejectsImpossibleValues() {
    assertThatThrownBy(() -> FakeContext.builder().memoryLimitMb(64)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeContext.builder().accountId("12")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeContext.builder().functionName(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void logger_capturesLines() {
    FakeContext ctx = FakeContext.create();
    ctx.getLogger().log("one");
    ctx.getLogger().log("two".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(ctx.logger().lines()).containsExactly("one", "two");
  }

  @Test
  void fixtures_loadWithRuntimeCasing() {
    APIGatewayProxyRequestEvent rest = Fixtures.load("events/apigw-rest.json", APIGatewayProxyRequestEvent.class);
    assertThat(rest.getHttpMethod()).isEqualTo("GET");
    assertThat(rest.getRequestContext().getIdentity().getSourceIp()).isEqualTo("198.51.100.7");
    APIGatewayV2HTTPEvent http = Fixtures.load("/events/apigw-http.json", APIGatewayV2HTTPEvent.class);
    assertThat(http.getCookies()).containsExactly("session=2b1e7c9a41f0", "consent=analytics");
    assertThat(http.getRequestContext().getHttp().getSourceIp()).isEqualTo("203.0.113.24");
    assertThatThrownBy(() -> Fixtures.load("events/none.json", APIGatewayV2HTTPEvent.class))
        .hasMessageContaining("not found");
  }
}
