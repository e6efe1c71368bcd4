package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {
  @Test
  void draws_follow_the_popularity_its_corrections_name() {
    // A steep popularity: item 0 takes most targets, items 50-99 were never targets.
    long[] counts = new long[100];
    for (int i = 0; i < 50; i++) {
      counts[i] = 10_000 / (i + 1);
    }
    int samples = 64;
    NegativeSampler sampler = new NegativeSampler(counts, samples);
    SplittableRandom random = new SplittableRandom(3);
    long[] drawn = new long[counts.length];
    int steps = 20_000;
    for (int s = 0; s < steps; s++) {
      for (int i : sampler.draw(random)) {
        drawn[i]++;
      }
    }
    double total = (double) steps * samples;
    for (int i : new int[] {0, 1, 10, 49, 50, 99}) {
      // exp(correction) / K is the probability the correction assumes; the draws must match it.
      double q = Math.exp(sampler.correction[i]) / samples;
      assertThat(drawn[i] / total).as("item %d", i).isCloseTo(q, within(0.05 * q + 2e-4));
    }
    // Add-one smoothing: a never-seen item is drawn, as often as an item seen once would be by its count alone.
    assertThat(drawn[99]).isPositive();
    assertThat(Math.exp(sampler.correction[99]) / samples).isCloseTo(1.0 / (sum(counts) + counts.length), within(1e-9));
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }
}
