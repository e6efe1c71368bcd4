package io.tastemaker.core.sample;

import java.util.SplittableRandom;

/** Draws an index with probability proportional to its weight, by search on the prefix sums. */
final class CumulativeWeights {

  private final double[] cumulative;

  CumulativeWeights(double... weights) {
    assert weights.length > 0 : "no weights";
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      assert weights[i] >= 0 : "negative weight " + weights[i] + " at " + i;
      sum += weights[i];
      cumulative[i] = sum;
    }
    assert sum > 0 : "all weights are zero";
  }

  /** Weights 1, 1/2^s, 1/3^s, ...: a Zipf law over {@code n} ranks. */
  static CumulativeWeights zipf(int n, double exponent) {
    double[] weights = new double[n];
    for (int rank = 0; rank < n; rank++) {
      // StrictMath, here and elsewhere: Math may differ by an ulp across JVMs and platforms, and
      // the sample must be byte-identical everywhere for a seed.
      weights[rank] = 1.0 / StrictMath.pow(rank + 1, exponent);
    }
    return new CumulativeWeights(weights);
  }

  int size() {
    return cumulative.length;
  }

  int draw(SplittableRandom random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    // The first index whose prefix sum exceeds u; zero-weight entries are never chosen.
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (cumulative[middle] > u) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }
}
