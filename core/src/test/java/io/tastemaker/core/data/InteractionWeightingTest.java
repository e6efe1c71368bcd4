package io.tastemaker.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.model.History;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.popularity.PopularityModel;
import io.tastemaker.core.popularity.PopularityTrainer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class InteractionWeightingTest {
  /** 200 users: users 0..149 click "clicked", users 0..99 buy "bought" (value u % 10), everyone views "viewed". */
  private static InteractionData shop() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 200; u++) {
      String user = "u" + u;
      b.add(user, "viewed", 1, Optional.of("view"), Double.NaN);
      if (u < 150) {
        b.add(user, "clicked", 2, Optional.of("click"), Double.NaN);
      }
      if (u < 100) {
        b.add(user, "bought", 3, Optional.of("purchase"), u % 10);
      }
    }
    return b.build();
  }

  private static long count(InteractionData data, String item) {
    int index = data.itemIds().indexOf(item);
    return index < 0 ? 0 : java.util.stream.IntStream.range(0, data.size()).filter(i -> data.item(i) == index).count();
  }

  private static String first(InteractionData data) {
    PopularityModel model = PopularityTrainer.train(data);
    return model.items().id(model.recommend(UserQuery.anonymous(History.EMPTY), 1, item -> true).items()[0]);
  }

  private static EventParameters weight(String type, double weight) {
    return new EventParameters(type, OptionalDouble.empty(), weight);
  }

  @Test
  void without_a_configuration_every_interaction_stays() {
    InteractionData data = shop();
    assertThat(new InteractionWeighting(List.of(), Optional.empty()).apply(data, 1)).isSameAs(data);
  }

  @Test
  void a_weighted_event_type_moves_the_answer() {
    InteractionData data = shop();
    assertThat(first(data)).isEqualTo("viewed");
    InteractionWeighting purchases = new InteractionWeighting(List.of(weight("click", 0.1), weight("purchase", 1.0)), Optional.empty());
    InteractionData weighted = purchases.apply(data, 42);
    // Views are not listed, so they do not train; clicks keep about a tenth (150 / 10 = 15), purchases all 100.
    assertThat(count(weighted, "viewed")).isZero();
    assertThat(count(weighted, "bought")).isEqualTo(100);
    assertThat(count(weighted, "clicked")).isBetween(5L, 30L);
    assertThat(first(weighted)).isEqualTo("bought");
    // Only the ratio counts: 0.05 against 0.5 keeps the same interactions.
    InteractionData halved = new InteractionWeighting(List.of(weight("click", 0.05), weight("purchase", 0.5)), Optional.empty()).apply(data, 42);
    assertThat(count(halved, "clicked")).isEqualTo(count(weighted, "clicked"));
  }

  @Test
  void the_same_seed_keeps_the_same_interactions() {
    InteractionWeighting w = new InteractionWeighting(List.of(weight("click", 0.5), weight("view", 0.5), weight("purchase", 1)), Optional.empty());
    InteractionData a = w.apply(shop(), 7);
    InteractionData b = w.apply(shop(), 7);
    assertThat(a.size()).isEqualTo(b.size());
    assertThat(a.userIds()).isEqualTo(b.userIds());
    assertThat(a.itemIds()).isEqualTo(b.itemIds());
  }

  @Test
  void a_type_threshold_keeps_only_events_that_reach_it() {
    EventParameters buys = new EventParameters("purchase", OptionalDouble.of(5), 1);
    InteractionData kept = new InteractionWeighting(List.of(buys), Optional.empty()).apply(shop(), 1);
    // Values u % 10 for u < 100: 5..9 reach 5, half of the 100.
    assertThat(kept.size()).isEqualTo(50);
    assertThat(kept.itemIds()).containsExactly("bought");
    for (int i = 0; i < kept.size(); i++) {
      assertThat(kept.eventValue(i)).isGreaterThanOrEqualTo(5f);
    }
  }

  @Test
  void an_event_type_listed_twice_is_refused() {
    assertThatThrownBy(() -> new InteractionWeighting(List.of(weight("click", 1), weight("click", 0.5)), Optional.empty()))
        .hasMessageContaining("click is listed twice");
    assertThatThrownBy(() -> weight("click", 1.5)).hasMessage("weight must be in [0, 1], got 1.5");
  }

  @Test
  void the_objective_keeps_interactions_with_valued_items_more_often() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    Map<String, Double> price = new HashMap<>();
    for (int item = 0; item < 10; item++) {
      price.put("i" + item, (double) item);
      for (int u = 0; u < 400; u++) {
        b.add("u" + u, "i" + item, item, Optional.empty(), Double.NaN);
      }
    }
    ItemObjective objective = ItemObjective.of(price, 2);
    InteractionData kept = new InteractionWeighting(List.of(), Optional.of(objective)).apply(b.build(), 3);
    // The dearest item keeps every interaction, the cheapest about exp(-2) = 13.5% of them.
    assertThat(count(kept, "i9")).isEqualTo(400);
    assertThat(count(kept, "i0")).isBetween(30L, 80L);
    long[] counts = new long[10];
    for (int item = 0; item < 10; item++) {
      counts[item] = count(kept, "i" + item);
    }
    assertThat(counts[0]).isLessThan(counts[5]);
    assertThat(counts[5]).isLessThan(counts[9]);
    assertThat(Arrays.stream(counts).sum()).isLessThan(4000);
  }
}
