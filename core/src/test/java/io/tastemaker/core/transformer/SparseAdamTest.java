package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The lazy Adam of the item tables: only touched rows move, and their vectors shrink by the decoupled weight decay. */
class SparseAdamTest {
  @Test
  void a_touched_row_shrinks_by_rate_times_decay_besides_its_step_and_untouched_rows_stay() {
    float[][] embedding = {{1f, -2f}, {3f, 4f}};
    float[] bias = {0.5f, -0.5f};
    SparseAdam adam = new SparseAdam(embedding, bias, 0.1f);
    // A zero gradient: Adam's step is zero, so the row only shrinks.
    adam.add(0, new float[] {0f, 0f}, 0f);
    adam.step(0.01f);
    assertThat(embedding[0][0]).isCloseTo(1f * (1 - 0.01f * 0.1f), within(1e-7f));
    assertThat(embedding[0][1]).isCloseTo(-2f * (1 - 0.01f * 0.1f), within(1e-7f));
    assertThat(bias[0]).isEqualTo(0.5f);
    assertThat(embedding[1]).containsExactly(3f, 4f);
    assertThat(bias[1]).isEqualTo(-0.5f);
  }

  @Test
  void without_decay_a_row_moves_by_adam_alone() {
    float[][] decayed = {{1f, 1f}};
    float[][] plain = {{1f, 1f}};
    SparseAdam withDecay = new SparseAdam(decayed, new float[1], 0.5f);
    SparseAdam without = new SparseAdam(plain, new float[1], 0f);
    for (SparseAdam adam : new SparseAdam[] {withDecay, without}) {
      adam.add(0, new float[] {1f, -1f}, 0f);
      adam.step(0.1f);
    }
    // Adam's first step is the rate times the gradient's sign; the decay adds its shrink on top.
    assertThat(plain[0][0]).isCloseTo(0.9f, within(1e-5f));
    assertThat(plain[0][1]).isCloseTo(1.1f, within(1e-5f));
    assertThat(decayed[0][0]).isCloseTo(1f * (1 - 0.1f * 0.5f) - 0.1f, within(1e-5f));
    assertThat(decayed[0][1]).isCloseTo(1f * (1 - 0.1f * 0.5f) + 0.1f, within(1e-5f));
  }
}
