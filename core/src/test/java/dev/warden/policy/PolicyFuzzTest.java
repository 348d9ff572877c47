package dev.warden.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the {@code WARDEN_*} environment parser: for any map of variables
 * (known keys with arbitrary values, and arbitrary keys), {@link Policy.Builder#environment}
 * either yields a valid, positive-limited policy or throws {@link IllegalArgumentException};
 * nothing else escapes.
 */
class PolicyFuzzTest {

  private static final List<String> KEYS = List.of("WARDEN_MODE", "WARDEN_FAIL_CLOSED", "WARDEN_ACTIONS",
      "WARDEN_EXCLUSIONS", "WARDEN_MAX_BYTES", "WARDEN_MAX_DEPTH", "WARDEN_MAX_FIELDS", "WARDEN_MAX_VALUE_CHARS",
      "WARDEN_TIME_BUDGET_MS", "WARDEN_HANDLER");

  @FuzzTest(maxDuration = "30s")
  void environment_arbitraryVariables_policyOrIllegalArgument(FuzzedDataProvider data) {
    Map<String, String> env = new HashMap<>();
    int n = data.consumeInt(0, 12);
    for (int i = 0; i < n; i++) {
      String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(24);
      env.put(key, data.consumeString(200));
    }
    Policy p;
    try {
      p = Policy.builder().environment(env).build();
    } catch (IllegalArgumentException expected) {
      return;
    }
    assertThat(p.mode()).isNotNull();
    assertThat(p.limits().maxBytes()).isPositive();
    assertThat(p.limits().maxDepth()).isPositive();
    assertThat(p.limits().maxFields()).isPositive();
    assertThat(p.limits().maxValueChars()).isPositive();
    assertThat(p.limits().timeBudget().isNegative() || p.limits().timeBudget().isZero()).isFalse();
    assertThat(p.actions()).doesNotContainKey(null);
    // Immutable once built.
    assertThat(p.toBuilder().build().toString()).isEqualTo(p.toString());
  }
}
