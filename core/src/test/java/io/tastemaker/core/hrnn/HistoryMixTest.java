package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.core.kernel.Matrices;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Training's history mix, row by row, is what serving adds to a state that read the same items. */
class HistoryMixTest {
  private static final int ITEMS = 7;
  private static final int DIM = 4;

  @Test
  void each_row_gets_the_mix_of_its_users_distinct_items_so_far_as_serving_computes_it() {
    HrnnWeights w = new HrnnWeights(ITEMS, DIM);
    SplittableRandom random = new SplittableRandom(5);
    w.initialise(random);
    Matrices.uniform(w.historyMix, 0.5f, random);
    // Two lanes over five steps: lane 0 reads one user who repeats item 3; lane 1 starts a new user at step 3.
    int[][] input = {{3, 1}, {1, 2}, {3, 2}, {4, 5}, {0, 6}};
    byte[][] flag = {
      {Chunk.NEW_USER, Chunk.NEW_USER}, {Chunk.CONTINUE, Chunk.CONTINUE}, {Chunk.NEW_SESSION, Chunk.CONTINUE},
      {Chunk.CONTINUE, Chunk.NEW_USER}, {Chunk.CONTINUE, Chunk.CONTINUE}};
    int lanes = 2;
    int steps = input.length;
    LaneHistories histories = new LaneHistories(lanes, lanes * steps);
    byte[] flags = new byte[lanes * steps];
    float[][] h = new float[lanes * steps][DIM];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < lanes; b++) {
        int r = t * lanes + b;
        histories.read(b, r, input[t][b], flag[t][b] == Chunk.NEW_USER, false);
        flags[r] = flag[t][b];
        for (int p = 0; p < DIM; p++) {
          h[r][p] = (float) random.nextGaussian();
        }
      }
    }
    float[][] mixed = new HistoryMix(lanes, steps, DIM).forward(w, w.embeddings, histories, flags, h);

    int[][][] seenAt = {
      {{3}, {1}}, {{1, 3}, {1, 2}}, {{1, 3}, {1, 2}}, {{1, 3, 4}, {5}}, {{0, 1, 3, 4}, {5, 6}}};
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < lanes; b++) {
        int r = t * lanes + b;
        float[] served = h[r].clone();
        HistoryMix.addTo(w, seenAt[t][b], w.embeddings, served);
        assertThat(served).as("row %d", r).containsExactly(mixed[r], within(1e-5f));
        assertThat(served).as("row %d moved", r).isNotEqualTo(h[r]);
      }
    }
  }

  @Test
  void a_state_that_has_read_nothing_is_left_alone_and_an_empty_previous_vector_stays_empty() {
    HrnnWeights w = new HrnnWeights(ITEMS, DIM);
    SplittableRandom random = new SplittableRandom(2);
    w.initialise(random);
    Matrices.uniform(w.historyMix, 0.5f, random);
    float[] h = {1, 2, 3, 4};
    float[] previous = new float[0];
    HistoryMix.addTo(w, new int[0], w.embeddings, h, previous);
    assertThat(h).containsExactly(1, 2, 3, 4);
    HistoryMix.addTo(w, new int[] {1}, w.embeddings, h, previous);
    assertThat(previous).isEmpty();
    assertThat(Arrays.equals(h, new float[] {1, 2, 3, 4})).as("h took item 1's mix").isFalse();
  }
}
