package io.tastemaker.core.affinity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AffinityTrainerTest {
  private static PlantedGenres planted;
  private static AffinityModel model;

  @BeforeAll
  static void train() {
    planted = new PlantedGenres(7);
    model = train(planted, Map.of());
  }

  static AffinityModel train(PlantedGenres data, Map<String, String> overrides) {
    return train(data, data.items, overrides);
  }

  static AffinityModel train(PlantedGenres data, Metadata items, Map<String, String> overrides) {
    Map<String, String> p = RecipeCatalog.byName(RecipeCatalog.ITEM_AFFINITY).orElseThrow().resolve(overrides, Map.of());
    TrainingInput input = new TrainingInput(data.data, p, 1, items, Metadata.EMPTY, Map.of(), 0);
    return new AffinityTrainer(RecipeCatalog.ITEM_AFFINITY).train(input, TrainingMonitor.NONE);
  }

  /** The share of a segment's users whose planted favourite genre is {@code genre}. */
  private static double fans(UserSegment segment, AffinityModel m, int genre) {
    int fans = 0;
    for (int user : segment.users()) {
      if (PlantedGenres.favouriteOf(m.userId(user)) == genre) {
        fans++;
      }
    }
    return (double) fans / segment.size();
  }

  @Test
  void fans_of_a_genre_are_the_top_segment_of_its_items() {
    double share = 0;
    for (int item = 0; item < model.items().size(); item++) {
      UserSegment segment = model.segment(item, 25, UserMask.ALL);
      assertEquals(25, segment.size());
      share += fans(segment, model, PlantedGenres.genreOf(model.items().id(item)));
    }
    // 50 fans per genre, so a segment of 25 can be all fans; chance alone gives 25%.
    double mean = share / model.items().size();
    assertTrue(mean > 0.95, "mean share of fans in item segments " + mean);
  }

  @Test
  void fans_of_a_genre_are_the_top_segment_of_its_attribute() {
    for (int genre = 0; genre < PlantedGenres.GENRES; genre++) {
      int g = genre;
      int[] itemSet = model.itemsAllowed(item -> PlantedGenres.genreOf(model.items().id(item)) == g);
      assertEquals(PlantedGenres.ITEMS_PER_GENRE, itemSet.length);
      UserSegment segment = model.segment(itemSet, 50, UserMask.ALL);
      assertEquals(1.0, fans(segment, model, genre), "segment of genre " + PlantedGenres.genreName(genre));
    }
  }

  @Test
  void each_users_probabilities_sum_to_one_over_the_catalogue() {
    int[] everything = model.itemsAllowed(item -> true);
    for (int user = 0; user < model.userCount(); user += 17) {
      double sum = 0;
      for (int item = 0; item < model.items().size(); item++) {
        sum += model.probability(user, item);
      }
      assertEquals(1.0, sum, 1e-9);
      assertEquals(1.0, model.setProbability(user, everything), 1e-9);
    }
  }

  @Test
  void a_segment_is_in_descending_affinity_the_users_activity_times_their_probability() {
    UserSegment segment = model.segment(3, 40, UserMask.ALL);
    double[] p = segment.affinities();
    for (int k = 0; k < p.length; k++) {
      int user = segment.users()[k];
      assertEquals(PlantedGenres.HISTORY * model.probability(user, 3), p[k], 1e-9);
      if (k > 0) {
        assertTrue(p[k - 1] >= p[k] - 1e-7, "descending at " + k);
      }
    }
    double pairSum = model.probability(0, 3) + model.probability(0, 90);
    assertEquals(pairSum, model.setProbability(0, new int[] {3, 90}), 1e-12);
  }

  @Test
  void the_user_mask_keeps_users_out_and_n_is_capped_by_the_users() {
    UserSegment segment = model.segment(5, 1000, user -> user % 2 == 0);
    assertEquals(model.userCount() / 2, segment.size());
    for (int user : segment.users()) {
      assertEquals(0, user % 2);
    }
  }

  @Test
  void the_same_seed_gives_the_same_model_and_another_seed_another() throws IOException {
    ModelCodec codec = RecipeRegistry.standard().codec();
    byte[] first = bytes(codec, model);
    assertArrayEquals(first, bytes(codec, train(planted, Map.of())));
    assertFalse(java.util.Arrays.equals(first, bytes(codec, train(planted, Map.of("seed", "8")))));
  }

  @Test
  void a_stored_model_reads_back_with_the_same_segments() throws IOException {
    ModelCodec codec = RecipeRegistry.standard().codec();
    AffinityModel read = (AffinityModel) codec.read(new ByteArrayInputStream(bytes(codec, model)), "test");
    assertEquals(RecipeCatalog.ITEM_AFFINITY, read.recipe());
    for (int item = 0; item < model.items().size(); item += 13) {
      assertEquals(model.segment(item, 25, UserMask.ALL), read.segment(item, 25, UserMask.ALL));
    }
  }

  @Test
  void item_metadata_lets_items_with_few_interactions_find_their_fans() {
    // Without metadata an item's vector comes from its own interactions only; the shared genre
    // vector must do at least as well.
    AffinityModel without = train(planted, Metadata.EMPTY, Map.of());
    double with = 0;
    double plain = 0;
    for (int item = 0; item < model.items().size(); item++) {
      int genre = PlantedGenres.genreOf(model.items().id(item));
      with += fans(model.segment(item, 25, UserMask.ALL), model, genre);
      plain += fans(without.segment(item, 25, UserMask.ALL), without, genre);
    }
    assertTrue(with >= plain, "with metadata " + with + ", without " + plain);
  }

  @Test
  void the_evaluation_scores_planted_fans_far_above_chance() {
    AffinityTrainer trainer = new AffinityTrainer(RecipeCatalog.ITEM_AFFINITY);
    Map<String, String> p = new HashMap<>(RecipeCatalog.byName(RecipeCatalog.ITEM_AFFINITY).orElseThrow().resolve(Map.of(), Map.of()));
    TrainingInput input = new TrainingInput(planted.data, p, 1, planted.items, Metadata.EMPTY, Map.of(), 0);
    Map<String, Double> metrics = SegmentEvaluation.run(trainer, input, TrainingMonitor.NONE);
    assertEquals(java.util.Set.of(SegmentEvaluation.PRECISION, SegmentEvaluation.RECALL), metrics.keySet());
    // A random segment of 25 of the ~190 users who had not yet met an item holds about 25/190 x
    // (its test users); segments of fans hold about 4 times as many.
    AffinityModel random = train(planted, Metadata.EMPTY, Map.of("epochs", "1", "learning_rate", "0.00001"));
    Map<String, Double> baseline = SegmentEvaluation.evaluate(random, SegmentEvaluation.Split.of(planted.data));
    assertTrue(metrics.get(SegmentEvaluation.RECALL) > 2.5 * baseline.get(SegmentEvaluation.RECALL), metrics + " against untrained " + baseline);
  }

  @Test
  void item_attribute_affinity_needs_items_metadata() {
    Map<String, String> p = RecipeCatalog.byName(RecipeCatalog.ITEM_ATTRIBUTE_AFFINITY).orElseThrow().resolve(Map.of(), Map.of());
    TrainingInput input = new TrainingInput(planted.data, p, 1, Metadata.EMPTY, Metadata.EMPTY, Map.of(), 0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AffinityTrainer(RecipeCatalog.ITEM_ATTRIBUTE_AFFINITY).train(input, TrainingMonitor.NONE))
        .isInstanceOf(io.tastemaker.core.training.DataRequirementException.class)
        .hasMessageContaining("Items dataset");
  }

  private static byte[] bytes(ModelCodec codec, AffinityModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(m, out);
    return out.toByteArray();
  }
}
