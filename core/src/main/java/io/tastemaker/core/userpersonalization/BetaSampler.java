package io.tastemaker.core.userpersonalization;

import java.util.SplittableRandom;

/**
 * Draws from Beta distributions with a seeded generator: {@code X / (X + Y)} for {@code X ~
 * Gamma(a)}, {@code Y ~ Gamma(b)}, the gammas by Marsaglia and Tsang's method ("A simple method for
 * generating gamma variables", ACM TOMS 2000), boosted by {@code U^(1/a)} for shapes below 1.
 * Written here rather than taken from a library so that the one {@link SplittableRandom} of a
 * request drives every draw.
 */
final class BetaSampler {
  private BetaSampler() {}

  /** One draw of Beta(a, b); both shapes must be positive. */
  static double beta(double a, double b, SplittableRandom random) {
    assert a > 0 && b > 0 : "Beta shapes must be positive, got " + a + ", " + b;
    double x = gamma(a, random);
    double y = gamma(b, random);
    double sum = x + y;
    return sum == 0 ? a / (a + b) : x / sum;
  }

  /** One draw of Gamma(shape, 1). */
  static double gamma(double shape, SplittableRandom random) {
    if (shape < 1) {
      double u = random.nextDouble();
      return gamma(shape + 1, random) * Math.pow(Math.max(u, Double.MIN_NORMAL), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = normal(random);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** A standard normal draw (Box-Muller; the second value is not kept, so draws depend only on the generator). */
  private static double normal(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
