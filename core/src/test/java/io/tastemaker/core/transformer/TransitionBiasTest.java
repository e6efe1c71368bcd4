package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.RecipeRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransitionBiasTest {
  @Test
  void pairs_are_counted_per_first_item_with_their_totals() {
    TransitionBias.Counts counts = TransitionBias.count(new int[][] {{0, 1, 2}, {0, 1}, {1, 0}, {3}}, 4);
    assertThat(counts.total()).containsExactly(2, 2, 0, 0);
    assertThat(counts.rowStart()).containsExactly(0, 1, 3, 3, 3);
    assertThat(counts.next()).containsExactly(1, 0, 2);
    assertThat(counts.count()).containsExactly(2, 1, 1);
  }

  @Test
  void a_row_keeps_its_most_frequent_successors_in_index_order() {
    int items = TransitionBias.MAX_NEXT + 10;
    int[][] sequences = new int[items + 2][];
    for (int b = 1; b < items; b++) {
      sequences[b] = new int[] {0, b};
    }
    sequences[0] = new int[] {0, items - 1};
    sequences[items] = new int[] {0, items - 1};
    sequences[items + 1] = new int[] {0, 2};
    TransitionBias.Counts counts = TransitionBias.count(sequences, items);
    int[] row = java.util.Arrays.copyOfRange(counts.next(), counts.rowStart()[0], counts.rowStart()[1]);
    assertThat(row).hasSize(TransitionBias.MAX_NEXT).isSorted().contains(items - 1, 2).contains(1).doesNotContain(items - 2);
    assertThat(counts.total()[0]).isEqualTo(items + 2);
  }

  @Test
  void boosted_logits_give_the_network_softmax_times_the_smoothed_chain_renormalised() {
    int n = 20;
    TransitionBias.Counts counts = TransitionBias.count(new int[][] {{3, 5, 3, 7}, {3, 5}, {3, 19}}, n);
    double weight = 0.3;
    double share = 0.2;
    TransitionBias bias = counts.bias(weight, share);
    SplittableRandom random = new SplittableRandom(9);
    float[] logits = new float[n];
    for (int i = 0; i < n; i++) {
      logits[i] = (float) random.nextDouble(-3, 3);
    }
    float[] moved = logits.clone();
    bias.addTo(3, moved);
    double[] chain = new double[n];
    // Item 3 was followed by 5 twice, by 7 and by 19 once each.
    chain[5] = 2.0 / 4;
    chain[7] = 1.0 / 4;
    chain[19] = 1.0 / 4;
    double[] product = new double[n];
    double productSum = 0;
    double movedSum = 0;
    for (int i = 0; i < n; i++) {
      product[i] = Math.exp(logits[i]) * Math.pow(share * chain[i] + (1 - share) / n, weight);
      productSum += product[i];
      movedSum += Math.exp(moved[i]);
    }
    for (int i = 0; i < n; i++) {
      assertThat(Math.exp(moved[i]) / movedSum).as("item %d", i).isCloseTo(product[i] / productSum, within(1e-6));
      assertThat(bias.boost(3, i)).as("item %d", i).isEqualTo(moved[i] - logits[i], within(1e-6f));
    }
    float[] fromCounts = logits.clone();
    counts.addTo(3, weight, share, fromCounts);
    assertThat(fromCounts).as("the counts' own row, as held-out users are scored").containsExactly(moved);
    assertThat(moved[5]).isGreaterThan(logits[5]);
    float[] untouched = logits.clone();
    bias.addTo(-1, untouched);
    bias.addTo(4, untouched);
    assertThat(untouched).containsExactly(logits);
    assertThat(counts.bias(0, share).isEmpty()).isTrue();
  }

  @Test
  void a_table_is_read_back_as_written_and_a_table_outside_the_catalogue_is_refused() throws Exception {
    TransitionBias bias = TransitionBias.count(new int[][] {{0, 1, 2}, {2, 1}}, 3).bias(0.2, 0.5);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (BinaryWriter out = new BinaryWriter(bytes, "t", 1)) {
      bias.writeTo(out);
      TransitionBias.NONE.writeTo(out);
      out.finish();
    }
    BinaryReader in = BinaryReader.open(new ByteArrayInputStream(bytes.toByteArray()), "test", "t", 1, 1);
    TransitionBias read = TransitionBias.readFrom(in, 3);
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        assertThat(read.boost(a, b)).isEqualTo(bias.boost(a, b));
      }
    }
    assertThat(TransitionBias.readFrom(in, 3).isEmpty()).isTrue();
    BinaryReader again = BinaryReader.open(new ByteArrayInputStream(bytes.toByteArray()), "test", "t", 1, 1);
    assertThatThrownBy(() -> TransitionBias.readFrom(again, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("for 2 items");
  }

  @Test
  void every_serving_path_adds_the_boosts_and_a_model_file_keeps_them() throws Exception {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 30; u++) {
      for (int k = 0; k < 6; k++) {
        b.add("u" + u, "i" + ((u + k) % 40), 1_000_000L + 60L * k, Optional.empty(), Double.NaN);
      }
    }
    InteractionData data = b.build();
    TransformerModel plain = RandomTransformerModels.model(40, data, 3);
    // A chain that sends every item to the item 7 places on, strongly.
    int[][] walks = new int[40][];
    for (int i = 0; i < 40; i++) {
      walks[i] = new int[] {i, (i + 7) % 40};
    }
    TransformerModel chained = RandomTransformerModels.model(40, data, 3).withTransitions(TransitionBias.count(walks, 40).bias(1, 0.9));
    UserQuery query = UserQuery.of("u4");
    int newest = plain.sequence(query)[plain.sequence(query).length - 1];
    int boosted = (newest + 7) % 40;
    double[] before = plain.probabilities(query);
    double[] after = chained.probabilities(query);
    assertThat(java.util.Arrays.stream(after).sum()).isCloseTo(1, within(1e-6));
    assertThat(after[boosted]).isGreaterThan(before[boosted]);
    assertThat(after[boosted] / before[boosted]).isGreaterThan(after[(boosted + 1) % 40] / before[(boosted + 1) % 40]);
    Ranking top = chained.recommend(query, 40, ItemMask.ALL);
    int[] candidates = {boosted, (boosted + 1) % 40, (boosted + 2) % 40};
    Ranking ranked = chained.rank(query, candidates);
    for (int k = 0; k < ranked.items().length; k++) {
      int item = ranked.items()[k];
      double expected = after[item] / (after[candidates[0]] + after[candidates[1]] + after[candidates[2]]);
      assertThat(ranked.scores()[k]).as("item %d", item).isCloseTo(expected, within(1e-5));
    }
    Ranking blocked = chained.recommendAll(List.of(query), 40, List.of(ItemMask.ALL)).get(0);
    assertThat(blocked.items()).containsExactly(top.items());
    ModelCodec codec = RecipeRegistry.standard().codec();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.write(chained, bytes);
    Recommender read = codec.read(new ByteArrayInputStream(bytes.toByteArray()), "model");
    assertThat(read.recommend(query, 40, ItemMask.ALL).items()).containsExactly(top.items());
    assertThat(read.recommend(query, 40, ItemMask.ALL).scores()).containsExactly(top.scores(), within(1e-9));
    TransformerModel refreshed = (TransformerModel) chained.withUsers(data);
    assertThat(refreshed.probabilities(query)).containsExactly(after, within(1e-12));
    History event = new History(new int[] {11}, new long[] {2_000_000L}, new boolean[] {true});
    double[] afterEvent = chained.probabilities(new UserQuery(Optional.of("u4"), event));
    double[] plainAfterEvent = plain.probabilities(new UserQuery(Optional.of("u4"), event));
    assertThat(afterEvent[18] / plainAfterEvent[18]).as("the event's successor").isGreaterThan(afterEvent[boosted] / plainAfterEvent[boosted]);
  }

  @Test
  void the_held_out_users_choose_a_chain_where_the_next_item_follows_the_last_and_none_where_it_does_not() {
    assertThat(trainedOn(true).hasTransitions()).as("each item followed by one successor").isTrue();
    assertThat(trainedOn(false).hasTransitions()).as("successors drawn at random").isFalse();
  }

  /** One epoch on 400 users' walks over 500 items: each step to the item's own successor, or to any item. */
  private static TransformerModel trainedOn(boolean chained) {
    SplittableRandom random = new SplittableRandom(23);
    int items = 500;
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 400; u++) {
      int item = random.nextInt(items);
      for (int k = 0; k < 8; k++) {
        b.add("u" + u, "i" + item, 1_000_000L + 60L * k, Optional.empty(), Double.NaN);
        item = chained ? (item * 37 + 11) % items : random.nextInt(items);
      }
    }
    java.util.Map<String, String> given = java.util.Map.of("hidden_dimension", "16", "epochs", "1", "batch_size", "32", "threads", "1");
    return (TransformerModel) new TransformerTrainer(RecipeCatalog.USER_PERSONALIZATION_V2, RecipeType.USER_PERSONALIZATION)
        .train(new io.tastemaker.core.training.TrainingInput(b.build(),
                RecipeCatalog.byName(RecipeCatalog.USER_PERSONALIZATION_V2).orElseThrow().resolve(given, java.util.Map.of()), 1),
            io.tastemaker.core.training.TrainingMonitor.NONE);
  }
}
