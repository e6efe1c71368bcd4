package io.tastemaker.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.schema.DatasetType;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowRemovalTest {
  private static Segment threeRows() {
    BitSet nulls = new BitSet();
    nulls.set(2);
    return new Segment(
        DatasetType.INTERACTIONS,
        3,
        List.of(
            new StringColumn("USER_ID", new int[] {0, 1, 0}, List.of("alice", "bob")),
            new StringColumn("ITEM_ID", new int[] {0, 1, 2}, List.of("i1", "i2", "i3")),
            new LongColumn("TIMESTAMP", new long[] {10, 20, 30}, new BitSet()),
            new DoubleColumn("EVENT_VALUE", new double[] {1, 2, 0}, nulls),
            new BooleanColumn("FLAG", new byte[] {1, 0, -1})));
  }

  @Test
  void the_users_rows_go_and_their_ids_leave_the_dictionaries() {
    Segment without = RowRemoval.without(threeRows(), "USER_ID", Set.of("alice")).orElseThrow();
    assertThat(without.rows()).isEqualTo(1);
    assertThat(without.strings("USER_ID").dictionary()).containsExactly("bob");
    assertThat(without.strings("ITEM_ID").dictionary()).containsExactly("i2");
    assertThat(without.longs("TIMESTAMP").value(0)).isEqualTo(20);
    assertThat(new SegmentRows(without, List.of("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_VALUE", "FLAG")).row(0)).containsExactly("bob", "i2", "20", "2.0", "false");
  }

  @Test
  void nulls_survive_and_a_segment_without_the_users_is_left_as_it_is() {
    Segment without = RowRemoval.without(threeRows(), "USER_ID", Set.of("bob")).orElseThrow();
    assertThat(without.column("EVENT_VALUE").orElseThrow().isNull(1)).isTrue();
    assertThat(without.column("FLAG").orElseThrow().isNull(1)).isTrue();
    assertThat(RowRemoval.without(threeRows(), "USER_ID", Set.of("carol"))).isEmpty();
    assertThat(RowRemoval.without(threeRows(), "NO_SUCH", Set.of("alice"))).isEmpty();
  }
}
