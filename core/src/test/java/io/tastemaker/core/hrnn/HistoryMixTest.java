package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.kernel.Matrices;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Training's history mix, row by row, is what serving adds to a state that read the same items. */
class HistoryMixTest {
  private static final int ITEMS = 7;
  private static final int DIM = 4;

  @Test
  void each_row_gets_the_mix_of_its_users_distinct_items_so_far_as_serving_computes_it() {
    SplittableRandom random = new SplittableRandom(5);
    HrnnWeights w = withRandomMix(random);
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
    HrnnWeights w = withRandomMix(new SplittableRandom(2));
    float[] h = {1, 2, 3, 4};
    float[] previous = new float[0];
    HistoryMix.addTo(w, new int[0], w.embeddings, h, previous);
    assertThat(h).containsExactly(1, 2, 3, 4);
    HistoryMix.addTo(w, new int[] {1}, w.embeddings, h, previous);
    assertThat(previous).isEmpty();
    assertThat(Arrays.equals(h, new float[] {1, 2, 3, 4})).as("h took item 1's mix").isFalse();
  }

  @Test
  void serving_adds_the_mix_of_the_users_items_read_once_to_the_state_it_scores_with() {
    SplittableRandom random = new SplittableRandom(9);
    HrnnWeights plain = new HrnnWeights(ITEMS, DIM);
    plain.initialise(random);
    HrnnWeights mixed = plain.copy();
    Matrices.uniform(mixed.historyMix, 0.5f, random);
    InteractionData.Builder data = new InteractionData.Builder(List.of());
    long time = 1_700_000_000L;
    for (int item : new int[] {2, 5, 2, 6}) {
      data.add("u0", "i" + item, time, Optional.empty(), 0);
      time += 60;
    }
    InteractionData interactions = data.build();
    List<String> ids = List.of("i0", "i1", "i2", "i3", "i4", "i5", "i6");
    UserState without = model(plain, ids, interactions).state(UserQuery.of("u0")).orElseThrow();
    UserState with = model(mixed, ids, interactions).state(UserQuery.of("u0")).orElseThrow();

    assertThat(with.seen).containsExactly(2, 5, 6);
    float[] expected = without.h.clone();
    HistoryMix.addTo(mixed, new int[] {2, 5, 6}, mixed.embeddings, expected);
    assertThat(with.h).containsExactly(expected, within(1e-5f));
  }

  /** Initialised weights with a random history mix, drawn from {@code random} in that order. */
  private static HrnnWeights withRandomMix(SplittableRandom random) {
    HrnnWeights w = new HrnnWeights(ITEMS, DIM);
    w.initialise(random);
    Matrices.uniform(w.historyMix, 0.5f, random);
    return w;
  }

  private static HrnnModel model(HrnnWeights w, List<String> ids, InteractionData data) {
    return HrnnModel.withUsers(
        "aws-hrnn", RecipeType.USER_PERSONALIZATION, ids, w, w.embeddings, new boolean[ITEMS], 1_800, 32, List.of(), List.of(), Map.of(), List.of(), data);
  }
}
