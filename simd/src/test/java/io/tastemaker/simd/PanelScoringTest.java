package io.tastemaker.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.hrnn.RandomHrnnModels;
import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.UserQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Answers from the item table packed in panels (the Vector API's panel kernel) against the plain
 * exact pass over the transposed table, on seeded random aws-hrnn models: the same items and the
 * same scores, bit for bit, one user at a time and in blocks.
 */
class PanelScoringTest {
  private static final int DIM = 43;
  private static final int USERS = 60;
  private static final int RESULTS = 25;

  @Test
  void packed_and_transposed_tables_give_the_same_answers_bit_for_bit_at_sizes_that_leave_a_short_last_panel() {
    assumeTrue(new VectorKernels().panels(), "this machine's vectors are not 512 bits: the table is never packed");
    assertThat(Gemm.kernels()).startsWith("vector");
    // Sizes around a panel (16 items) and a run of panels (256), and past a block of 32 users' rows.
    for (int items : new int[] {1, 15, 17, 257, 1_000, 20_011}) {
      HrnnModel plain = withPanels(false, items);
      HrnnModel packed = withPanels(true, items);
      List<UserQuery> queries = new ArrayList<>();
      for (int u = 0; u < USERS; u++) {
        queries.add(UserQuery.of("u" + u));
      }
      List<ItemMask> masks = Collections.nCopies(USERS, ItemMask.ALL);
      List<Ranking> plainBlocked = plain.recommendAll(queries, RESULTS, masks);
      List<Ranking> packedBlocked = packed.recommendAll(queries, RESULTS, masks);
      for (int u = 0; u < USERS; u++) {
        UserQuery q = queries.get(u);
        Ranking expected = plain.recommend(q, RESULTS, ItemMask.ALL);
        assertThat(expected.items()).as("items %d user %d", items, u).hasSize(Math.min(RESULTS, items));
        for (Ranking actual : List.of(packed.recommend(q, RESULTS, ItemMask.ALL), packedBlocked.get(u), plainBlocked.get(u))) {
          assertThat(actual.items()).as("items %d user %d", items, u).containsExactly(expected.items());
          assertThat(actual.scores()).as("items %d user %d", items, u).containsExactly(expected.scores());
        }
        double[] p = packed.probabilities(q);
        assertThat(p).as("items %d user %d", items, u).containsExactly(plain.probabilities(q));
        double sum = 0;
        for (double v : p) {
          sum += v;
        }
        assertThat(sum).as("items %d user %d", items, u).isBetween(1 - 1e-6, 1 + 1e-6);
      }
    }
  }

  /** A seeded model built with the table packed or not, answering every user from the float table. */
  private static HrnnModel withPanels(boolean panels, int items) {
    String before = System.getProperty("tastemaker.panels");
    System.setProperty("tastemaker.panels", Boolean.toString(panels));
    try {
      return RandomHrnnModels.model(items, DIM, USERS, 21).quantizedAbove(Integer.MAX_VALUE);
    } finally {
      if (before == null) {
        System.clearProperty("tastemaker.panels");
      } else {
        System.setProperty("tastemaker.panels", before);
      }
    }
  }
}
