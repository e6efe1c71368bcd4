package io.tastemaker.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TouchedRowsTest {
  @Test
  void rows_are_listed_once_in_the_order_first_touched_and_clearing_forgets_them() {
    TouchedRows rows = new TouchedRows(10);
    rows.add(7);
    rows.add(2);
    rows.add(7);
    rows.add(9);
    assertThat(rows.size()).isEqualTo(3);
    assertThat(new int[] {rows.get(0), rows.get(1), rows.get(2)}).containsExactly(7, 2, 9);
    assertThat(rows.contains(2)).isTrue();
    assertThat(rows.contains(3)).isFalse();
    rows.clear();
    assertThat(rows.size()).isZero();
    assertThat(rows.contains(7)).isFalse();
    rows.add(7);
    assertThat(rows.size()).isEqualTo(1);
  }

  @Test
  void a_union_keeps_each_row_once_and_everything_lists_the_whole_table() {
    TouchedRows a = new TouchedRows(200);
    TouchedRows b = new TouchedRows(200);
    for (int i = 0; i < 150; i += 2) {
      a.add(i);
    }
    for (int i = 0; i < 200; i += 3) {
      b.add(i);
    }
    a.addAll(b);
    // Even rows below 150, and the multiples of three: 75 + 67 - 25 shared.
    assertThat(a.size()).isEqualTo(75 + 67 - 25);
    TouchedRows all = new TouchedRows(5);
    all.add(3);
    all.addEverything();
    assertThat(all.size()).isEqualTo(5);
    assertThat(all.get(0)).isEqualTo(3);
  }
}
