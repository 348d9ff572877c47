package dev.warden;

import java.util.Map;
import java.util.Objects;

/**
 * Who is being invoked and why: the context a security event needs. Built by the adapter from the
 * Lambda context and the event; core never sees AWS types.
 *
 * @param requestId the platform's request id
 * @param functionName function name
 * @param functionVersion function version ({@code $LATEST} or a number)
 * @param functionArn invoked function ARN (may carry an alias)
 * @param trigger stable kebab-case trigger id such as {@code apigateway-rest} or {@code sqs}
 * @param request request attributes for HTTP triggers: {@code source-ip}, {@code method},
 *     {@code path}, {@code user-agent}; empty for other triggers
 */
public record Invocation(
    String requestId,
    String functionName,
    String functionVersion,
    String functionArn,
    String trigger,
    Map<String, String> request) {

  public Invocation {
    requestId = Objects.requireNonNullElse(requestId, "");
    functionName = Objects.requireNonNullElse(functionName, "");
    functionVersion = Objects.requireNonNullElse(functionVersion, "");
    functionArn = Objects.requireNonNullElse(functionArn, "");
    trigger = Objects.requireNonNullElse(trigger, "unknown");
    request = request == null ? Map.of() : Map.copyOf(request);
  }

  /** An invocation with only a request id and function name, e.g. for tools and tests. */
  public static Invocation of(String requestId, String functionName) {
    return new Invocation(requestId, functionName, null, null, null, null);
  }

  /** The same invocation with the trigger and request attributes an extractor found. */
  public Invocation withTrigger(String newTrigger, Map<String, String> newRequest) {
    return new Invocation(requestId, functionName, functionVersion, functionArn, newTrigger, newRequest);
  }
}
