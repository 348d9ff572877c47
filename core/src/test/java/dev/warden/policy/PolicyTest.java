package dev.warden.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {

  @Test
  void defaults_blockModeFailOpen() {
    Policy p = Policy.defaults();
    assertThat(p.mode()).isEqualTo(Mode.BLOCK);
    assertThat(p.failClosed()).isFalse();
    assertThat(p.limits()).isEqualTo(Limits.DEFAULT);
    assertThat(p.actionFor("sqli")).isEqualTo(Action.BLOCK);
  }

  @Test
  void environment_everyVariable_overridesBuilder() {
    Policy p = Policy.builder().mode(Mode.BLOCK).action("sqli", Action.BLOCK).exclude("xss", "body.html")
        .environment(Map.of(
            "WARDEN_MODE", "monitor",
            "WARDEN_FAIL_CLOSED", "true",
            "WARDEN_ACTIONS", "sqli=off, path=monitor",
            "WARDEN_EXCLUSIONS", "sqli@body.query,*@header.referer",
            "WARDEN_MAX_BYTES", "1000",
            "WARDEN_MAX_DEPTH", "5",
            "WARDEN_MAX_FIELDS", "50",
            "WARDEN_MAX_VALUE_CHARS", "100",
            "WARDEN_TIME_BUDGET_MS", "3"))
        .build();
    assertThat(p.mode()).isEqualTo(Mode.MONITOR);
    assertThat(p.failClosed()).isTrue();
    assertThat(p.actionFor("sqli")).isEqualTo(Action.OFF);
    assertThat(p.actionFor("path")).isEqualTo(Action.MONITOR);
    assertThat(p.excluded("xss", "body.html")).isFalse();
    assertThat(p.excluded("sqli", "body.query")).isTrue();
    assertThat(p.excluded("ssrf", "header.referer")).isTrue();
    assertThat(p.limits()).isEqualTo(new Limits(1000, 5, 50, 100, Duration.ofMillis(3)));
  }

  @Test
  void ignoredHeaders_default_transportHeadersAndPrefixesCaseInsensitive() {
    Policy p = Policy.defaults();
    assertThat(p.ignoresHeader("X-Amzn-Trace-Id")).isTrue();
    assertThat(p.ignoresHeader("CloudFront-Viewer-Country")).isTrue();
    assertThat(p.ignoresHeader("User-Agent")).isFalse();
    assertThat(p.ignoredHeaders()).isEqualTo(Policy.DEFAULT_IGNORED_HEADERS);
  }

  @Test
  void environment_ignoredHeaders_defaultsTokenAddsAndListReplaces() {
    Policy added = Policy.builder().environment(Map.of("WARDEN_IGNORED_HEADERS", "defaults, X-Request-Id,x-team-*")).build();
    assertThat(added.ignoresHeader("x-request-id")).isTrue();
    assertThat(added.ignoresHeader("X-Team-Token")).isTrue();
    assertThat(added.ignoresHeader("via")).isTrue();
    Policy replaced = Policy.builder().environment(Map.of("WARDEN_IGNORED_HEADERS", "x-request-id")).build();
    assertThat(replaced.ignoresHeader("via")).isFalse();
    assertThat(replaced.toBuilder().build().ignoredHeaders()).containsExactly("x-request-id");
    Policy none = Policy.builder().environment(Map.of("WARDEN_IGNORED_HEADERS", ",")).build();
    assertThat(none.ignoredHeaders()).isEmpty();
  }

  @Test
  void environment_badIgnoredHeader_failsNamingTheVariable() {
    assertThatThrownBy(() -> Policy.builder().environment(Map.of("WARDEN_IGNORED_HEADERS", "via,bad header")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WARDEN_IGNORED_HEADERS")
        .hasMessageContaining("bad header");
  }

  @Test
  void environment_maxDecompressedBytes_setsTheLimit() {
    Policy p = Policy.builder().environment(Map.of("WARDEN_MAX_DECOMPRESSED_BYTES", "4096")).build();
    assertThat(p.limits().maxDecompressedBytes()).isEqualTo(4096);
    assertThat(Policy.defaults().limits().maxDecompressedBytes()).isEqualTo(Limits.DEFAULT_MAX_DECOMPRESSED_BYTES);
    assertThatThrownBy(() -> Policy.builder().environment(Map.of("WARDEN_MAX_DECOMPRESSED_BYTES", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDecompressedBytes");
  }

  @Test
  void environment_blankOrUnrelatedVariables_changeNothing() {
    Policy p = Policy.builder().environment(Map.of("WARDEN_MODE", " ", "PATH", "/usr/bin")).build();
    assertThat(p.mode()).isEqualTo(Mode.BLOCK);
  }

  @Test
  void environment_badMode_failsNamingTheVariable() {
    assertThatThrownBy(() -> Policy.builder().environment(Map.of("WARDEN_MODE", "paranoid")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WARDEN_MODE").hasMessageContaining("paranoid");
  }

  @Test
  void environment_badNumber_failsNamingTheVariable() {
    assertThatThrownBy(() -> Policy.builder().environment(Map.of("WARDEN_MAX_DEPTH", "deep")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WARDEN_MAX_DEPTH");
    assertThatThrownBy(() -> Policy.builder().environment(Map.of("WARDEN_MAX_FIELDS", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFields");
  }

  @Test
  void builder_badDetectorId_failsFast() {
    assertThatThrownBy(() -> Policy.builder().action("SQL Injection", Action.OFF))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kebab-case");
  }

  @Test
  void exclusion_parse_requiresDetectorAndPattern() {
    assertThat(Exclusion.parse("sqli@body.*")).isEqualTo(new Exclusion("sqli", "body.*"));
    assertThatThrownBy(() -> Exclusion.parse("body.query")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Exclusion.parse("sqli@")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exclusion_glob_matchesStarsOnly() {
    assertThat(Exclusion.glob("body.*", "body.items[2].name")).isTrue();
    assertThat(Exclusion.glob("header.x-*", "header.x-custom")).isTrue();
    assertThat(Exclusion.glob("body.note", "body.notes")).isFalse();
    assertThat(Exclusion.glob("*.comment", "body.post.comment")).isTrue();
    assertThat(Exclusion.glob("a*b*c", "aXXbYYc")).isTrue();
    assertThat(Exclusion.glob("a*b*c", "aXXbYY")).isFalse();
  }

  @Test
  void exclusion_globOnAdversarialPath_staysBounded() {
    String path = "a".repeat(20_000);
    long start = System.nanoTime();
    assertThat(Exclusion.glob("*a*a*a*a*b", path)).isFalse();
    // Backstop only: quadratic worst case on 20k chars is far below this.
    assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
  }

  @Test
  void toBuilder_roundTrips() {
    Policy p = Policy.builder().mode(Mode.MONITOR).action("xss", Action.OFF).exclude("sqli", "q").maxDepth(7).build();
    Policy q = p.toBuilder().build();
    assertThat(q.toString()).isEqualTo(p.toString());
  }

  @Test
  void ids_kebabCaseOnly() {
    assertThat(Ids.isValid("limit-exceeded")).isTrue();
    assertThat(Ids.isValid("sqli2")).isTrue();
    assertThat(Ids.isValid("-x")).isFalse();
    assertThat(Ids.isValid("a--b")).isFalse();
    assertThat(Ids.isValid("Upper")).isFalse();
    assertThat(Ids.isValid("")).isFalse();
  }
}
