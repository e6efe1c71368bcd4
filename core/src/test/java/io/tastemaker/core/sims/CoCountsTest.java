package io.tastemaker.core.sims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoCountsTest {
  @Test
  void the_sparse_counts_agree_with_the_dense_ones_and_a_naive_count() {
    for (int items : new int[] {1, 2, 7, 33, 130}) {
      CoCounts dense = new CoCounts.Dense(items);
      CoCounts sparse = new CoCounts.Sparse(items);
      int[][] co = new int[items][items];
      int[][] close = new int[items][items];
      SplittableRandom random = new SplittableRandom(items);
      for (int n = 0; n < items * 20; n++) {
        int a = random.nextInt(items);
        int b = random.nextInt(items);
        if (a == b) {
          continue;
        }
        boolean near = random.nextBoolean();
        dense.add(a, b, near);
        sparse.add(a, b, near);
        co[a][b]++;
        co[b][a]++;
        close[a][b] += near ? 1 : 0;
        close[b][a] += near ? 1 : 0;
      }
      for (CoCounts counts : new CoCounts[] {dense, sparse}) {
        for (int i = 0; i < items; i++) {
          int[][] seen = new int[items][2];
          counts.forEachNeighbour(i, (j, c, near) -> {
            seen[j][0] = c;
            seen[j][1] = near;
          });
          for (int j = 0; j < items; j++) {
            assertThat(seen[j]).as("items %d, pair (%d, %d)", items, i, j).containsExactly(co[i][j], close[i][j]);
          }
        }
      }
    }
  }
}
