package dev.warden.event;

import dev.warden.Invocation;
import dev.warden.detect.Finding;
import dev.warden.extract.Source;
import dev.warden.policy.Policy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One example event of every kind, on a realistic HTTP invocation; shared by event tests and docs. */
final class Events {

  static final Instant T = Instant.parse("2026-11-22T10:15:30.123Z");
  static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders:live";

  private Events() {}

  static Invocation http() {
    return new Invocation("8f5c7e9a-3b1d-4c2e-9f00-1a2b3c4d5e6f", "orders", "7", ARN, "apigateway-rest",
        Map.of("source-ip", "203.0.113.9", "method", "GET", "path", "/orders", "user-agent", "curl/8.5.0"));
  }

  static Invocation queue() {
    return new Invocation("c0ffee00-1111-2222-3333-444455556666", "orders-worker", "$LATEST",
        "arn:aws:lambda:eu-west-1:123456789012:function:orders-worker", "sqs", null);
  }

  static Finding sqli() {
    return new Finding("sqli", "tautology", Source.QUERY, "query.id", "1' OR '1'='1");
  }

  /** Every kind, by a readable name. */
  static Map<String, SecurityEvent> all() {
    Map<String, SecurityEvent> m = new LinkedHashMap<>();
    m.put("finding-blocked", SecurityEvent.finding(T, http(), sqli(), "blocked"));
    m.put("finding-alerted", SecurityEvent.finding(T, http(),
        new Finding("xss", "script-tag", Source.BODY, "body.comment", "<script>alert(1)</script>"), "alerted"));
    m.put("limit-exceeded", SecurityEvent.finding(T, queue(),
        new Finding(Policy.LIMIT_DETECTOR, "max-depth", Source.MESSAGE, "sqs[0].body", "nesting deeper than 64"),
        "blocked"));
    m.put("guard-error", new SecurityEvent(SecurityEvent.GUARD_ERROR, T, http(), null, "allowed",
        "detector sqli failed: java.lang.IllegalStateException; invocation continues (fail-open)"));
    m.put("guard-violation", SecurityEvent.guardViolation(T, queue(),
        new Finding("egress", "not-allowed", Source.OTHER, "169.254.169.254:80", "connect 169.254.169.254:80"),
        "blocked"));
    m.put("suppressed", SecurityEvent.suppressed(T, http(), T.minusMillis(900),
        Map.of(SecurityEvent.FINDING, 41L, SecurityEvent.GUARD_ERROR, 2L)));
    return m;
  }
}
