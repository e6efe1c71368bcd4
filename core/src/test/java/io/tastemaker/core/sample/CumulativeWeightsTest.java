package io.tastemaker.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CumulativeWeightsTest {

  private static final int DRAWS = 200_000;

  @Test
  void indexes_are_drawn_in_proportion_to_their_weights_and_zero_weights_never() {
    CumulativeWeights weights = new CumulativeWeights(1, 0, 3, 0, 0, 4);
    int[] counts = draw(weights);

    assertThat(counts[1] + counts[3] + counts[4]).isZero();
    assertThat(counts[0] / (double) DRAWS).isCloseTo(1 / 8.0, within(0.005));
    assertThat(counts[2] / (double) DRAWS).isCloseTo(3 / 8.0, within(0.005));
    assertThat(counts[5] / (double) DRAWS).isCloseTo(4 / 8.0, within(0.005));
  }

  @Test
  void zipf_ranks_fall_off_as_one_over_rank() {
    int[] counts = draw(CumulativeWeights.zipf(4, 1.0));
    double harmonic = 1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0;

    for (int rank = 0; rank < 4; rank++) {
      assertThat(counts[rank] / (double) DRAWS)
          .isCloseTo(1 / (rank + 1.0) / harmonic, within(0.005));
    }
  }

  @Test
  void a_single_weight_is_always_drawn() {
    assertThat(draw(new CumulativeWeights(0.5))).containsExactly(DRAWS);
  }

  private static int[] draw(CumulativeWeights weights) {
    SplittableRandom random = new SplittableRandom(1);
    int[] counts = new int[weights.size()];
    for (int i = 0; i < DRAWS; i++) {
      counts[weights.draw(random)]++;
    }
    return counts;
  }
}
