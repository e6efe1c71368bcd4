package io.tastemaker.core.userpersonalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BetaSamplerTest {
  /** The sample mean and variance against a / (a + b) and ab / ((a + b)^2 (a + b + 1)). */
  private static void matches(double a, double b) {
    SplittableRandom random = new SplittableRandom(9);
    int n = 200_000;
    double sum = 0;
    double squares = 0;
    for (int k = 0; k < n; k++) {
      double x = BetaSampler.beta(a, b, random);
      assertThat(x).isBetween(0.0, 1.0);
      sum += x;
      squares += x * x;
    }
    double mean = sum / n;
    double variance = squares / n - mean * mean;
    double expectedMean = a / (a + b);
    double expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
    assertThat(mean).as("mean of Beta(%s, %s)", a, b).isCloseTo(expectedMean, within(0.005));
    assertThat(variance).as("variance of Beta(%s, %s)", a, b).isCloseTo(expectedVariance, within(expectedVariance * 0.05));
  }

  @Test
  void draws_have_the_beta_mean_and_variance() {
    matches(2, 5);
    matches(0.2, 1.8);
    matches(30, 270);
    matches(1, 1);
  }

  @Test
  void the_same_generator_state_gives_the_same_draw() {
    assertThat(BetaSampler.beta(0.5, 3, new SplittableRandom(4))).isEqualTo(BetaSampler.beta(0.5, 3, new SplittableRandom(4)));
  }
}
