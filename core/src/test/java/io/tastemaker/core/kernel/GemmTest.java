package io.tastemaker.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GemmTest {
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

  /** Awkward sizes: odd, prime, smaller and larger than a vector, and the empty case. */
  private static final int[][] SIZES = {{1, 1, 1}, {3, 5, 7}, {17, 13, 31}, {64, 43, 129}, {100, 64, 257}, {0, 4, 4}};

  @Test
  void products_agree_with_the_naive_triple_loop() {
    for (int[] s : SIZES) {
      int n = s[0];
      int k = s[1];
      int m = s[2];
      float[][] a = random(n, k, 1);
      float[][] b = random(k, m, 2);
      float[][] c = new float[n][m];
      Gemm.ab(a, b, c, k, m, 0, n, false);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double expected = 0;
          for (int p = 0; p < k; p++) {
            expected += (double) a[i][p] * b[p][j];
          }
          assertThat((double) c[i][j]).isCloseTo(expected, within(1e-4));
        }
      }
    }
  }

  @Test
  void transposed_products_accumulate_and_agree_with_the_naive_loop() {
    for (int[] s : SIZES) {
      int n = s[0];
      int k = s[1];
      int m = s[2];
      float[][] a = random(n, k, 3);
      float[][] b = random(n, m, 4);
      float[][] c = random(k, m, 5);
      float[][] before = new float[k][];
      for (int p = 0; p < k; p++) {
        before[p] = c[p].clone();
      }
      Gemm.atbAccumulate(a, b, c, n, m, 0, k);
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < m; j++) {
          double expected = before[p][j];
          for (int i = 0; i < n; i++) {
            expected += (double) a[i][p] * b[i][j];
          }
          assertThat((double) c[p][j]).isCloseTo(expected, within(1e-4));
        }
      }
    }
  }

  @Test
  void transpose_swaps_rows_and_columns() {
    float[][] a = random(37, 70, 6);
    float[][] t = new float[70][37];
    Gemm.transpose(a, t, 37, 70);
    for (int i = 0; i < 37; i++) {
      for (int j = 0; j < 70; j++) {
        assertThat(t[j][i]).isEqualTo(a[i][j]);
      }
    }
  }

  @Test
  void dot_and_axpy_agree_with_plain_loops_at_every_length() {
    for (int n = 0; n < 70; n++) {
      float[] x = random(1, n, 7)[0];
      float[] y = random(1, n, 8)[0];
      double expected = 0;
      for (int j = 0; j < n; j++) {
        expected += (double) x[j] * y[j];
      }
      assertThat((double) Vectors.dot(x, y, n)).isCloseTo(expected, within(1e-5));
      float[] z = y.clone();
      Vectors.axpy(0.5f, x, z, n);
      for (int j = 0; j < n; j++) {
        assertThat(z[j]).isEqualTo(y[j] + 0.5f * x[j]);
      }
    }
  }

  @Test
  void exponentials_and_their_sum_are_the_fast_exponential_of_each_value_and_a_double_sum() {
    SplittableRandom r = new SplittableRandom(3);
    for (int n : new int[] {0, 1, 5, 1_003}) {
      float[] x = new float[n + 2];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (2 - r.nextDouble() * 90);
      }
      float[] y = new float[n + 2];
      y[n] = -1f;
      double sum = Gemm.expShiftedSum(x, 2f, y, n);
      double expected = 0;
      for (int i = 0; i < n; i++) {
        assertThat(y[i]).isEqualTo(FastMath.expNonPositive(x[i] - 2f));
        expected += y[i];
      }
      assertThat(sum).isCloseTo(expected, within(1e-12 * Math.max(1, expected)));
      // Only the first n are written.
      assertThat(y[n]).isEqualTo(-1f);
    }
  }

  @Test
  void an_exponential_sum_longer_than_its_arrays_is_refused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gemm.expShiftedSum(new float[3], 0f, new float[2], 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 values of 3 inputs and 2 outputs");
  }

  @Test
  void the_scan_returns_the_first_index_reaching_the_threshold_or_the_end() {
    float[] values = {0.1f, 0.9f, 0.3f, Float.NaN, 0.95f, 0.2f};
    assertThat(Gemm.nextAtLeast(values, 0.5f, 0, 6)).isEqualTo(1);
    assertThat(Gemm.nextAtLeast(values, 0.5f, 2, 6)).isEqualTo(4);
    assertThat(Gemm.nextAtLeast(values, 0.5f, 5, 6)).isEqualTo(6);
    assertThat(Gemm.nextAtLeast(values, 0.5f, 2, 4)).isEqualTo(4);
    assertThat(Gemm.nextAtLeast(values, Float.NEGATIVE_INFINITY, 3, 6)).as("NaN reaches no threshold").isEqualTo(4);
    assertThat(Gemm.nextAtLeast(values, 2f, 0, 6)).isEqualTo(6);
  }
}
