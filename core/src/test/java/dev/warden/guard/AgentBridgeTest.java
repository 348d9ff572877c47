package dev.warden.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bridge's argument handling; the child-JVM tests of warden-lambda cover the decisions. */
class AgentBridgeTest {

  @Test
  void writes_readOnlyOrEmptyOptions_isRead() {
    assertThat(AgentBridge.writes(Set.of())).isFalse();
    assertThat(AgentBridge.writes(EnumSet.of(StandardOpenOption.READ))).isFalse();
    assertThat(AgentBridge.writes(null)).isFalse();
  }

  @Test
  void writes_anyWritingOption_isWrite() {
    for (StandardOpenOption o : EnumSet.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
        StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.DELETE_ON_CLOSE)) {
      assertThat(AgentBridge.writes(EnumSet.of(StandardOpenOption.READ, o))).as(o.name()).isTrue();
    }
  }

  @Test
  void apply_unknownKindOrUnexpectedArguments_letsThrough() {
    AgentBridge bridge = new AgentBridge();
    assertThat(bridge.apply("from-a-newer-agent", new Object[] {"x", null})).isNull();
    assertThat(bridge.apply("socket", new Object[] {"not an address", null})).isNull();
    assertThat(bridge.apply("process", new Object[] {42, null})).isNull();
    assertThat(bridge.apply("file-open", new Object[] {"not a path", Set.of()})).isNull();
  }
}
