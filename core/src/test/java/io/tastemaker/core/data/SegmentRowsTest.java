package io.tastemaker.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.schema.DatasetType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentRowsTest {
  @Test
  void rows_come_out_in_the_order_of_the_fields_asked_with_nulls_and_missing_fields_as_null() {
    BitSet noNulls = new BitSet();
    BitSet secondNull = new BitSet();
    secondNull.set(1);
    Segment segment =
        new Segment(
            DatasetType.INTERACTIONS,
            2,
            List.of(
                new StringColumn("USER_ID", new int[] {0, 1}, List.of("u1", "u2")),
                new LongColumn("TIMESTAMP", new long[] {17, 18}, noNulls),
                new DoubleColumn("EVENT_VALUE", new double[] {2.5, 0}, secondNull),
                new BooleanColumn("FLAG", new byte[] {1, 0})));
    SegmentRows rows = new SegmentRows(segment, List.of("TIMESTAMP", "USER_ID", "EVENT_VALUE", "FLAG", "ABSENT"));
    assertThat(rows.rows()).isEqualTo(2);
    assertThat(rows.row(0)).isEqualTo(Arrays.asList("17", "u1", "2.5", "true", null));
    assertThat(rows.row(1)).isEqualTo(Arrays.asList("18", "u2", null, "false", null));
  }
}
