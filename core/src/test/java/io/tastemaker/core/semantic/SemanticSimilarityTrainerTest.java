package io.tastemaker.core.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tastemaker.core.cooccurrence.NeighbourModel;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.data.TextFeatures;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.DataRequirementException;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SemanticSimilarityTrainerTest {
  /**
   * Two planted topics whose words come in pairs of synonyms (skillet/frypan, blade/cutter,
   * saucepan/stockpot; sprinkler/nozzle, spade/trowel, bulb/seedling). k1 and k2 share no word, but
   * each of k1's words appears beside each of k2's in other kitchen items. "sturdy" is the one word
   * k1 shares with anything outside the kitchen (g2).
   */
  private static final Map<String, String> DESCRIPTIONS =
      new LinkedHashMap<>(
          Map.ofEntries(
              Map.entry("k1", "A sturdy skillet and a blade"),
              Map.entry("k2", "frypan with cutter"),
              Map.entry("k3", "skillet, frypan, saucepan"),
              Map.entry("k4", "blade cutter stockpot"),
              Map.entry("k5", "skillet cutter saucepan"),
              Map.entry("k6", "frypan blade stockpot"),
              Map.entry("g1", "sprinkler spade"),
              Map.entry("g2", "sturdy nozzle trowel"),
              Map.entry("g3", "sprinkler nozzle bulb"),
              Map.entry("g4", "spade trowel seedling"),
              Map.entry("g5", "sprinkler trowel bulb"),
              Map.entry("g6", "nozzle spade seedling")));

  private static Metadata text(Map<String, String> descriptions) {
    Map<String, List<String>> words = new LinkedHashMap<>();
    descriptions.keySet().stream().sorted().forEach(id -> words.put(id, TextFeatures.words(descriptions.get(id)).stream().map(w -> "DESCRIPTION~" + w).toList()));
    return Metadata.of(words);
  }

  /** g1 is bought by three shoppers, g3 by one; nothing else has interactions. */
  private static InteractionData purchases() {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 3; u++) {
      b.add("shopper-" + u, "g1", u, Optional.empty(), Double.NaN);
    }
    b.add("shopper-0", "g3", 9, Optional.empty(), Double.NaN);
    return b.build();
  }

  private static NeighbourModel train(Metadata text, Map<String, String> parameters, long seed) {
    TrainingInput input =
        new TrainingInput(purchases(), SemanticSimilarityTrainer.FAMILY.resolve(parameters, Map.of()), seed, Metadata.EMPTY, Metadata.EMPTY, Map.of(), 0)
            .withItemText(text);
    return new SemanticSimilarityTrainer().train(input, TrainingMonitor.NONE);
  }

  private static List<String> neighbours(NeighbourModel model, String item) {
    return Arrays.stream(model.neighbours(model.items().indexOf(item).orElseThrow())).mapToObj(i -> model.items().id(i)).toList();
  }

  @Test
  void items_that_share_no_word_but_words_used_together_are_near() {
    NeighbourModel model = train(text(DESCRIPTIONS), Map.of("embedding_dimension", "2"), 1);
    assertThat(model.type()).isEqualTo(RecipeType.RELATED_ITEMS);
    assertThat(model.recipe()).isEqualTo("aws-semantic-similarity");
    List<String> ofK1 = neighbours(model, "k1");
    assertThat(ofK1.subList(0, 5)).containsExactlyInAnyOrder("k2", "k3", "k4", "k5", "k6");
    assertThat(neighbours(model, "k2").subList(0, 5)).contains("k1");
    assertThat(neighbours(model, "g4").subList(0, 5)).containsExactlyInAnyOrder("g1", "g2", "g3", "g5", "g6");
  }

  @Test
  void without_reduction_the_space_is_the_bag_of_words_and_finds_no_link() {
    TermDocuments docs = TermDocuments.of(List.copyOf(text(DESCRIPTIONS).ids()), text(DESCRIPTIONS), Metadata.EMPTY);
    int k1 = text(DESCRIPTIONS).ids().indexOf("k1");
    int k2 = text(DESCRIPTIONS).ids().indexOf("k2");
    Set<Integer> shared = new HashSet<>();
    Arrays.stream(docs.columns(k1)).forEach(shared::add);
    assertThat(Arrays.stream(docs.columns(k2)).noneMatch(shared::contains)).isTrue();
    // 13 terms shared by two items or more ("a", "and", "with" are stop words): 64 directions keep all of them.
    assertThat(docs.terms()).isEqualTo(13);
    NeighbourModel full = train(text(DESCRIPTIONS), Map.of(), 1);
    assertThat(neighbours(full, "k1")).doesNotContain("k2").contains("g2");
  }

  @Test
  void rows_are_unit_length_tf_idf_over_terms_of_two_items_or_more() {
    Metadata text = text(Map.of("a", "red apple", "b", "red pear", "c", "green pear", "d", "lonely"));
    TermDocuments docs = TermDocuments.of(List.of("a", "b", "c", "d"), text, Metadata.EMPTY);
    // Terms: red (a, b) and pear (b, c); apple, green and lonely are in one item each.
    assertThat(docs.terms()).isEqualTo(2);
    assertThat(docs.values(0)).containsExactly(1f);
    double idf = Math.log(4.0 / 2);
    assertThat(docs.values(1)[0]).isCloseTo((float) (idf / Math.sqrt(2 * idf * idf)), org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(docs.hasTerms(3)).isFalse();
  }

  @Test
  void items_without_interactions_or_text_are_served_and_popular_items_follow() {
    Map<String, String> descriptions = new LinkedHashMap<>(DESCRIPTIONS);
    descriptions.put("silent", "zzz");
    NeighbourModel model = train(text(descriptions), Map.of("embedding_dimension", "2"), 1);
    assertThat(model.items().ids()).containsAll(DESCRIPTIONS.keySet()).contains("silent");
    // "silent" shares no word: no neighbours, so GetRecommendations gives the popular items.
    assertThat(neighbours(model, "silent")).isEmpty();
    int silent = model.items().indexOf("silent").orElseThrow();
    List<String> answer = Arrays.stream(model.related(silent, 2, ItemMask.ALL).items()).mapToObj(i -> model.items().id(i)).toList();
    assertThat(answer).containsExactly("g1", "g3");
  }

  @Test
  void the_same_seed_gives_the_same_model_and_it_survives_its_file_format() throws Exception {
    NeighbourModel a = train(text(DESCRIPTIONS), Map.of("embedding_dimension", "3"), 7);
    NeighbourModel b = train(text(DESCRIPTIONS), Map.of("embedding_dimension", "3"), 7);
    ModelCodec codec = RecipeRegistry.standard().codec();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(a, out);
    Recommender read = codec.read(new ByteArrayInputStream(out.toByteArray()), "test");
    assertThat(read.recipe()).isEqualTo("aws-semantic-similarity");
    for (String item : DESCRIPTIONS.keySet()) {
      assertThat(neighbours(b, item)).isEqualTo(neighbours(a, item));
      assertThat(Arrays.stream(((NeighbourModel) read).neighbours(read.items().indexOf(item).orElseThrow())).mapToObj(i -> read.items().id(i)).toList())
          .isEqualTo(neighbours(a, item));
    }
  }

  @Test
  void training_without_text_fails_saying_what_the_items_dataset_lacks() {
    assertThatThrownBy(() -> train(Metadata.EMPTY, Map.of(), 1))
        .isInstanceOf(DataRequirementException.class)
        .hasMessageContaining("\"textual\": true")
        .hasMessageContaining("Items dataset");
    assertThatThrownBy(() -> train(text(Map.of("a", "one", "b", "two")), Map.of(), 1))
        .isInstanceOf(DataRequirementException.class)
        .hasMessageContaining("more than one item");
  }

  @Test
  void the_dimension_is_range_checked_with_its_name() {
    assertThatThrownBy(() -> SemanticSimilarityTrainer.FAMILY.resolve(Map.of("embedding_dimension", "1"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("embedding_dimension")
        .hasMessageContaining("1");
  }
}
