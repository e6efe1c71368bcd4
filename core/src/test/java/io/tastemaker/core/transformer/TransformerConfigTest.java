package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The v2 knobs left to the data resolve from the users' history lengths. */
class TransformerConfigTest {
  private static TransformerConfig open(double learningRate) {
    return open(learningRate, 0, 10);
  }

  private static TransformerConfig open(double learningRate, int batchSize, int epochs) {
    return new TransformerConfig(64, 2, 0, -1, false, epochs, learningRate, true, 0.1, batchSize, 256, 5000, 8, 0.7, 3, -1, 1, 0);
  }

  private static int[] histories(int users, int length) {
    int[] h = new int[users];
    Arrays.fill(h, length);
    return h;
  }

  @Test
  void short_histories_keep_the_small_learning_rate() {
    // 30,000 users of 2 items: 128 users a step (at most) predict 128 positions.
    TransformerConfig c = open(0).resolve(histories(30_000, 2), 20_000);
    assertThat(c.batchSize()).isEqualTo(128);
    assertThat(c.learningRate()).isEqualTo(0.002);
    // Sparse data (median history under 20) keeps 0.002 whatever its steps predict.
    assertThat(open(0).resolve(histories(30_000, 19), 20_000).learningRate()).isEqualTo(0.002);
  }

  @Test
  void long_histories_take_small_steps_at_a_rate_growing_with_the_square_root_of_a_steps_positions() {
    // 6,000 users of 101 items: 15 users a step predict 1,500 positions, so 0.002 * sqrt(6).
    TransformerConfig c = open(0).resolve(histories(6_000, 101), 3_000);
    assertThat(c.batchSize()).isEqualTo(15);
    assertThat(c.learningRate()).isCloseTo(0.002 * Math.sqrt(6), within(1e-9));
    // Positions beyond the sequence length are not read: 128 users of 200 positions cap the rate at 0.01.
    assertThat(open(0, 128, 10).resolve(histories(12_800, 1_000), 3_000).learningRate()).isEqualTo(0.01);
  }

  @Test
  void a_given_learning_rate_is_kept() {
    assertThat(open(0.03).resolve(histories(6_000, 101), 3_000).learningRate()).isEqualTo(0.03);
  }

  @Test
  void auto_epochs_spend_a_fixed_amount_of_arithmetic() {
    // MovieLens-1M's shape: 6,000 users of 160 items over a full softmax of 3,400 items, scored at half the positions.
    TransformerConfig dense = open(0, 0, 0).resolve(histories(6_000, 160), 3_400);
    double perEpoch = 6_000 * 159 * 64 * (3.0 * 3_400 * TransformerTrainer.FULL_SOFTMAX_SHARE + 2 * (18 * 64 + 3 * 159));
    assertThat(dense.epochs()).isEqualTo((int) (TransformerConfig.WORK_BUDGET / perEpoch)).isBetween(3, 10);
    // Sparse data over a large catalogue (256 sampled negatives) gets many epochs; early stopping ends it.
    assertThat(open(0, 0, 0).resolve(histories(30_000, 7), 20_000).epochs()).isGreaterThan(50);
    // Huge data gets one epoch; a given number is kept.
    assertThat(open(0, 0, 0).resolve(histories(1_000_000, 200), 3_400).epochs()).isEqualTo(1);
    assertThat(open(0, 0, 7).resolve(histories(6_000, 160), 3_400).epochs()).isEqualTo(7);
  }
}
