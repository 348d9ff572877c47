package dev.warden;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenNamesTest {

  @Test
  void contains_afterAdd_isTrueOnlyForEqualNames() {
    SeenNames s = new SeenNames();
    assertThat(s.contains("sku")).isFalse();
    s.add("sku");
    assertThat(s.contains(new String("sku"))).isTrue();
    assertThat(s.contains("SKU")).isFalse();
    assertThat(s.contains("sku ")).isFalse();
  }

  @Test
  void add_nameLongerThanTheLimit_isNotRemembered() {
    SeenNames s = new SeenNames();
    String longName = "k".repeat(SeenNames.MAX_CHARS + 1);
    s.add(longName);
    assertThat(s.contains(longName)).isFalse();
    String edge = "k".repeat(SeenNames.MAX_CHARS);
    s.add(edge);
    assertThat(s.contains(edge)).isTrue();
  }

  @Test
  void add_pastTheLimit_remembersTheFirstNamesOnly() {
    SeenNames s = new SeenNames();
    for (int i = 0; i < SeenNames.MAX_ENTRIES + 50; i++) {
      s.add("key" + i);
    }
    assertThat(s.contains("key0")).isTrue();
    assertThat(s.contains("key" + (SeenNames.MAX_ENTRIES - 1))).isTrue();
    assertThat(s.contains("key" + SeenNames.MAX_ENTRIES)).isFalse();
    // Names that collide in the table are told apart.
    assertThat(s.contains("key" + (SeenNames.MAX_ENTRIES + 49))).isFalse();
  }
}
