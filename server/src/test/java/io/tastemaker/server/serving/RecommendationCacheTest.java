package io.tastemaker.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.model.Ranking;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecommendationCacheTest {
  private final AtomicInteger computed = new AtomicInteger();

  private Ranking compute(int item) {
    computed.incrementAndGet();
    return new Ranking(new int[] {item}, new double[] {1.0});
  }

  @Test
  void an_answer_is_computed_once_per_user_and_number_of_results() {
    RecommendationCache cache = new RecommendationCache(10);
    Ranking first = cache.get("u1", 25, () -> compute(1));
    assertThat(cache.get("u1", 25, () -> compute(2))).isSameAs(first);
    assertThat(cache.get("u1", 10, () -> compute(3)).items()).containsExactly(3);
    assertThat(cache.get("u2", 25, () -> compute(4)).items()).containsExactly(4);
    assertThat(computed).hasValue(3);
  }

  @Test
  void a_forgotten_user_is_computed_again_and_the_others_are_kept() {
    RecommendationCache cache = new RecommendationCache(10);
    cache.get("u1", 25, () -> compute(1));
    cache.get("u1", 5, () -> compute(1));
    cache.get("u2", 25, () -> compute(2));
    cache.forget("u1");
    assertThat(cache.get("u1", 25, () -> compute(5)).items()).containsExactly(5);
    assertThat(cache.get("u2", 25, () -> compute(6)).items()).containsExactly(2);
    assertThat(computed).hasValue(4);
  }

  @Test
  void an_answer_computed_while_its_user_is_forgotten_is_not_kept() {
    RecommendationCache cache = new RecommendationCache(10);
    // Events arrive for u1 while its answer is being computed from the old state.
    Ranking stale = cache.get("u1", 25, () -> {
      cache.forget("u1");
      return compute(1);
    });
    assertThat(stale.items()).containsExactly(1);
    assertThat(cache.get("u1", 25, () -> compute(2)).items()).as("computed again from the new state").containsExactly(2);
  }

  @Test
  void it_never_holds_more_than_its_capacity() {
    RecommendationCache cache = new RecommendationCache(3);
    for (int u = 0; u < 20; u++) {
      int item = u;
      cache.get("u" + u, 25, () -> compute(item));
      assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
    assertThat(computed).hasValue(20);
  }

  @Test
  void capacity_zero_computes_every_request() {
    RecommendationCache cache = new RecommendationCache(0);
    cache.get("u1", 25, () -> compute(1));
    cache.get("u1", 25, () -> compute(1));
    assertThat(computed).hasValue(2);
    assertThat(cache.size()).isZero();
  }
}
