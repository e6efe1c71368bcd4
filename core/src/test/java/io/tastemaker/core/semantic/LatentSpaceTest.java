package io.tastemaker.core.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatentSpaceTest {
  private static double dot(float[][] m, int a, int b) {
    double sum = 0;
    for (float[] row : m) {
      sum += (double) row[a] * row[b];
    }
    return sum;
  }

  @Test
  void columns_come_out_orthonormal_for_awkward_sizes() {
    Random random = new Random(3);
    for (int[] size : new int[][] {{1, 1}, {7, 3}, {50, 17}, {5, 5}}) {
      float[][] m = new float[size[0]][size[1]];
      for (float[] row : m) {
        for (int c = 0; c < row.length; c++) {
          row[c] = (float) random.nextGaussian();
        }
      }
      LatentSpace.orthonormalise(m, size[1], random);
      for (int a = 0; a < size[1]; a++) {
        for (int b = 0; b < size[1]; b++) {
          assertThat(dot(m, a, b)).isCloseTo(a == b ? 1 : 0, within(1e-5));
        }
      }
    }
  }

  @Test
  void a_dependent_column_is_replaced_and_one_without_room_becomes_zero() {
    // Three columns in a two-dimensional space: the third cannot be orthogonal to the first two.
    float[][] m = {{1, 2, 3}, {0, 1, 1}};
    LatentSpace.orthonormalise(m, 3, new Random(1));
    assertThat(dot(m, 0, 1)).isCloseTo(0, within(1e-6));
    assertThat(dot(m, 0, 0)).isCloseTo(1, within(1e-6));
    assertThat(dot(m, 1, 1)).isCloseTo(1, within(1e-6));
    assertThat(dot(m, 2, 2)).isCloseTo(0, within(1e-6));
  }
}
