package io.tastemaker.core.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.cooccurrence.NeighbourModel;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
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
  /** Keep every user and item in aws-sims's percentiles and every pair, so the arithmetic holds. */
  private static final Map<String, String> OPEN =
      Map.of("min_user_history_length_percentile", "0", "max_user_history_length_percentile", "1",
          "min_item_interaction_count_percentile", "0", "max_item_interaction_count_percentile", "1", "min_cointeraction_count", "1");

  /** Watchers: a with b (3 users), a with c and b with c (1 user each); d was watched alone; "new" nobody watched. */
  private static InteractionData watches() {
    String[][] histories = {{"a", "b"}, {"a", "b"}, {"a", "b"}, {"a", "c"}, {"b", "c"}, {"d"}};
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < histories.length; u++) {
      for (int i = 0; i < histories[u].length; i++) {
        b.add("u" + u, histories[u][i], i, Optional.of("Watch"), Double.NaN);
      }
    }
    return b.build();
  }

  private static Metadata genres() {
    Map<String, List<String>> features = new LinkedHashMap<>();
    features.put("a", List.of("GENRES=Horror"));
    features.put("b", List.of("GENRES=Comedy"));
    features.put("c", List.of("GENRES=Comedy"));
    features.put("d", List.of("GENRES=Horror", "GENRES=Comedy"));
    features.put("new", List.of("GENRES=Horror"));
    return Metadata.of(features);
  }

  private static NeighbourModel train(String weight) {
    Map<String, String> parameters = new LinkedHashMap<>(OPEN);
    parameters.put("metadata_weight", weight);
    TrainingInput input =
        new TrainingInput(watches(), SimilarItemsTrainer.FAMILY.resolve(parameters, Map.of()), 1, genres(), Metadata.EMPTY, Map.of(), 0);
    return new SimilarItemsTrainer().train(input, TrainingMonitor.NONE);
  }

  private static List<String> neighbours(NeighbourModel model, String item) {
    return Arrays.stream(model.neighbours(model.items().indexOf(item).orElseThrow())).mapToObj(i -> model.items().id(i)).toList();
  }

  @Test
  void without_metadata_weight_the_neighbours_are_aws_sims_ones() {
    NeighbourModel model = train("0");
    assertThat(neighbours(model, "a")).containsExactly("b", "c");
    assertThat(neighbours(model, "new")).isEmpty();
  }

  @Test
  void metadata_brings_in_items_of_the_same_genre_that_nobody_watched_together() {
    NeighbourModel model = train("0.5");
    // "new" and "d" share Horror with "a" (d is also a Comedy, so "new" is the closer of the two).
    List<String> forA = neighbours(model, "a");
    assertThat(forA).contains("b", "c", "new", "d");
    assertThat(forA.indexOf("new")).isLessThan(forA.indexOf("d"));
    // A video nobody watched has neighbours by its genre, and is recommended through them.
    assertThat(neighbours(model, "new")).containsExactly("a", "d");
    Ranking answer = model.related(model.items().indexOf("new").orElseThrow(), 3, i -> true);
    assertThat(answer.scored()).isFalse();
  }

  @Test
  void both_lists_agreeing_beats_either_alone() {
    NeighbourModel model = train("0.5");
    // For "b", "a" is 1st by watching and "c" 2nd, but "c" is also 1st by genre (both Comedy): it leads the fused list.
    assertThat(neighbours(train("0"), "b")).containsExactly("a", "c");
    assertThat(neighbours(model, "b")).first().isEqualTo("c");
  }

  @Test
  void idf_weights_make_a_rare_shared_feature_count_more_than_a_common_one() {
    Map<String, List<String>> features = new LinkedHashMap<>();
    features.put("x", List.of("G=common", "G=rare"));
    features.put("y", List.of("G=common"));
    features.put("z", List.of("G=rare"));
    features.put("w", List.of("G=common"));
    List<String> ids = List.of("x", "y", "z", "w");
    int[][] lists = MetadataNeighbours.of(ids, Metadata.of(features), 10);
    assertThat(Arrays.stream(lists[0]).mapToObj(ids::get)).containsExactly("z", "y", "w");
    assertThat(Arrays.stream(lists[1]).mapToObj(ids::get)).containsExactly("w", "x");
  }
}
