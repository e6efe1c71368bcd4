package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LaneHistoriesTest {
  /** The distinct items a row's state had read, in reading order. */
  private static int[] read(LaneHistories h, int row) {
    return Arrays.copyOf(h.rowItems[row], h.rowCounts[row]);
  }

  @Test
  void a_lane_keeps_its_user_s_items_across_chunks_until_a_new_user_starts() {
    // Two lanes, two steps a chunk: row = step * 2 + lane.
    LaneHistories h = new LaneHistories(2, 4);
    h.read(0, 0, 5, true, false);
    h.read(1, 1, 0, true, true);
    h.read(0, 2, 7, false, false);
    h.read(1, 3, 9, true, false);
    assertThat(read(h, 0)).containsExactly(5);
    assertThat(read(h, 1)).as("an idle lane reads nothing").isEmpty();
    assertThat(read(h, 2)).containsExactly(5, 7);
    assertThat(read(h, 3)).containsExactly(9);

    // The next chunk reuses the rows; lane 0 goes on with its user and reads 5 again, lane 1 starts another user.
    h.read(0, 0, 5, false, false);
    h.read(1, 1, 4, true, false);
    h.read(0, 2, 8, false, false);
    h.read(1, 3, 9, false, false);
    assertThat(read(h, 0)).as("an item read twice counts once").containsExactly(5, 7);
    assertThat(read(h, 1)).as("the previous user's items are gone").containsExactly(4);
    assertThat(read(h, 2)).containsExactly(5, 7, 8);
    assertThat(read(h, 3)).containsExactly(4, 9);

    h.reset();
    h.read(0, 0, 7, false, false);
    assertThat(read(h, 0)).as("after a reset, nothing read before counts").containsExactly(7);
  }

  @Test
  void rows_loaded_before_a_new_user_keep_the_previous_user_s_items() {
    LaneHistories h = new LaneHistories(1, 40);
    for (int step = 0; step < 20; step++) {
      h.read(0, step, step, step == 0, false);
    }
    // More items than the list first holds, then a new user mid-chunk.
    for (int step = 20; step < 40; step++) {
      h.read(0, step, 100 + step, step == 20, false);
    }
    assertThat(read(h, 19)).hasSize(20).startsWith(0, 1, 2).endsWith(19);
    assertThat(read(h, 5)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(read(h, 20)).containsExactly(120);
    assertThat(read(h, 39)).hasSize(20).startsWith(120).endsWith(139);
  }
}
