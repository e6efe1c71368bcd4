package io.tastemaker.core.hrnn;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The distinct items each training lane's user has read so far (across chunks, until the lane
 * starts another user), and for each row of a chunk the part of them its state had read: the items
 * whose logits the history bias applies to at that row, as in serving ({@link UserState#seen}).
 */
final class LaneHistories {
  private final int[][] items;
  private final int[] counts;
  private final BitSet[] member;
  /** Per row of the chunk: its lane's list of items at that step; the first {@link #rowCounts} of it were read. */
  final int[][] rowItems;
  final int[] rowCounts;

  LaneHistories(int lanes, int rows) {
    items = new int[lanes][];
    counts = new int[lanes];
    member = new BitSet[lanes];
    for (int b = 0; b < lanes; b++) {
      member[b] = new BitSet();
      items[b] = new int[16];
    }
    rowItems = new int[rows][];
    rowCounts = new int[rows];
  }

  /** Forgets every lane's user, at the start of an epoch. */
  void reset() {
    for (int b = 0; b < items.length; b++) {
      forget(b);
    }
  }

  /**
   * A lane reads an item at a row of the chunk.
   *
   * @param newUser the row starts a new user on the lane
   * @param idle the lane has no user at this row (it reads nothing)
   */
  void read(int lane, int row, int item, boolean newUser, boolean idle) {
    if (newUser) {
      forget(lane);
    }
    if (!idle && !member[lane].get(item)) {
      member[lane].set(item);
      if (counts[lane] == items[lane].length) {
        // A copy: the rows already loaded keep the old array, whose prefix is all they read.
        items[lane] = Arrays.copyOf(items[lane], items[lane].length * 2);
      }
      items[lane][counts[lane]++] = item;
    }
    rowItems[row] = items[lane];
    rowCounts[row] = counts[lane];
  }

  private void forget(int lane) {
    for (int q = 0; q < counts[lane]; q++) {
      member[lane].clear(items[lane][q]);
    }
    // A new array, so that earlier rows of the chunk keep the previous user's items.
    items[lane] = new int[16];
    counts[lane] = 0;
  }
}
