package io.tastemaker.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogitsTest {
  private static float[][] random(int n, int m, SplittableRandom r) {
    float[][] a = new float[n][m];
    for (float[] row : a) {
      for (int j = 0; j < m; j++) {
        row[j] = (float) (r.nextDouble() * 2 - 1);
      }
    }
    return a;
  }

  /** Dimensions below, at and past a multiple of four (43 is aws-hrnn's default); catalogues below, at and across a tile. */
  private static final int[] DIMS = {1, 3, 4, 5, 43, 64};
  private static final int[] ITEMS = {1, 7, Logits.TILE - 1, Logits.TILE, Logits.TILE + 1, 2 * Logits.TILE + 333, Logits.WIDE_TILE + 1};

  @Test
  void a_block_gives_every_user_the_very_bits_of_scoring_them_alone() {
    SplittableRandom r = new SplittableRandom(21);
    for (int dim : DIMS) {
      for (int n : ITEMS) {
        float[][] itemsT = random(dim, n, r);
        float[] bias = random(1, n, r)[0];
        float[][] users = random(5, dim, r);
        float[][] block = new float[5][n];
        Logits.block(users, 5, itemsT, bias, block, n);
        for (int u = 0; u < 5; u++) {
          float[] alone = new float[n];
          Logits.of(users[u], itemsT, bias, alone);
          assertThat(block[u]).as("dim %d, %d items, user %d", dim, n, u).containsExactly(alone);
        }
      }
    }
  }

  @Test
  void one_item_from_its_row_gets_the_very_bits_of_the_catalogue_pass() {
    SplittableRandom r = new SplittableRandom(8);
    for (int dim : DIMS) {
      int n = 301;
      float[][] rows = random(n, dim, r);
      float[][] itemsT = new float[dim][n];
      Gemm.transpose(rows, itemsT, n, dim);
      float[] bias = random(1, n, r)[0];
      float[] user = random(1, dim, r)[0];
      float[] all = new float[n];
      Logits.of(user, itemsT, bias, all);
      float[] two = new float[n];
      Logits.block(new float[][] {random(1, dim, r)[0], user}, 2, itemsT, bias, new float[][] {new float[n], two}, n);
      for (int i = 0; i < n; i++) {
        assertThat(Logits.one(user, rows[i], bias[i])).as("dim %d item %d", dim, i).isEqualTo(all[i]).isEqualTo(two[i]);
      }
    }
  }

  @Test
  void logits_are_the_bias_plus_the_dot_product() {
    SplittableRandom r = new SplittableRandom(5);
    int dim = 43;
    int n = 2 * Logits.TILE + 9;
    float[][] itemsT = random(dim, n, r);
    float[] bias = random(1, n, r)[0];
    float[][] users = random(3, dim, r);
    float[][] block = new float[3][n];
    Logits.block(users, 3, itemsT, bias, block, n);
    for (int u = 0; u < 3; u++) {
      for (int i = 0; i < n; i++) {
        double expected = bias[i];
        for (int p = 0; p < dim; p++) {
          expected += (double) users[u][p] * itemsT[p][i];
        }
        assertThat((double) block[u][i]).isCloseTo(expected, within(1e-4));
      }
    }
  }

  @Test
  void only_the_rows_asked_for_are_written() {
    float[][] itemsT = {{1f, 2f}};
    float[][] out = {new float[2], {-7f, -7f}};
    Logits.block(new float[][] {{3f}, {5f}}, 1, itemsT, new float[] {0.5f, 0.25f}, out, 2);
    assertThat(out[0]).containsExactly(1f * 3 + 0.5f, 2f * 3 + 0.25f);
    assertThat(out[1]).containsExactly(-7f, -7f);
  }
}
