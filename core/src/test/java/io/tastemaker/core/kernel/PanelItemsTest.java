package io.tastemaker.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PanelItemsTest {
  private static float[] random(int n, SplittableRandom r) {
    float[] v = new float[n];
    for (int j = 0; j < n; j++) {
      v[j] = (float) (r.nextDouble() * 2 - 1);
    }
    return v;
  }

  @Test
  void packed_and_transposed_logits_are_the_tiled_passes_bit_for_bit_for_catalogues_that_do_not_fill_their_last_panel() {
    SplittableRandom r = new SplittableRandom(21);
    // Sizes around the panel's width and its runs, dimensions around the four a pass adds.
    int[] sizes = {1, 7, 8, 9, 63, 64, 65, 1_000, 16_389};
    int[] dims = {1, 3, 4, 5, 43, 64};
    for (int items : sizes) {
      for (int dim : dims) {
        float[][] vectors = new float[items][];
        for (int i = 0; i < items; i++) {
          vectors[i] = random(dim, r);
        }
        float[][] itemsT = new float[dim][items];
        Gemm.transpose(vectors, itemsT, items, dim);
        float[] bias = random(items, r);
        PanelItems packed = PanelItems.packed(vectors, bias, dim);
        PanelItems transposed = PanelItems.transposed(vectors, bias, dim);
        // Up to nine users, so that a block of four leaves every remainder.
        int count = 1 + r.nextInt(9);
        float[][] users = new float[count][];
        float[][] out = new float[count][items + 3];
        for (int u = 0; u < count; u++) {
          users[u] = random(dim, r);
          out[u][items] = 42f;
        }
        float[][] tiled = new float[count][items];
        packed.logits(users, count, out);
        transposed.logits(users, count, tiled);
        for (int u = 0; u < count; u++) {
          float[] expected = new float[items];
          Logits.of(users[u], itemsT, bias, expected);
          for (int i = 0; i < items; i++) {
            assertThat(out[u][i]).as("packed: items %d dim %d user %d of %d item %d", items, dim, u, count, i).isEqualTo(expected[i]);
            assertThat(tiled[u][i]).as("transposed: items %d dim %d user %d of %d item %d", items, dim, u, count, i).isEqualTo(expected[i]);
          }
          assertThat(out[u][items]).as("past the last item").isEqualTo(42f);
        }
      }
    }
  }

  @Test
  void the_portable_kernel_packs_and_scores_as_the_naive_dot_products_do_within_rounding() {
    SplittableRandom r = new SplittableRandom(5);
    int items = 13;
    int dim = 6;
    float[][] rows = new float[items][];
    for (int i = 0; i < items; i++) {
      rows[i] = random(dim, r);
    }
    float[] bias = random(items, r);
    float[] h = random(dim, r);
    float[] out = new float[items];
    PanelItems.packed(rows, bias, dim).logits(h, out);
    for (int i = 0; i < items; i++) {
      double y = bias[i];
      for (int p = 0; p < dim; p++) {
        y += (double) h[p] * rows[i][p];
      }
      assertThat((double) out[i]).as("item %d", i).isCloseTo(y, offset(1e-5));
    }
  }

  @Test
  void a_vector_of_the_wrong_size_or_too_short_an_output_is_refused_by_name() {
    PanelItems packed = PanelItems.packed(new float[][] {{1, 4}, {2, 5}, {3, 6}}, new float[] {0, 0, 0}, 2);
    assertThatThrownBy(() -> packed.logits(new float[3], new float[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 for 2 dimensions");
    assertThatThrownBy(() -> packed.logits(new float[2], new float[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 logits for 3 items");
    assertThatThrownBy(() -> PanelItems.of(new float[][] {{1, 2}, {3}}, new float[] {0, 0}, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs vectors as long, item 1 has 1");
    assertThatThrownBy(() -> PanelItems.of(new float[][] {{1}, {2}, {3}}, new float[] {0}, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 items needs as many biases, got 1");
  }
}
