package io.tastemaker.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantizedItemsTest {
  private static float[][] random(int n, int m, double width, SplittableRandom r) {
    float[][] a = new float[n][m];
    for (float[] row : a) {
      for (int j = 0; j < m; j++) {
        row[j] = (float) ((r.nextDouble() * 2 - 1) * width);
      }
    }
    return a;
  }

  @Test
  void approximate_logits_are_within_the_bound_of_exact_ones_over_awkward_sizes() {
    SplittableRandom r = new SplittableRandom(11);
    for (int dim : new int[] {1, 4, 5, 43}) {
      for (int items : new int[] {1, 7, 4095, 4097, 9000}) {
        float[][] vectors = random(items, dim, 0.5, r);
        // Some rows far wider than the rest and one all zero: the scales are per item.
        vectors[items / 2] = random(1, dim, 20, r)[0];
        vectors[items - 1] = new float[dim];
        float[] bias = random(1, items, 3, r)[0];
        float[][] users = random(2, dim, 1, r);
        QuantizedItems table = QuantizedItems.of(vectors, bias, dim);
        float[][] out = new float[2][items];
        float[] max = table.logits(users, 2, out);
        for (int v = 0; v < 2; v++) {
          assertThat(max[v]).isEqualTo(Vectors.max(out[v], items));
          float bound = table.maxError(users[v]);
          for (int i = 0; i < items; i++) {
            double exact = bias[i];
            for (int p = 0; p < dim; p++) {
              exact += (double) users[v][p] * vectors[i][p];
            }
            assertThat((double) out[v][i]).as("dim %d items %d item %d", dim, items, i).isCloseTo(exact, within((double) bound));
          }
        }
        assertThat(out[0][items - 1]).isEqualTo(bias[items - 1]);
      }
    }
  }

  @Test
  void the_bound_is_half_a_step_of_the_widest_row_times_the_users_l1_norm_plus_rounding() {
    float[][] vectors = {{1.27f, -0.5f}, {0.1f, 0.2f}};
    QuantizedItems table = QuantizedItems.of(vectors, new float[] {0, 0}, 2);
    // The widest row's step is 1.27 / 127 = 0.01; ||h||_1 = 3.
    float bound = table.maxError(new float[] {1, -2});
    assertThat((double) bound).isCloseTo(0.01 * 3 / 2, within(1e-5 * (127 * 0.01 * 3 + 1) + 1e-7));
    assertThat(table.bytes()).isEqualTo(2 * (2 + 8));
  }

  @Test
  void the_portable_kernel_matches_a_naive_loop() {
    SplittableRandom r = new SplittableRandom(3);
    byte[][] q = new byte[5][37];
    for (byte[] row : q) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (byte) (r.nextInt(255) - 127);
      }
    }
    float[] h = random(1, 5, 1, r)[0];
    float[] acc = new float[37];
    new ScalarKernels().addQuantized(new float[][] {h}, 1, q, new float[][] {acc}, 2, 30);
    for (int j = 0; j < 37; j++) {
      double expected = 0;
      for (int p = 0; j >= 2 && j < 30 && p < 5; p++) {
        expected += (double) h[p] * q[p][j];
      }
      assertThat((double) acc[j]).isCloseTo(expected, within(1e-4));
    }
  }
}
