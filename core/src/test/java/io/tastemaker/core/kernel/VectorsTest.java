package io.tastemaker.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorsTest {
  @Test
  void split_sums_and_dots_match_the_double_sums_of_the_first_n_values() {
    SplittableRandom random = new SplittableRandom(5);
    for (int n = 0; n <= 70; n++) {
      float[] x = new float[n + 3];
      float[] y = new float[n + 3];
      double sum = 0;
      double dot = 0;
      for (int j = 0; j < x.length; j++) {
        x[j] = (float) random.nextDouble(-2, 2);
        y[j] = (float) random.nextDouble(-2, 2);
        if (j < n) {
          sum += x[j];
          dot += (double) x[j] * y[j];
        }
      }
      // Values past n must not count: they are set, and would move both figures.
      assertThat((double) Vectors.sum(x, n)).as("sum of %d", n).isCloseTo(sum, within(1e-5));
      assertThat((double) Vectors.dot(x, y, n)).as("dot of %d", n).isCloseTo(dot, within(1e-5));
    }
  }

  @Test
  void the_largest_value_ignores_what_lies_past_n() {
    float[] x = {1f, -3f, 2.5f, 9f};
    assertThat(Vectors.max(x, 3)).isEqualTo(2.5f);
    assertThat(Vectors.max(x, 0)).isEqualTo(Float.NEGATIVE_INFINITY);
  }

  @Test
  void values_a_float_would_hold_subnormal_become_zero_and_the_others_round_to_the_float() {
    assertThat(Vectors.normalOrZero(Float.MIN_NORMAL / 2.0)).isZero();
    assertThat(Vectors.normalOrZero(1e-300)).isZero();
    assertThat(Vectors.normalOrZero(0)).isZero();
    assertThat(Vectors.normalOrZero(Float.MIN_NORMAL)).isEqualTo(Float.MIN_NORMAL);
    assertThat(Vectors.normalOrZero(0.1)).isEqualTo(0.1f);
    assertThat(Math.getExponent(Vectors.normalOrZero(2e-38))).isGreaterThanOrEqualTo(Float.MIN_EXPONENT);
  }

  @Test
  void roots_are_the_correctly_rounded_ones_of_the_first_n_values_also_in_place() {
    float[] x = {0f, Float.MIN_NORMAL, 0.25f, 2f, 1e30f, 7f};
    float[] y = new float[x.length];
    Vectors.sqrt(x, y, 5);
    for (int j = 0; j < 5; j++) {
      assertThat(y[j]).as("root of %s", x[j]).isEqualTo((float) Math.sqrt(x[j]));
    }
    assertThat(y[5]).as("past n").isZero();
    Vectors.sqrt(x, x, x.length);
    assertThat(x).containsExactly(0f, (float) Math.sqrt(Float.MIN_NORMAL), 0.5f, (float) Math.sqrt(2), (float) Math.sqrt(1e30f), (float) Math.sqrt(7));
  }
}
