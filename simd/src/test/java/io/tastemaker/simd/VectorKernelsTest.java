package io.tastemaker.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.PanelItems;
import io.tastemaker.core.kernel.ScalarKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorKernelsTest {
  private final VectorKernels simd = new VectorKernels();
  private final ScalarKernels scalar = new ScalarKernels();

  private static float[][] random(int n, int m, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] a = new float[n][m];
    for (float[] row : a) {
      for (int j = 0; j < m; j++) {
        row[j] = (float) (r.nextDouble() * 2 - 1);
      }
    }
    return a;
  }

  private static float[][] copy(float[][] a) {
    float[][] c = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** Awkward sizes around the tile (4 rows) and the vector (8 or 16 floats) and their doubles. */
  private static final int[][] SIZES = {{1, 1, 1}, {3, 5, 7}, {4, 16, 16}, {5, 17, 33}, {17, 13, 31}, {64, 43, 129}, {9, 64, 257}, {6, 9, 43}, {7, 64, 20}, {11, 8, 64}, {5, 6, 96}, {0, 3, 3}};

  @Test
  void the_jvm_runs_the_vector_kernels_in_these_tests() {
    assertThat(Gemm.kernels()).startsWith("vector-");
  }

  @Test
  void products_agree_with_the_naive_triple_loop_and_the_scalar_kernels() {
    for (int[] s : SIZES) {
      int n = s[0];
      int k = s[1];
      int m = s[2];
      float[][] a = random(n, k, 1);
      float[][] b = random(k, m, 2);
      for (boolean accumulate : new boolean[] {false, true}) {
        float[][] c = random(n, m, 3);
        float[][] expected = copy(c);
        simd.ab(a, b, c, k, m, 0, n, accumulate);
        scalar.ab(a, b, expected, k, m, 0, n, accumulate);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < m; j++) {
            double naive = accumulate ? random(n, m, 3)[i][j] : 0;
            for (int p = 0; p < k; p++) {
              naive += (double) a[i][p] * b[p][j];
            }
            assertThat((double) c[i][j]).isCloseTo(naive, within(1e-4));
            assertThat(c[i][j]).isCloseTo(expected[i][j], within(1e-4f));
          }
        }
      }
    }
  }

  @Test
  void transposed_products_agree_with_the_naive_loop_over_row_ranges() {
    for (int[] s : SIZES) {
      int n = s[0];
      int k = s[1];
      int m = s[2];
      float[][] a = random(n, k, 4);
      float[][] b = random(n, m, 5);
      float[][] c = random(k, m, 6);
      float[][] before = copy(c);
      int from = k / 3;
      simd.atbAccumulate(a, b, c, n, m, from, k);
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < m; j++) {
          double expected = before[p][j];
          if (p >= from) {
            for (int i = 0; i < n; i++) {
              expected += (double) a[i][p] * b[i][j];
            }
          }
          assertThat((double) c[p][j]).isCloseTo(expected, within(1e-4));
        }
      }
    }
  }

  @Test
  void quantized_dot_products_match_a_naive_loop_over_awkward_ranges() {
    SplittableRandom r = new SplittableRandom(7);
    for (int dim : new int[] {1, 3, 4, 5, 43, 64}) {
      for (int items : new int[] {1, 15, 16, 17, 100, 1025}) {
        byte[][] q = new byte[dim][items];
        for (byte[] row : q) {
          for (int j = 0; j < items; j++) {
            row[j] = (byte) (r.nextInt(255) - 127);
          }
        }
        // Three users: a pair that shares the widened loads and one alone.
        float[][] users = random(3, dim, dim * 31L + items);
        int from = items > 3 ? 3 : 0;
        float[][] acc = random(3, items, items);
        float[][] start = copy(acc);
        simd.addQuantized(users, 3, q, acc, from, items);
        for (int v = 0; v < 3; v++) {
          for (int j = 0; j < items; j++) {
            double expected = start[v][j];
            if (j >= from) {
              for (int p = 0; p < dim; p++) {
                expected += (double) users[v][p] * q[p][j];
              }
            }
            assertThat((double) acc[v][j]).as("dim %d items %d user %d item %d", dim, items, v, j).isCloseTo(expected, within(1e-5 * (1 + 127 * dim)));
          }
        }
      }
    }
  }

  @Test
  void packed_panels_logits_are_the_scalar_kernels_bit_for_bit_for_every_remainder_of_users_and_dimensions() {
    SplittableRandom r = new SplittableRandom(21);
    int w = PanelItems.WIDTH;
    for (int dim : new int[] {1, 3, 4, 7, 43, 64}) {
      for (int panelCount : new int[] {1, 7, 8, 9, 17}) {
        float[] panels = new float[panelCount * dim * w];
        for (int i = 0; i < panels.length; i++) {
          panels[i] = (float) (r.nextDouble() * 2 - 1);
        }
        float[] bias = new float[panelCount * w];
        for (int i = 0; i < bias.length; i++) {
          bias[i] = (float) (r.nextDouble() * 2 - 1);
        }
        for (int count = 1; count <= 9; count++) {
          float[][] users = new float[count][dim];
          for (float[] h : users) {
            for (int p = 0; p < dim; p++) {
              h[p] = (float) (r.nextDouble() * 2 - 1);
            }
          }
          // A range that starts past the first panel, as a caller that splits the table would give.
          int from = panelCount > 2 ? 1 : 0;
          float[][] vector = new float[count][panelCount * w];
          float[][] expected = new float[count][panelCount * w];
          simd.panelLogits(users, count, panels, bias, dim, vector, from, panelCount);
          scalar.panelLogits(users, count, panels, bias, dim, expected, from, panelCount);
          for (int u = 0; u < count; u++) {
            assertThat(vector[u]).as("dim %d panels %d users %d user %d", dim, panelCount, count, u).containsExactly(expected[u]);
          }
        }
      }
    }
  }

  @Test
  void exponentials_are_the_scalar_ones_bit_for_bit_and_their_sum_agrees() {
    SplittableRandom r = new SplittableRandom(8);
    for (int n : new int[] {0, 1, 15, 16, 17, 33, 1000, 100_003}) {
      float[] x = new float[n];
      for (int i = 0; i < n; i++) {
        // Down to -100, past the clamp at -80, and 0 itself.
        x[i] = i % 7 == 0 ? 5f : (float) (5 - r.nextDouble() * 105);
      }
      float[] vector = new float[n];
      float[] scalarExps = new float[n];
      double sum = simd.expShiftedSum(x, 5f, vector, n);
      double expected = scalar.expShiftedSum(x, 5f, scalarExps, n);
      assertThat(vector).as("n %d", n).containsExactly(scalarExps);
      assertThat(sum).as("n %d", n).isCloseTo(expected, within(1e-12 * Math.max(1, expected)));
      // In place, as the catalogue softmax calls it.
      float[] inPlace = x.clone();
      simd.expShiftedSum(inPlace, 5f, inPlace, n);
      assertThat(inPlace).containsExactly(scalarExps);
    }
  }

  @Test
  void the_scan_finds_the_first_value_reaching_the_threshold_as_the_plain_loop_does() {
    SplittableRandom r = new SplittableRandom(9);
    float[] values = new float[1_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) r.nextDouble();
    }
    values[500] = Float.NaN;
    for (float threshold : new float[] {Float.NEGATIVE_INFINITY, 0f, 0.5f, 0.99f, 0.999f, 1f, Float.POSITIVE_INFINITY, Float.NaN}) {
      for (int from : new int[] {0, 1, 15, 16, 17, 499, 500, 990, 1_000}) {
        for (int to : new int[] {from, Math.min(1_000, from + 5), Math.min(1_000, from + 40), 1_000}) {
          assertThat(simd.nextAtLeast(values, threshold, from, to)).as("threshold %s from %d to %d", threshold, from, to)
              .isEqualTo(scalar.nextAtLeast(values, threshold, from, to));
        }
      }
    }
  }
}
