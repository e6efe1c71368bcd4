package io.tastemaker.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {
  /** Few distinct values, so that ties are common. */
  private static float[] tiedScores(int n, SplittableRandom random) {
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      scores[i] = random.nextInt(0, 20) / 4f;
    }
    return scores;
  }

  @Test
  void the_best_k_come_out_best_first_like_a_full_sort() {
    SplittableRandom random = new SplittableRandom(9);
    for (int trial = 0; trial < 200; trial++) {
      int n = random.nextInt(1, 300);
      int k = random.nextInt(0, 40);
      float[] scores = tiedScores(n, random);
      TopK top = new TopK(k);
      for (int i = 0; i < n; i++) {
        top.offer(i, scores[i]);
      }
      float[] out = new float[top.size()];
      int[] got = top.drainIndices(out);
      int[] expected =
          IntStream.range(0, n).boxed()
              .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
              .limit(k)
              .mapToInt(Integer::intValue)
              .toArray();
      assertThat(got).containsExactly(expected);
      for (int i = 0; i < got.length; i++) {
        assertThat(out[i]).isEqualTo(scores[got[i]]);
      }
    }
  }

  @Test
  void the_threshold_is_the_lowest_entry_once_full() {
    TopK top = new TopK(2);
    assertThat(top.threshold()).isEqualTo(Float.NEGATIVE_INFINITY);
    top.offer(0, 1f);
    top.offer(1, 3f);
    top.offer(2, 2f);
    assertThat(top.threshold()).isEqualTo(2f);
    assertThat(Arrays.toString(top.drainIndices(null))).isEqualTo("[1, 2]");
  }

  @Test
  void nothing_enters_an_empty_heap() {
    TopK top = new TopK(0);
    assertThat(top.threshold()).isEqualTo(Float.POSITIVE_INFINITY);
    top.offer(0, 1f);
    assertThat(top.drainIndices(null)).isEmpty();
  }

  @Test
  void offering_all_with_the_threshold_scan_keeps_what_offering_each_allowed_index_keeps() {
    SplittableRandom random = new SplittableRandom(13);
    for (int trial = 0; trial < 200; trial++) {
      int n = random.nextInt(1, 400);
      int k = random.nextInt(0, 40);
      // The values past n must be left alone.
      float[] scores = tiedScores(n + 5, random);
      int modulus = random.nextInt(1, 5);
      TopK scanned = new TopK(k);
      scanned.offerAll(scores, n, i -> i % modulus != 1);
      TopK each = new TopK(k);
      for (int i = 0; i < n; i++) {
        if (i % modulus != 1) {
          each.offer(i, scores[i]);
        }
      }
      assertThat(scanned.drainIndices(null)).containsExactly(each.drainIndices(null));
    }
  }
}
