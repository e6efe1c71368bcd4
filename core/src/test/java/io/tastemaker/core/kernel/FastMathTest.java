package io.tastemaker.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastMathTest {
  @Test
  void exp_agrees_with_the_library_to_a_millionth() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1_000_000; i++) {
      float x = (float) (random.nextDouble() * 170 - 85);
      double exact = Math.exp(x);
      assertThat((double) FastMath.exp(x)).as("exp(%s)", x).isCloseTo(exact, within(exact * 1e-6));
    }
  }

  @Test
  void the_vectorised_shifted_exp_agrees_to_three_hundred_thousandths() {
    int n = 100_000;
    float[] x = new float[n];
    float[] shift = new float[n];
    float[] y = new float[n];
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < n; i++) {
      shift[i] = (float) (random.nextDouble() * 10);
      x[i] = shift[i] - (float) (random.nextDouble() * 79);
    }
    FastMath.expShifted(x, shift, y, n);
    for (int i = 0; i < n; i++) {
      double exact = Math.exp((double) x[i] - shift[i]);
      assertThat((double) y[i]).as("exp(%s - %s)", x[i], shift[i]).isCloseTo(exact, within(exact * 3e-5 + 1e-30));
    }
  }

  @Test
  void the_non_positive_exp_is_close_near_zero_and_never_decreases() {
    float previous = 0f;
    for (float a = -80f; a <= 0f; a = Math.nextUp(a + 1e-4f)) {
      float y = FastMath.expNonPositive(a);
      double exact = Math.exp(a);
      double tolerance = a > -30f ? 1e-5 : 6e-4;
      assertThat((double) y).as("exp(%s)", a).isCloseTo(exact, within(exact * tolerance));
      assertThat(y).as("exp(%s)", a).isGreaterThanOrEqualTo(previous);
      previous = y;
    }
  }

  @Test
  void exp_saturates_like_float_arithmetic() {
    assertThat(FastMath.exp(-100f)).isZero();
    assertThat(FastMath.exp(100f)).isInfinite();
    assertThat(FastMath.exp(0f)).isEqualTo(1f);
  }

  @Test
  void sigmoid_and_tanh_agree_with_their_definitions() {
    for (float x = -20f; x <= 20f; x += 0.01f) {
      assertThat((double) FastMath.sigmoid(x)).isCloseTo(1 / (1 + Math.exp(-x)), within(1e-6));
      assertThat((double) FastMath.tanh(x)).isCloseTo(Math.tanh(x), within(2e-6));
    }
  }
}
