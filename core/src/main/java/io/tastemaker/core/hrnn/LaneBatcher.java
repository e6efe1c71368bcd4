package io.tastemaker.core.hrnn;

import io.tastemaker.core.data.ContextTable;
import java.util.SplittableRandom;

/**
 * Feeds users to lanes the way GRU4Rec's session-parallel mini-batches do: each lane reads one user
 * from start to end, then takes the next user in the epoch's order, so no lane waits for padding.
 *
 * <p>Besides the sessions the time gaps make, a seeded share of positions starts a session: serving
 * starts one wherever a streamed event comes after a gap or with a new session id, so the user-level
 * GRU must learn to carry a user's taste into the next session even when the training data has few
 * or no gaps (issue 15).
 */
final class LaneBatcher {
  private final Sequences sequences;
  private final int[] laneSequence;
  private final int[] lanePosition;
  private final double breakRate;
  private SplittableRandom breaks;
  private int[] order;
  private int next;

  /**
   * @param breakRate the share of positions (after a user's first) where a session starts whatever
   *     the time gap
   */
  LaneBatcher(Sequences sequences, int lanes, double breakRate) {
    this.sequences = sequences;
    this.breakRate = breakRate;
    this.laneSequence = new int[lanes];
    this.lanePosition = new int[lanes];
  }

  /** Starts an epoch over the sequences in this order, with the extra session starts drawn from the seed. */
  void start(int[] epochOrder, long seed) {
    this.order = epochOrder.clone();
    this.breaks = new SplittableRandom(seed);
    this.next = 0;
    java.util.Arrays.fill(laneSequence, -1);
  }

  /**
   * Fills the next chunk.
   *
   * @return false when the epoch is over: every sequence read and every lane idle
   */
  boolean fill(Chunk chunk) {
    boolean any = false;
    for (int t = 0; t < chunk.steps; t++) {
      for (int b = 0; b < chunk.lanes; b++) {
        int s = laneSequence[b];
        if (s < 0 || lanePosition[b] >= sequences.length(s) - 1) {
          s = nextSequence();
          laneSequence[b] = s;
          lanePosition[b] = 0;
          chunk.flag[t][b] = Chunk.NEW_USER;
          chunk.sequence[t][b] = s;
          if (s < 0) {
            chunk.input[t][b] = 0;
            chunk.target[t][b] = -1;
            chunk.weight[t][b] = 0;
            chunk.context[t][b] = ContextTable.NONE;
            continue;
          }
        } else {
          boolean drawn = breakRate > 0 && breaks.nextDouble() < breakRate;
          chunk.flag[t][b] = sequences.sessionStart(s, lanePosition[b]) || drawn ? Chunk.NEW_SESSION : Chunk.CONTINUE;
          chunk.sequence[t][b] = s;
        }
        int p = lanePosition[b];
        chunk.input[t][b] = sequences.item(s, p);
        chunk.target[t][b] = sequences.item(s, p + 1);
        chunk.weight[t][b] = sequences.weight(s, p + 1);
        chunk.context[t][b] = sequences.context(s, p + 1);
        lanePosition[b] = p + 1;
        any = true;
      }
    }
    return any;
  }

  private int nextSequence() {
    while (next < order.length) {
      int s = order[next++];
      if (sequences.length(s) >= 2) {
        return s;
      }
    }
    return -1;
  }
}
