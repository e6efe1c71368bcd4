package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The co-occurrence start of item vectors and the eigen-solver under it. */
class CooccurrenceStartTest {

  @Test
  void jacobi_rotations_give_eigenpairs_that_rebuild_the_matrix() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 9;
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = a[j][i] = random.nextDouble() - 0.5;
      }
    }
    double[][] v = new double[n][n];
    double[] values = Jacobi.eigen(a, v);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double rebuilt = 0;
        double dot = 0;
        for (int k = 0; k < n; k++) {
          rebuilt += v[i][k] * values[k] * v[j][k];
          dot += v[k][i] * v[k][j];
        }
        assertThat(rebuilt).as("A[%d][%d]", i, j).isCloseTo(a[i][j], within(1e-9));
        assertThat(dot).as("column %d . column %d", i, j).isCloseTo(i == j ? 1 : 0, within(1e-9));
      }
    }
  }

  @Test
  void cholesky_qr_twice_gives_orthonormal_columns_and_zeroes_a_dependent_one() {
    SplittableRandom random = new SplittableRandom(4);
    double[][] a = new double[50][6];
    for (double[] row : a) {
      for (int j = 0; j < 5; j++) {
        row[j] = random.nextGaussian() * (j + 1);
      }
      row[5] = 2 * row[0] - row[3];
    }
    CooccurrenceStart.orthonormalise(a);
    for (int p = 0; p < 6; p++) {
      for (int q = 0; q < 6; q++) {
        double dot = 0;
        for (double[] row : a) {
          dot += row[p] * row[q];
        }
        assertThat(dot).as("column %d . column %d", p, q).isCloseTo(p == q && p < 5 ? 1 : 0, within(1e-10));
      }
    }
  }

  @Test
  void items_seen_together_start_closer_than_items_never_seen_together() {
    // Two groups of ten items; each user stays within one group; item 20 is never seen.
    SplittableRandom random = new SplittableRandom(7);
    int[][] sequences = new int[400][];
    for (int u = 0; u < sequences.length; u++) {
      int group = u % 2;
      sequences[u] = new int[8];
      for (int k = 0; k < 8; k++) {
        sequences[u][k] = group * 10 + random.nextInt(10);
      }
    }
    float[][] embedding = new float[21][8];
    float[] unseen = embedding[20].clone();
    double rms = 0.2;
    CooccurrenceStart.apply(sequences, embedding, rms, 1);
    double within = 0;
    double across = 0;
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 20; j++) {
        if (i != j) {
          double c = cosine(embedding[i], embedding[j]);
          if (i / 10 == j / 10) {
            within += c / 180;
          } else {
            across += c / 200;
          }
        }
      }
    }
    assertThat(within).isGreaterThan(0.5);
    assertThat(across).isLessThan(within - 0.5);
    assertThat(embedding[20]).containsExactly(unseen);
    double squares = 0;
    for (int i = 0; i < 20; i++) {
      for (float x : embedding[i]) {
        squares += x * x;
      }
    }
    assertThat(Math.sqrt(squares / (20 * 8))).isCloseTo(rms, within(1e-4));
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int k = 0; k < a.length; k++) {
      dot += a[k] * b[k];
      na += a[k] * a[k];
      nb += b[k] * b[k];
    }
    return dot / Math.sqrt(na * nb);
  }
}
