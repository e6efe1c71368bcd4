package io.tastemaker.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamTest {
  private static final float B1 = 0.9f;
  private static final float B2 = 0.999f;
  private static final float EPS = 1e-8f;

  private static float[][] random(int rows, int cols, SplittableRandom random) {
    float[][] a = new float[rows][cols];
    Matrices.uniform(a, 1f, random);
    return a;
  }

  @Test
  void a_lazy_step_touching_every_row_is_the_dense_step() {
    SplittableRandom random = new SplittableRandom(4);
    float[][] table = random(7, 5, random);
    float[][] bias = random(1, 7, random);
    float[][] dense = random(3, 3, random);
    List<float[][]> a = List.of(Matrices.copy(table), Matrices.copy(bias), Matrices.copy(dense));
    List<float[][]> b = List.of(Matrices.copy(table), Matrices.copy(bias), Matrices.copy(dense));
    Adam denseAdam = new Adam(a, B1, B2, EPS);
    Adam lazyAdam = new Adam(b, B1, B2, EPS);
    TouchedRows every = new TouchedRows(7);
    every.addEverything();
    for (int step = 0; step < 5; step++) {
      List<float[][]> grads = List.of(random(7, 5, random), random(1, 7, random), random(3, 3, random));
      denseAdam.step(grads, 0.01f);
      lazyAdam.step(grads, 0.01f, List.of(new Adam.Lazy(0, every, false), new Adam.Lazy(1, every, true)));
    }
    for (int t = 0; t < 3; t++) {
      for (int r = 0; r < a.get(t).length; r++) {
        assertThat(b.get(t)[r]).containsExactly(a.get(t)[r]);
      }
    }
  }

  @Test
  void untouched_rows_keep_their_values_and_moments_and_a_later_step_sees_no_decay() {
    float[][] table = {{1f, 2f}, {3f, 4f}};
    float[][] bias = {{0.5f, -0.5f}};
    Adam adam = new Adam(List.of(table, bias), B1, B2, EPS);
    TouchedRows first = new TouchedRows(2);
    first.add(0);
    float rate = 0.1f;
    // Step 1 touches row 0 and bias entry 0 with gradient 2: the bias-corrected step is rate * sign(g).
    adam.step(List.of(new float[][] {{2f, 2f}, {9f, 9f}}, new float[][] {{2f, 9f}}), rate, List.of(new Adam.Lazy(0, first, false), new Adam.Lazy(1, first, true)));
    assertThat(table[0][0]).isCloseTo(1f - rate, within(1e-6f));
    assertThat(table[1]).containsExactly(3f, 4f);
    assertThat(bias[0][1]).isEqualTo(-0.5f);
    assertThat(bias[0][0]).isCloseTo(0.5f - rate, within(1e-6f));
    // Step 2 touches nothing; step 3 touches row 0 with gradient 0. A dense step would have decayed the
    // moments twice (m = 0.9^2 * 0.2); the lazy one once (m = 0.9 * 0.2, v = 0.999 * 0.004).
    TouchedRows none = new TouchedRows(2);
    adam.step(List.of(new float[][] {{0f, 0f}, {0f, 0f}}, new float[][] {{0f, 0f}}), rate, List.of(new Adam.Lazy(0, none, false), new Adam.Lazy(1, none, true)));
    assertThat(table[0][0]).isCloseTo(1f - rate, within(1e-6f));
    adam.step(List.of(new float[][] {{0f, 0f}, {0f, 0f}}, new float[][] {{0f, 0f}}), rate, List.of(new Adam.Lazy(0, first, false), new Adam.Lazy(1, none, true)));
    double m = B1 * (1 - B1) * 2;
    double v = B2 * (1 - B2) * 4;
    double mHat = m / (1 - Math.pow(B1, 3));
    double vHat = v / (1 - Math.pow(B2, 3));
    assertThat((double) table[0][0]).isCloseTo(1 - rate - rate * mHat / (Math.sqrt(vHat) + EPS), within(1e-5));
    assertThat(table[1]).containsExactly(3f, 4f);
  }

  @Test
  void decoupled_decay_shrinks_what_a_step_updates_besides_adams_step_and_nothing_else() {
    float[][] table = {{1f, -2f}, {3f, 4f}};
    float[][] dense = {{1f, 1f}};
    float[][] undecayed = {{1f, 1f}};
    Adam adam = new Adam(List.of(table, dense, undecayed), B1, B2, EPS).decoupledDecay(0, 0.5f).decoupledDecay(1, 0.5f);
    TouchedRows first = new TouchedRows(2);
    first.add(0);
    float rate = 0.1f;
    // Row 0 has a zero gradient, so Adam's step is zero and it only shrinks; row 1 is untouched.
    List<float[][]> grads = List.of(new float[][] {{0f, 0f}, {5f, 5f}}, new float[][] {{1f, -1f}}, new float[][] {{1f, -1f}});
    adam.step(grads, rate, List.of(new Adam.Lazy(0, first, false)));
    float shrink = 1 - rate * 0.5f;
    assertThat(table[0]).containsExactly(1f * shrink, -2f * shrink);
    assertThat(table[1]).containsExactly(3f, 4f);
    // The dense tensors: Adam's first step is the rate times the gradient's sign, with the shrink on top where decayed.
    assertThat(dense[0][0]).isCloseTo(shrink - rate, within(1e-6f));
    assertThat(dense[0][1]).isCloseTo(shrink + rate, within(1e-6f));
    assertThat(undecayed[0][0]).isCloseTo(1f - rate, within(1e-6f));
    assertThat(undecayed[0][1]).isCloseTo(1f + rate, within(1e-6f));
  }
}
