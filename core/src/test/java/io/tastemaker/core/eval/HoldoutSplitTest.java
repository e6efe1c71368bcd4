package io.tastemaker.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldoutSplitTest {
  /** 100 users; user u has u % 20 + 1 interactions with items "i0", "i1", ... at times 0, 1, ... */
  private static InteractionData data() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 100; u++) {
      for (int k = 0; k <= u % 20; k++) {
        b.add("u" + u, "i" + k, k, Optional.empty(), Double.NaN);
      }
    }
    return b.build();
  }

  @Test
  void ten_percent_of_eligible_users_are_held_out_reproducibly() {
    InteractionData data = data();
    HoldoutSplit a = HoldoutSplit.of(data, 7);
    HoldoutSplit b = HoldoutSplit.of(data, 7);
    assertThat(a.testUsers()).containsExactly(b.testUsers());
    // 95 users have two or more interactions; a tenth of them, rounded up, is 10.
    assertThat(a.testUsers()).hasSize(10);
    assertThat(a.trainUsers()).hasSize(90);
    assertThat(IntStream.concat(Arrays.stream(a.trainUsers()), Arrays.stream(a.testUsers())).distinct().count()).isEqualTo(100);
    assertThat(HoldoutSplit.of(data, 8).testUsers()).isNotEqualTo(a.testUsers());
    for (int user : a.testUsers()) {
      assertThat(data.historyLength(user)).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void the_newest_tenth_is_the_truth_and_the_rest_the_history() {
    assertThat(HoldoutSplit.truthLength(2)).isEqualTo(1);
    assertThat(HoldoutSplit.truthLength(19)).isEqualTo(1);
    assertThat(HoldoutSplit.truthLength(20)).isEqualTo(2);
    InteractionData data = data();
    HoldoutSplit split = HoldoutSplit.of(data, 7);
    for (EvalQuery q : split.queries(data)) {
      int length = data.historyLength(q.user());
      int truth = HoldoutSplit.truthLength(length);
      assertThat(q.history().length()).isEqualTo(length - truth);
      // Items were added in time order, so the truth is the last items.
      int[] expected = Arrays.copyOfRange(data.itemsOf(q.user()), length - truth, length);
      assertThat(q.relevant()).containsExactly(expected);
    }
  }
}
