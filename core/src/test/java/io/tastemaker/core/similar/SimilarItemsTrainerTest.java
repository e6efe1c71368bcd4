package io.tastemaker.core.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.cooccurrence.NeighbourModel;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.data.TextFeatures;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimilarItemsTrainerTest {
  /**
   * Twelve horror fans watch h1..h3 (h1 and h2 all of them, h3 half), twelve comedy fans c1..c3
   * likewise; h4 and c4 were watched by one fan each; h-new and c-new by nobody.
   */
  private static InteractionData watches() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (String genre : List.of("h", "c")) {
      for (int u = 0; u < 12; u++) {
        String user = genre + "-fan-" + u;
        b.add(user, genre + "1", 1, Optional.of("Watch"), Double.NaN);
        b.add(user, genre + "2", 2, Optional.of("Watch"), Double.NaN);
        if (u % 2 == 0) {
          b.add(user, genre + "3", 3, Optional.of("Watch"), Double.NaN);
        }
        if (u == 0) {
          b.add(user, genre + "4", 4, Optional.of("Watch"), Double.NaN);
        }
      }
    }
    return b.build();
  }

  private static Metadata genres() {
    Map<String, List<String>> features = new LinkedHashMap<>();
    for (String item : List.of("h1", "h2", "h3", "h4", "h-new")) {
      features.put(item, List.of("GENRES=Horror"));
    }
    for (String item : List.of("c1", "c2", "c3", "c4", "c-new")) {
      features.put(item, List.of("GENRES=Comedy"));
    }
    return Metadata.of(features);
  }

  private static NeighbourModel train(Metadata items, Metadata text, Map<String, String> parameters) {
    TrainingInput input =
        new TrainingInput(watches(), SimilarItemsTrainer.FAMILY.resolve(parameters, Map.of()), 1, items, Metadata.EMPTY, Map.of(), 0).withItemText(text);
    return new SimilarItemsTrainer().train(input, TrainingMonitor.NONE);
  }

  private static List<String> neighbours(NeighbourModel model, String item) {
    return Arrays.stream(model.neighbours(model.items().indexOf(item).orElseThrow())).mapToObj(i -> model.items().id(i)).toList();
  }

  @Test
  void a_cold_item_has_similar_items_by_its_metadata_and_is_one() {
    NeighbourModel model = train(genres(), Metadata.EMPTY, Map.of());
    assertThat(model.recipe()).isEqualTo("aws-similar-items");
    // Nobody watched h-new: its similar items are the horror films, the most watched first (equal metadata).
    assertThat(neighbours(model, "h-new")).containsExactly("h1", "h2", "h3", "h4");
    // And it is a similar item of every horror film, never of a comedy.
    for (String horror : List.of("h1", "h2", "h3", "h4")) {
      assertThat(neighbours(model, horror)).as(horror).contains("h-new").doesNotContain("c1", "c2", "c3", "c4", "c-new");
    }
    Ranking answer = model.related(model.items().indexOf("h-new").orElseThrow(), 3, i -> true);
    assertThat(answer.scored()).isFalse();
  }

  @Test
  void warm_items_follow_behaviour_before_metadata() {
    NeighbourModel model = train(genres(), Metadata.EMPTY, Map.of());
    // h1 and h2 share all twelve fans (cosine 1), h3 six (cosine 6 / sqrt(12 * 6) = 0.71); the cold
    // items come after, at the mean cosine of warm horror pairs: (1 + 0.71 + 0.71) / 3 = 0.80,
    // shrunk for h4 (one fan: c = 1/6) towards its cosine with h1, 1 / sqrt(12) = 0.29.
    assertThat(neighbours(model, "h1")).containsExactly("h2", "h-new", "h3", "h4");
  }

  @Test
  void without_metadata_cold_items_only_have_their_few_co_watchers() {
    NeighbourModel model = train(Metadata.EMPTY, Metadata.EMPTY, Map.of());
    assertThat(neighbours(model, "h1")).containsExactly("h2", "h3", "h4");
    // h4's one fan watched h1, h2 and h3: one common user each, so the least watched is the closest.
    assertThat(neighbours(model, "h4")).containsExactly("h3", "h1", "h2");
    assertThat(model.items().indexOf("h-new")).isEmpty();
  }

  @Test
  void words_of_a_textual_field_make_items_similar() {
    Map<String, List<String>> descriptions = new LinkedHashMap<>();
    descriptions.put("h1", TextFeatures.words("A haunted house and a ghost."));
    descriptions.put("h2", TextFeatures.words("The ghost of the haunted lake"));
    descriptions.put("c1", TextFeatures.words("A wedding goes wrong, hilariously"));
    descriptions.put("c2", TextFeatures.words("Hilariously wrong road trip"));
    descriptions.put("mystery", TextFeatures.words("Who is the GHOST in the haunted mansion?"));
    Map<String, List<String>> prefixed = new LinkedHashMap<>();
    descriptions.forEach((item, words) -> prefixed.put(item, words.stream().map(w -> "DESCRIPTION~" + w).toList()));
    NeighbourModel model = train(Metadata.EMPTY, Metadata.of(prefixed), Map.of());
    assertThat(neighbours(model, "mystery")).containsExactly("h1", "h2");
    assertThat(neighbours(model, "h1")).contains("mystery").doesNotContain("c1", "c2");
  }

  @Test
  void a_popularity_discount_favours_the_less_watched() {
    assertThat(neighbours(train(Metadata.EMPTY, Metadata.EMPTY, Map.of()), "h3")).containsExactly("h1", "h2", "h4");
    // At 1, scores are divided by 1 + n_j: h4 (1 fan) overtakes h1 and h2 (12 each).
    assertThat(neighbours(train(Metadata.EMPTY, Metadata.EMPTY, Map.of("popularity_discount_factor", "1")), "h3").get(0)).isEqualTo("h4");
  }

  @Test
  void idf_weights_make_a_rare_shared_feature_count_more_than_a_common_one() {
    Map<String, List<String>> features = new LinkedHashMap<>();
    features.put("x", List.of("G=common", "G=rare"));
    features.put("y", List.of("G=common"));
    features.put("z", List.of("G=rare"));
    features.put("w", List.of("G=common"));
    features.put("v", List.of("G=other"));
    List<String> ids = List.of("x", "y", "z", "w", "v");
    MetadataNeighbours lists = MetadataNeighbours.of(ids, List.of(Metadata.of(features)), 10);
    assertThat(Arrays.stream(lists.items()[0]).mapToObj(ids::get)).containsExactly("z", "y", "w");
    assertThat(Arrays.stream(lists.items()[1]).mapToObj(ids::get)).containsExactly("w", "x");
    // y and w have the same single feature: cosine 1.
    assertThat(lists.scores()[1][0]).isCloseTo(1.0f, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void text_is_split_into_lower_case_words_without_function_words() {
    assertThat(TextFeatures.words("The Ghost, the HOUSE and 3D-glasses: a ghost!")).containsExactly("ghost", "house", "3d", "glasses");
  }
}
