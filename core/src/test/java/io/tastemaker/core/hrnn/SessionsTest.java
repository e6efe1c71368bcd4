package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.recipe.RecipeCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private static HrnnConfig config(Map<String, String> given) {
    return HrnnConfig.from(RecipeCatalog.byName("aws-hrnn").orElseThrow().resolve(given, Map.of()));
  }

  @Test
  void a_gap_longer_than_the_session_gap_starts_a_session() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    long[] times = {0, 60, 120, 120 + 31 * 60, 120 + 32 * 60, 10_000_000};
    for (int k = 0; k < times.length; k++) {
      b.add("u", "i" + k, times[k], Optional.empty(), Double.NaN);
    }
    b.add("v", "i0", 0, Optional.empty(), Double.NaN);
    b.add("v", "i1", 1, Optional.empty(), Double.NaN);
    Sequences s = Sequences.of(b.build(), config(Map.of("validation_users", "0")));
    assertThat(IntStream.range(0, s.length(0)).mapToObj(p -> s.sessionStart(0, p))).containsExactly(true, false, false, true, false, true);
  }

  @Test
  void histories_keep_their_newest_items_and_extreme_users_are_left_out() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 100; u++) {
      int length = u == 99 ? 500 : 2 + u % 10;
      for (int k = 0; k < length; k++) {
        b.add("u" + u, "i" + k, k, Optional.empty(), Double.NaN);
      }
    }
    InteractionData data = b.build();
    Sequences s = Sequences.of(data, config(Map.of("validation_users", "0", "max_sequence_length", "5")));
    // The longest user is above the 99th percentile of history lengths and trains nothing.
    assertThat(s.size()).isEqualTo(99);
    // Lengths 2 to 11, capped at 5: 10 users of each of 2, 3 and 4, 69 of 5.
    assertThat(s.medianLength()).isEqualTo(5);
    for (int q = 0; q < s.size(); q++) {
      assertThat(s.length(q)).isLessThanOrEqualTo(5);
      // The newest five: the window ends at the user's last item.
      int last = s.length(q) - 1;
      assertThat(s.item(q, last)).isEqualTo(data.item(data.end(s.users[q]) - 1));
    }
  }

  @Test
  void recency_weights_count_old_events_about_half() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int k = 0; k < 10; k++) {
      b.add("u", "i" + k, k * 1000L, Optional.empty(), Double.NaN);
    }
    Sequences withMask = Sequences.of(b.build(), config(Map.of("validation_users", "0")));
    assertThat(withMask.weight(0, 9)).isEqualTo(1f);
    assertThat(withMask.weight(0, 0)).isBetween(0.5f, 0.6f);
    Sequences without = Sequences.of(b.build(), config(Map.of("validation_users", "0", "recency_mask", "false")));
    assertThat(without.weight(0, 0)).isEqualTo(1f);
  }

  @Test
  void a_validation_user_trains_on_all_but_the_last_item_which_is_its_target() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 50; u++) {
      for (int k = 0; k < 4; k++) {
        b.add("u" + u, "i" + (u + k), k * 60L, Optional.empty(), Double.NaN);
      }
    }
    InteractionData data = b.build();
    Sequences s = Sequences.of(data, config(Map.of("validation_users", "5")));
    assertThat(s.validationSequences).hasSize(5);
    long[] counts = new long[data.itemCount()];
    for (int q = 0; q < s.size(); q++) {
      for (int p = 1; p < s.length(q); p++) {
        counts[s.item(q, p)]++;
      }
    }
    for (int v = 0; v < 5; v++) {
      int q = s.validationSequences[v];
      int user = s.users[q];
      assertThat(s.length(q)).isEqualTo(3);
      assertThat(s.validationTargets[v]).isEqualTo(data.item(data.end(user) - 1));
      assertThat(s.item(q, 2)).isEqualTo(data.item(data.end(user) - 2));
    }
    // Negatives are drawn by what training predicts: held-out items are not counted.
    assertThat(s.targetCounts).containsExactly(counts);
  }
}
