package io.tastemaker.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.schema.DatasetType;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpressionsTest {
  @Test
  void an_impression_value_splits_on_bars_without_blanks_or_repeats() {
    assertThat(Impressions.split("73|12| 9 ||12")).containsExactly("73", "12", "9");
    assertThat(Impressions.split("|")).isEmpty();
  }

  @Test
  void rows_with_an_impression_become_impressions_and_others_are_left_out() {
    StringColumn.Builder users = new StringColumn.Builder("USER_ID");
    StringColumn.Builder items = new StringColumn.Builder("ITEM_ID");
    StringColumn.Builder impression = new StringColumn.Builder("IMPRESSION");
    users.append("u1");
    items.append("a");
    impression.append("a|b|c");
    users.append("u2");
    items.append("b");
    impression.appendNull();
    Segment segment = new Segment(
        DatasetType.INTERACTIONS, 2, List.of(users.build(), items.build(), new LongColumn("TIMESTAMP", new long[] {10, 20}, new BitSet()), impression.build()));
    Impressions read = Impressions.fromSegments(List.of(segment));
    assertThat(read.all()).containsExactly(new Impressions.Shown("u1", "a", List.of("a", "b", "c"), 10));
    assertThat(read.ofUsers(u -> !u.equals("u1")).isEmpty()).isTrue();
  }
}
