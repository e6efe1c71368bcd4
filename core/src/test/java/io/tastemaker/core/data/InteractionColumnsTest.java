package io.tastemaker.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The compact columns of {@link InteractionData}: what they cost, and that they give back every value. */
class InteractionColumnsTest {
  @Test
  void plain_interactions_cost_eight_bytes_each_plus_the_user_offsets() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int k = 0; k < 1_000; k++) {
      b.add("u" + (k % 10), "i" + (k % 37), 1_600_000_000L + k, Optional.empty(), Double.NaN);
    }
    InteractionData data = b.build();
    assertThat(data.size()).isEqualTo(1_000);
    // items and time offsets, 4 bytes each, and 11 user offsets.
    assertThat(data.columnBytes()).isEqualTo(8L * 1_000 + 4L * 11);
    assertThat(data.timestamp(data.start(3))).isEqualTo(1_600_000_003L);
    assertThat(data.eventType(0)).isEqualTo(-1);
    assertThat(data.eventValue(0)).isNaN();
    assertThat(data.context(0)).isEqualTo(ContextTable.NONE);
  }

  @Test
  void a_span_beyond_32_bits_keeps_whole_times_and_optional_columns_appear_when_one_value_does() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    b.add("u", "a", -5L, Optional.empty(), Double.NaN);
    b.add("u", "b", 1L << 40, Optional.of("click"), Double.NaN);
    b.add("u", "c", 7L, Optional.empty(), 2.5, List.of("DEVICE=tv"));
    b.add("v", "a", 0xFFFF_FFFFL, Optional.empty(), Double.NaN);
    b.add("w", "a", 0L, Optional.empty(), Double.NaN);
    InteractionData data = b.build();
    int u = data.userIds().indexOf("u");
    assertThat(data.timestampsOf(u)).containsExactly(-5L, 7L, 1L << 40);
    assertThat(data.eventType(data.start(u))).isEqualTo(-1);
    assertThat(data.eventTypes().get(data.eventType(data.start(u) + 2))).isEqualTo("click");
    assertThat(data.eventValue(data.start(u) + 1)).isEqualTo(2.5f);
    assertThat(data.contexts().features(data.context(data.start(u) + 1))).hasSize(1);
    assertThat(data.context(data.start(u))).isEqualTo(ContextTable.NONE);
    // 5 items, 5 whole times, 5 types, 5 values, 5 contexts, 4 user offsets.
    assertThat(data.columnBytes()).isEqualTo(4L * 5 + 8L * 5 + 4L * 5 + 4L * 5 + 4L * 5 + 4L * 4);
    InteractionData vw = data.subset(new int[] {data.userIds().indexOf("v"), data.userIds().indexOf("w")});
    assertThat(vw.timestampsOf(0)).containsExactly(0xFFFF_FFFFL);
    assertThat(vw.timestampsOf(1)).containsExactly(0L);
    assertThat(vw.columnBytes()).isEqualTo(8L * 2 + 4L * 3);
  }

  @Test
  void identical_events_still_count_once_and_different_ones_at_the_same_time_twice() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    b.add("u", "a", 10L, Optional.of("click"), 1.0);
    b.add("u", "a", 10L, Optional.of("click"), 1.0);
    b.add("u", "a", 10L, Optional.of("buy"), 1.0);
    b.add("u", "b", 5L, Optional.empty(), Double.NaN);
    b.add("u", "b", 5L, Optional.empty(), Double.NaN);
    InteractionData data = b.build();
    assertThat(data.size()).isEqualTo(3);
    assertThat(data.item(0)).isEqualTo(data.itemIds().indexOf("b"));
  }
}
