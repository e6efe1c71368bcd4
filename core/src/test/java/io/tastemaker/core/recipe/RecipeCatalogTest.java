package io.tastemaker.core.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipeCatalogTest {
  @Test
  void the_recipes_are_listed_by_name() {
    assertThat(RecipeCatalog.all())
        .extracting(Recipe::name)
        .containsExactly(
            "aws-hrnn", "aws-hrnn-coldstart", "aws-hrnn-metadata", "aws-item-affinity", "aws-item-attribute-affinity", "aws-next-best-action", "aws-personalized-ranking",
            "aws-personalized-ranking-v2", "aws-popularity-count", "aws-semantic-similarity", "aws-similar-items", "aws-sims", "aws-trending-now",
            "aws-user-personalization", "aws-user-personalization-v2");
  }

  @Test
  void semantic_similarity_is_related_items_with_a_range_checked_dimension() {
    Recipe semantic = RecipeCatalog.byName("aws-semantic-similarity").orElseThrow();
    assertThat(semantic.type()).isEqualTo(RecipeType.RELATED_ITEMS);
    assertThat(semantic.featureTransformationName()).isEqualTo("semantic-similarity");
    assertThat(semantic.resolve(Map.of(), Map.of())).containsExactly(Map.entry("embedding_dimension", "64"));
    assertThatThrownBy(() -> semantic.resolve(Map.of("embedding_dimension", "513"), Map.of())).hasMessage("embedding_dimension must be in [2, 512], got 513");
    assertThatThrownBy(() -> semantic.resolve(Map.of(), Map.of("min_cointeraction_count", "3"))).hasMessageContaining("Unknown hyperparameter min_cointeraction_count");
  }

  @Test
  void next_best_action_takes_its_documented_optimization_period_from_7_to_28_days() {
    Recipe nba = RecipeCatalog.byName("aws-next-best-action").orElseThrow();
    assertThat(nba.type()).isEqualTo(RecipeType.PERSONALIZED_ACTIONS);
    assertThat(nba.resolve(Map.of(), Map.of())).containsEntry("action_optimization_period", "14");
    assertThat(nba.resolve(Map.of(), Map.of("action_optimization_period", "28"))).containsEntry("action_optimization_period", "28");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> nba.resolve(Map.of(), Map.of("action_optimization_period", "30")))
        .hasMessageContaining("action_optimization_period");
  }

  @Test
  void the_v2_recipes_take_apply_recency_bias_and_leave_data_dependent_knobs_to_the_data() {
    Recipe v2 = RecipeCatalog.byName("aws-user-personalization-v2").orElseThrow();
    assertThat(v2.type()).isEqualTo(RecipeType.USER_PERSONALIZATION);
    assertThat(RecipeCatalog.byName("aws-personalized-ranking-v2").orElseThrow().type()).isEqualTo(RecipeType.PERSONALIZED_RANKING);
    assertThat(v2.resolve(Map.of(), Map.of())).containsEntry("apply_recency_bias", "true").containsEntry("dropout", "auto").containsEntry("max_sequence_length", "auto");
    assertThat(v2.resolve(Map.of("apply_recency_bias", "FALSE", "dropout", "auto", "max_sequence_length", "50"), Map.of()))
        .containsEntry("apply_recency_bias", "false").containsEntry("dropout", "auto").containsEntry("max_sequence_length", "50");
    assertThatThrownBy(() -> v2.resolve(Map.of("dropout", "0.95"), Map.of())).hasMessage("dropout must be in [0.0, 0.9], got 0.95");
    assertThatThrownBy(() -> v2.resolve(Map.of("apply_recency_bias", "1"), Map.of())).hasMessage("apply_recency_bias must be one of [true, false], got 1");
  }

  @Test
  void similar_items_takes_its_documented_hyperparameters_and_the_older_page_names() {
    Recipe similar = RecipeCatalog.byName("aws-similar-items").orElseThrow();
    assertThat(similar.type()).isEqualTo(RecipeType.RELATED_ITEMS);
    assertThat(similar.resolve(Map.of(), Map.of()))
        .containsEntry("item_id_hidden_dim", "100").containsEntry("item_metadata_hidden_dim", "100").containsEntry("popularity_discount_factor", "0.0");
    assertThat(similar.resolve(Map.of("item_id_hidden_dimension", "30", "item_metadata_hidden_dim", "200"), Map.of()))
        .containsEntry("item_id_hidden_dim", "30").containsEntry("item_metadata_hidden_dim", "200");
    assertThat(similar.parameter("item_id_hidden_dim").orElseThrow().tunable()).isTrue();
    assertThatThrownBy(() -> similar.resolve(Map.of("item_id_hidden_dim", "201"), Map.of())).hasMessage("item_id_hidden_dim must be in [30, 200], got 201");
    assertThatThrownBy(() -> similar.resolve(Map.of("popularity_discount_factor", "-0.1"), Map.of()))
        .hasMessage("popularity_discount_factor must be in [0.0, 1.0], got -0.1");
    assertThatThrownBy(() -> similar.resolve(Map.of("min_cointeraction_count", "3"), Map.of())).hasMessageContaining("Unknown hyperparameter min_cointeraction_count");
  }

  @Test
  void recipe_types_decide_the_runtime_operation() {
    assertThat(RecipeCatalog.byName("aws-sims").orElseThrow().type()).isEqualTo(RecipeType.RELATED_ITEMS);
    assertThat(RecipeCatalog.byName("aws-personalized-ranking").orElseThrow().type()).isEqualTo(RecipeType.PERSONALIZED_RANKING);
    assertThat(RecipeCatalog.byName("aws-popularity-count").orElseThrow().type()).isEqualTo(RecipeType.USER_PERSONALIZATION);
  }

  @Test
  void hidden_dimension_defaults_differ_by_recipe_as_documented() {
    assertThat(RecipeCatalog.byName("aws-hrnn").orElseThrow().resolve(Map.of(), Map.of())).containsEntry("hidden_dimension", "43");
    assertThat(RecipeCatalog.byName("aws-hrnn-metadata").orElseThrow().resolve(Map.of(), Map.of())).containsEntry("hidden_dimension", "43");
    assertThat(RecipeCatalog.byName("aws-hrnn-coldstart").orElseThrow().resolve(Map.of(), Map.of())).containsEntry("hidden_dimension", "149");
    assertThat(RecipeCatalog.byName("aws-personalized-ranking").orElseThrow().resolve(Map.of(), Map.of())).containsEntry("hidden_dimension", "149");
  }

  @Test
  void out_of_range_values_name_the_parameter_the_range_and_the_value() {
    Recipe hrnn = RecipeCatalog.byName("aws-hrnn").orElseThrow();
    assertThatThrownBy(() -> hrnn.resolve(Map.of("hidden_dimension", "1000"), Map.of()))
        .hasMessage("hidden_dimension must be in [32, 256], got 1000");
    assertThatThrownBy(() -> hrnn.resolve(Map.of("bptt", "x"), Map.of())).hasMessage("bptt must be an integer in [2, 32], got x");
    assertThatThrownBy(() -> hrnn.resolve(Map.of("recency_mask", "maybe"), Map.of()))
        .hasMessage("recency_mask must be one of [true, false], got maybe");
    assertThatThrownBy(() -> hrnn.resolve(Map.of(), Map.of("max_user_history_length_percentile", "1.5")))
        .hasMessage("max_user_history_length_percentile must be in [0.0, 1.0], got 1.5");
  }

  @Test
  void unknown_parameters_are_refused_with_the_known_ones() {
    assertThatThrownBy(() -> RecipeCatalog.byName("aws-sims").orElseThrow().resolve(Map.of("hidden_dimension", "64"), Map.of()))
        .hasMessageStartingWith(
            "Unknown hyperparameter hidden_dimension in solutionConfig.algorithmHyperParameters for recipe aws-sims; its algorithm aws-sims takes"
                + " [popularity_discount_factor, min_cointeraction_count] and its feature transformation sims takes [min_user_history_length_percentile");
  }

  @Test
  void an_unknown_feature_transformation_key_is_named_with_its_member() {
    assertThatThrownBy(() -> RecipeCatalog.byName("aws-hrnn").orElseThrow().resolve(Map.of(), Map.of("trend_discovery_frequency", "1 day")))
        .hasMessageStartingWith("Unknown hyperparameter trend_discovery_frequency in solutionConfig.featureTransformationParameters for recipe aws-hrnn");
  }

  @Test
  void names_with_the_stage_prefix_personalize_shows_find_the_parameter() {
    Recipe hrnn = RecipeCatalog.byName("aws-hrnn").orElseThrow();
    assertThat(hrnn.parameter("training.bptt")).map(HyperParameter::name).contains("bptt");
    assertThat(hrnn.parameter("data.recency_mask")).map(HyperParameter::name).contains("recency_mask");
    assertThat(hrnn.resolve(Map.of("training.hidden_dimension", "64"), Map.of())).containsEntry("hidden_dimension", "64");
    assertThat(hrnn.parameter("training.no_such")).isEmpty();
  }

  @Test
  void the_short_history_percentile_names_are_accepted_in_either_map() {
    Map<String, String> resolved =
        RecipeCatalog.byName("aws-sims").orElseThrow().resolve(Map.of("min_hist_length_percentile", "0.05"), Map.of());
    assertThat(resolved).containsEntry("min_user_history_length_percentile", "0.05");
  }

  @Test
  void values_are_returned_in_canonical_form() {
    Map<String, String> resolved =
        RecipeCatalog.byName("aws-hrnn").orElseThrow().resolve(Map.of("hidden_dimension", " 064 ", "recency_mask", "FALSE"), Map.of());
    assertThat(resolved).containsEntry("hidden_dimension", "64").containsEntry("recency_mask", "false");
  }
}
