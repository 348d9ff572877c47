package dev.warden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanNamesTest {

  @Test
  void contains_afterAdd_isTrueOnlyForEqualNames() {
    CleanNames c = new CleanNames();
    assertThat(c.contains("sku")).isFalse();
    assertThat(c.add("sku")).isTrue();
    assertThat(c.add(new String("sku"))).isTrue();
    assertThat(c.contains(new String("sku"))).isTrue();
    assertThat(c.contains("SKU")).isFalse();
    assertThat(c.contains("sku ")).isFalse();
  }

  @Test
  void add_nameLongerThanTheLimit_isRefused() {
    CleanNames c = new CleanNames();
    String longName = "k".repeat(CleanNames.MAX_CHARS + 1);
    assertThat(c.add(longName)).isFalse();
    assertThat(c.contains(longName)).isFalse();
    String edge = "k".repeat(CleanNames.MAX_CHARS);
    assertThat(c.add(edge)).isTrue();
    assertThat(c.contains(edge)).isTrue();
  }

  @Test
  void add_pastTheLimit_refusesAndKeepsWhatItHas() {
    CleanNames c = new CleanNames();
    List<String> kept = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < CleanNames.MAX_ENTRIES * 3; i++) {
      String name = "key" + i;
      if (c.add(name)) {
        kept.add(name);
      } else {
        refused++;
        assertThat(c.contains(name)).as(name).isFalse();
      }
    }
    assertThat(kept).hasSizeLessThanOrEqualTo(CleanNames.MAX_ENTRIES).hasSizeGreaterThan(CleanNames.MAX_ENTRIES / 2);
    assertThat(refused).isGreaterThanOrEqualTo(CleanNames.MAX_ENTRIES * 2);
    assertThat(kept).allSatisfy(name -> assertThat(c.contains(name)).as(name).isTrue());
  }

  /** Names that all hash to one slot: probes stop, and the rest are refused, not looped over. */
  @Test
  void add_collidingNames_probesAreBounded() {
    CleanNames c = new CleanNames();
    // "Aa" and "BB" share a hash code; so do all their concatenations of equal length.
    List<String> same = new ArrayList<>();
    for (int bits = 0; bits < 32; bits++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < 5; k++) {
        sb.append((bits >> k & 1) == 0 ? "Aa" : "BB");
      }
      same.add(sb.toString());
    }
    int added = 0;
    for (String s : same) {
      added += c.add(s) ? 1 : 0;
    }
    assertThat(added).isEqualTo(CleanNames.MAX_PROBES);
    assertThat(same.subList(0, CleanNames.MAX_PROBES)).allSatisfy(s -> assertThat(c.contains(s)).isTrue());
    assertThat(c.contains(same.get(CleanNames.MAX_PROBES))).isFalse();
  }
}
