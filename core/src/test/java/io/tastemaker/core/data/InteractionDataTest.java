package io.tastemaker.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.schema.DatasetType;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class InteractionDataTest {
  private static Segment segment(String[][] rows) {
    StringColumn.Builder users = new StringColumn.Builder("USER_ID");
    StringColumn.Builder items = new StringColumn.Builder("ITEM_ID");
    StringColumn.Builder types = new StringColumn.Builder("EVENT_TYPE");
    DoubleColumn.Builder values = new DoubleColumn.Builder("EVENT_VALUE");
    LongColumn.Builder times = new LongColumn.Builder("TIMESTAMP");
    for (String[] r : rows) {
      users.append(r[0]);
      items.append(r[1]);
      types.append(r[2]);
      if (r[3].isEmpty()) {
        values.appendNull();
      } else {
        values.append(Double.parseDouble(r[3]));
      }
      times.append(Long.parseLong(r[4]));
    }
    return new Segment(DatasetType.INTERACTIONS, rows.length, List.of(users.build(), items.build(), types.build(), values.build(), times.build()));
  }

  private static final Segment SEGMENT =
      segment(
          new String[][] {
            {"u1", "b", "click", "", "20"},
            {"u2", "a", "buy", "5", "10"},
            {"u1", "a", "click", "", "10"},
            {"u1", "a", "click", "", "10"},
            {"u1", "c", "buy", "1", "30"},
          });

  @Test
  void interactions_group_by_user_in_time_order_and_duplicates_count_once() {
    InteractionData data = InteractionData.fromSegments(List.of(SEGMENT), InteractionFilter.ALL);
    assertThat(data.userIds()).containsExactly("u1", "u2");
    assertThat(data.size()).isEqualTo(4);
    int u1 = 0;
    assertThat(java.util.Arrays.stream(data.itemsOf(u1)).mapToObj(data::itemId)).containsExactly("a", "b", "c");
    assertThat(data.timestampsOf(u1)).containsExactly(10, 20, 30);
    assertThat(Float.isNaN(data.eventValue(data.start(u1)))).isTrue();
  }

  @Test
  void reading_from_a_queue_takes_every_segment_off_it_and_reads_what_the_list_reads() {
    java.util.Queue<Segment> queue = new java.util.ArrayDeque<>(List.of(SEGMENT, withContexts()));
    InteractionData fromQueue = InteractionData.fromSegmentQueue(queue, InteractionFilter.ALL, java.util.Set.of("DEVICE"));
    InteractionData fromList = InteractionData.fromSegments(List.of(SEGMENT, withContexts()), InteractionFilter.ALL, java.util.Set.of("DEVICE"));
    assertThat(queue).isEmpty();
    assertThat(fromQueue.userIds()).isEqualTo(fromList.userIds());
    assertThat(fromQueue.itemIds()).isEqualTo(fromList.itemIds());
    for (int u = 0; u < fromList.userCount(); u++) {
      assertThat(fromQueue.itemsOf(u)).containsExactly(fromList.itemsOf(u));
      assertThat(fromQueue.timestampsOf(u)).containsExactly(fromList.timestampsOf(u));
    }
    assertThat(fromQueue.size()).isEqualTo(fromList.size()).isGreaterThan(0);
  }

  @Test
  void the_event_type_filter_keeps_one_type() {
    InteractionData data = InteractionData.fromSegments(List.of(SEGMENT), new InteractionFilter(Optional.of("buy"), OptionalDouble.empty()));
    assertThat(data.size()).isEqualTo(2);
    assertThat(data.itemIds()).containsExactlyInAnyOrder("a", "c");
  }

  @Test
  void a_use_cases_event_types_match_ignoring_case() {
    InteractionData data = InteractionData.fromSegments(List.of(SEGMENT), InteractionFilter.ofTypes(java.util.Set.of("BUY")));
    assertThat(data.itemIds()).containsExactlyInAnyOrder("a", "c");
    assertThat(InteractionData.fromSegments(List.of(SEGMENT), InteractionFilter.ofTypes(java.util.Set.of())).size()).isEqualTo(4);
    assertThat(new InteractionFilter(Optional.of("BUY"), OptionalDouble.empty()).accepts("buy", Double.NaN)).as("a solution's eventType is exact").isFalse();
  }

  @Test
  void the_value_threshold_drops_low_and_missing_values() {
    InteractionData data = InteractionData.fromSegments(List.of(SEGMENT), new InteractionFilter(Optional.empty(), OptionalDouble.of(2)));
    assertThat(data.userIds()).containsExactly("u2");
    assertThat(data.size()).isEqualTo(1);
  }

  @Test
  void a_subset_keeps_item_indices() {
    InteractionData data = InteractionData.fromSegments(List.of(SEGMENT), InteractionFilter.ALL);
    InteractionData only2 = data.subset(new int[] {1});
    assertThat(only2.userIds()).containsExactly("u2");
    assertThat(only2.itemIds()).isEqualTo(data.itemIds());
    assertThat(only2.itemId(only2.item(0))).isEqualTo("a");
  }

  /** A segment with two contextual columns: DEVICE (multi-valued, with a null) and LOCATION. */
  private static Segment withContexts() {
    Segment plain = segment(new String[][] {{"u1", "a", "click", "", "10"}, {"u1", "b", "click", "", "20"}, {"u1", "b", "click", "", "20"}, {"u2", "a", "click", "", "5"}});
    StringColumn.Builder device = new StringColumn.Builder("DEVICE");
    device.append("phone");
    device.append("tv|phone");
    device.append("tv");
    device.appendNull();
    StringColumn.Builder location = new StringColumn.Builder("LOCATION");
    location.append("home");
    location.append("home");
    location.append("home");
    location.appendNull();
    List<Column> columns = new java.util.ArrayList<>();
    for (String name : List.of("USER_ID", "ITEM_ID", "EVENT_TYPE", "EVENT_VALUE", "TIMESTAMP")) {
      columns.add(plain.column(name).orElseThrow());
    }
    columns.add(device.build());
    columns.add(location.build());
    return new Segment(DatasetType.INTERACTIONS, 4, columns);
  }

  @Test
  void each_interaction_keeps_its_context_from_the_contextual_fields() {
    InteractionData data = InteractionData.fromSegments(List.of(withContexts()), InteractionFilter.ALL, java.util.Set.of("DEVICE", "LOCATION"));
    ContextTable contexts = data.contexts();
    // u1: a (phone, home), b (tv|phone, home), b (tv, home): the last two differ only in context, so both stay.
    assertThat(data.size()).isEqualTo(4);
    assertThat(contexts.names(data.context(0))).containsExactlyInAnyOrder("DEVICE=phone", "LOCATION=home");
    assertThat(contexts.names(data.context(1))).containsExactlyInAnyOrder("DEVICE=tv", "DEVICE=phone", "LOCATION=home");
    assertThat(contexts.names(data.context(2))).containsExactlyInAnyOrder("DEVICE=tv", "LOCATION=home");
    assertThat(data.context(data.start(1))).isEqualTo(ContextTable.NONE);
    assertThat(contexts.vocabulary()).containsExactlyInAnyOrder("DEVICE=phone", "DEVICE=tv", "LOCATION=home");
    // A subset speaks the same contexts.
    InteractionData only1 = data.subset(new int[] {0});
    assertThat(only1.contexts().names(only1.context(1))).isEqualTo(contexts.names(data.context(1)));
    assertThat(only1.contexts().vocabulary()).isEqualTo(contexts.vocabulary());
  }

  @Test
  void without_contextual_fields_no_interaction_has_a_context() {
    InteractionData data = InteractionData.fromSegments(List.of(withContexts()), InteractionFilter.ALL);
    assertThat(data.contexts().size()).isZero();
    assertThat(data.context(0)).isEqualTo(ContextTable.NONE);
    // Without context the two b events at time 20 are the same event.
    assertThat(data.size()).isEqualTo(3);
  }

  @Test
  void unused_nulls_bitset_is_ok() {
    assertThat(new LongColumn("x", new long[] {1}, new BitSet()).isNull(0)).isFalse();
  }
}
