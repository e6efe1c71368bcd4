package io.tastemaker.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockScorerTest {
  private static float[] random(int n, SplittableRandom r) {
    float[] v = new float[n];
    for (int j = 0; j < n; j++) {
      v[j] = (float) (r.nextDouble() * 2 - 1);
    }
    return v;
  }

  /** The item vectors, one row an item, of a transposed table. */
  private static float[][] rows(float[][] itemsT, int n) {
    float[][] rows = new float[n][itemsT.length];
    Gemm.transpose(itemsT, rows, itemsT.length, n);
    return rows;
  }

  @Test
  void blocks_hold_a_thirty_second_of_the_heap_from_32_to_128_mb_of_logits_and_at_least_a_users_two_vectors() {
    long heap = Runtime.getRuntime().maxMemory();
    assertThat(BlockScorer.BLOCK_BYTES).isBetween(32L << 20, 128L << 20);
    assertThat(BlockScorer.BLOCK_BYTES).isEqualTo(Math.max(32L << 20, Math.min(128L << 20, heap / 32)));
    assertThat(BlockScorer.rowsPerBlock(20_000)).isEqualTo(BlockScorer.MAX_ROWS);
    assertThat(BlockScorer.rowsPerBlock(265_000)).isEqualTo((int) Math.min(BlockScorer.MAX_ROWS, BlockScorer.BLOCK_BYTES / (4 * 265_000)));
    assertThat(BlockScorer.rowsPerBlock(1_000_000)).isEqualTo((int) (BlockScorer.BLOCK_BYTES / 4_000_000)).isBetween(8, 33);
    assertThat(BlockScorer.rowsPerBlock(50_000_000)).isEqualTo(2);
  }

  @Test
  void every_user_gets_the_logits_of_their_own_vectors_in_order_across_block_boundaries() {
    SplittableRandom r = new SplittableRandom(3);
    int dim = 6;
    int n = 37;
    float[][] itemsT = new float[dim][];
    for (int p = 0; p < dim; p++) {
      itemsT[p] = random(n, r);
    }
    float[] bias = random(n, r);
    // Users with none, one and two vectors, so that blocks of three rows split and end early.
    List<float[][]> vectors = new ArrayList<>();
    for (int u = 0; u < 23; u++) {
      int count = u % 3;
      float[][] v = new float[count][];
      for (int k = 0; k < count; k++) {
        v[k] = random(dim, r);
      }
      vectors.add(v);
    }
    // Both layouts of the table, 37 items leaving a short last panel.
    float[][] itemRows = rows(itemsT, n);
    for (PanelItems table : List.of(PanelItems.packed(itemRows, bias, dim), PanelItems.transposed(itemRows, bias, dim))) {
      for (int rows : new int[] {2, 3, 5, 64}) {
        List<Integer> seen = new ArrayList<>();
        List<Integer> answers = new BlockScorer(table, rows).score(vectors, (user, logits) -> {
          seen.add(user);
          assertThat(logits.length).isEqualTo(vectors.get(user).length);
          for (int k = 0; k < logits.length; k++) {
            float[] alone = new float[n];
            Logits.of(vectors.get(user)[k], itemsT, bias, alone);
            assertThat(java.util.Arrays.copyOf(logits[k], n)).as("%d rows a block, user %d, vector %d", rows, user, k).containsExactly(alone);
          }
          return user * 10;
        });
        assertThat(seen).as("%d rows a block", rows).isSorted().hasSize(23).doesNotHaveDuplicates();
        assertThat(answers).hasSize(23);
        for (int u = 0; u < 23; u++) {
          assertThat(answers.get(u)).isEqualTo(u * 10);
        }
      }
    }
  }

  @Test
  void a_threads_reused_block_gives_the_same_logits_whatever_was_scored_before() {
    SplittableRandom r = new SplittableRandom(8);
    for (int n : new int[] {50, 3, 200, 50}) {
      float[][] itemsT = {random(n, r), random(n, r)};
      float[] bias = random(n, r);
      List<float[][]> vectors = List.of(new float[][] {random(2, r)}, new float[][] {random(2, r), random(2, r)});
      new BlockScorer(PanelItems.of(rows(itemsT, n), bias, 2)).score(vectors, (user, logits) -> {
        for (int k = 0; k < logits.length; k++) {
          float[] alone = new float[n];
          Logits.of(vectors.get(user)[k], itemsT, bias, alone);
          assertThat(java.util.Arrays.copyOf(logits[k], n)).as("%d items, user %d", n, user).containsExactly(alone);
        }
        return user;
      });
    }
  }

  @Test
  void no_users_give_no_answers() {
    assertThat(new BlockScorer(PanelItems.of(new float[][] {{1f}}, new float[] {0f}, 1)).score(List.of(), (u, l) -> u)).isEmpty();
  }
}
