package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The v2 knobs left to the data resolve from the users' history lengths. */
class TransformerConfigTest {
  private static TransformerConfig open(double learningRate) {
    return new TransformerConfig(64, 2, 0, -1, false, 10, learningRate, 0, 256, 5000, 3, -1, 1, 0);
  }

  private static int[] histories(int users, int length) {
    int[] h = new int[users];
    Arrays.fill(h, length);
    return h;
  }

  @Test
  void short_histories_keep_the_small_learning_rate() {
    // 30,000 users of 7 items: 128 users a step predict 768 positions.
    TransformerConfig c = open(0).resolve(histories(30_000, 7));
    assertThat(c.batchSize()).isEqualTo(128);
    assertThat(c.learningRate()).isEqualTo(0.002);
  }

  @Test
  void long_histories_get_a_rate_growing_with_the_square_root_of_a_steps_positions() {
    // 6,000 users of 101 items: 60 users a step predict 6,000 positions, so 0.002 * sqrt(6).
    TransformerConfig c = open(0).resolve(histories(6_000, 101));
    assertThat(c.batchSize()).isEqualTo(60);
    assertThat(c.learningRate()).isCloseTo(0.002 * Math.sqrt(6), within(1e-9));
    // Positions beyond the sequence length are not read: 100,000 per step caps the rate at 0.01.
    assertThat(open(0).resolve(histories(12_800, 1_000)).learningRate()).isEqualTo(0.01);
  }

  @Test
  void a_given_learning_rate_is_kept() {
    assertThat(open(0.03).resolve(histories(6_000, 101)).learningRate()).isEqualTo(0.03);
  }
}
