package io.tastemaker.core.recipe;

import static io.tastemaker.core.recipe.HyperParameter.Stage.ALGORITHM;
import static io.tastemaker.core.recipe.HyperParameter.Stage.FEATURE_TRANSFORMATION;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Personalize's custom recipes: the six legacy ones, aws-user-personalization, the two v2
 * transformer recipes, aws-trending-now, aws-similar-items, aws-semantic-similarity, the two affinity recipes and aws-next-best-action,
 * with their documented
 * hyperparameters (personalize-api.md section 4.3, the recipe pages): names, defaults, ranges and
 * which ones hyperparameter optimisation may tune.
 */
public final class RecipeCatalog {
  public static final String HRNN = "aws-hrnn";
  public static final String HRNN_METADATA = "aws-hrnn-metadata";
  public static final String HRNN_COLDSTART = "aws-hrnn-coldstart";
  public static final String PERSONALIZED_RANKING = "aws-personalized-ranking";
  public static final String SIMS = "aws-sims";
  public static final String POPULARITY_COUNT = "aws-popularity-count";
  public static final String USER_PERSONALIZATION = "aws-user-personalization";
  public static final String TRENDING_NOW = "aws-trending-now";
  public static final String ITEM_AFFINITY = "aws-item-affinity";
  public static final String ITEM_ATTRIBUTE_AFFINITY = "aws-item-attribute-affinity";
  public static final String USER_PERSONALIZATION_V2 = "aws-user-personalization-v2";
  public static final String PERSONALIZED_RANKING_V2 = "aws-personalized-ranking-v2";
  public static final String SIMILAR_ITEMS = "aws-similar-items";
  public static final String NEXT_BEST_ACTION = "aws-next-best-action";
  public static final String SEMANTIC_SIMILARITY = "aws-semantic-similarity";

  private static final Map<String, String> HISTORY_ALIASES =
      Map.of(
          "min_hist_length_percentile", "min_user_history_length_percentile",
          "max_hist_length_percentile", "max_user_history_length_percentile");

  /**
   * Tastemaker's own training knobs for the HRNN family; Personalize keeps these internal. Each has a
   * default that trains well, so most solutions never set them.
   */
  private static final List<HyperParameter> TRAINING_KNOBS =
      List.of(
          HyperParameter.integer("epochs", 10, 1, 500, false, ALGORITHM),
          HyperParameter.continuous("learning_rate", 0.012, 1e-5, 1.0, false, ALGORITHM),
          HyperParameter.categorical("learning_rate_schedule", "linear", List.of("linear", "constant"), false, ALGORITHM),
          HyperParameter.integer("batch_size", 32, 2, 4096, false, ALGORITHM),
          HyperParameter.integer("negative_samples", 1024, 8, 100_000, false, ALGORITHM),
          HyperParameter.integer("full_softmax_max_items", 5000, 0, 1_000_000, false, ALGORITHM),
          auto(HyperParameter.continuous("dropout", 0.2, 0.0, 0.9, false, ALGORITHM)),
          HyperParameter.continuous("session_gap_minutes", 30.0, 0.0, 1.0e7, false, FEATURE_TRANSFORMATION),
          HyperParameter.continuous("session_break_rate", 0.1, 0.0, 0.5, false, ALGORITHM),
          HyperParameter.integer("max_sequence_length", 200, 2, 100_000, false, FEATURE_TRANSFORMATION),
          HyperParameter.integer("early_stopping_patience", 0, 0, 100, false, ALGORITHM),
          HyperParameter.integer("validation_users", 0, 0, 1_000_000, false, ALGORITHM),
          HyperParameter.integer("seed", 42, 0, Integer.MAX_VALUE, false, ALGORITHM),
          HyperParameter.integer("threads", 0, 0, 256, false, ALGORITHM));

  /**
   * aws-user-personalization's {@code item_weight_decay}: measured on MovieLens-1M and the sparse
   * generator's data (design notes); the legacy HRNN recipes keep 0, as they were measured.
   */
  private static final double USER_PERSONALIZATION_ITEM_WEIGHT_DECAY = 0.1;

  private static final List<Recipe> RECIPES =
      List.of(
          hrnnFamily(HRNN, "JSON-percentile-filtering", 43, List.of(), "Predicts the items a user will interact with next from the user's history, with a hierarchical recurrent network."),
          hrnnFamily(
              HRNN_COLDSTART,
              "featurize_coldstart",
              149,
              List.of(
                  HyperParameter.integer("cold_start_max_interactions", 15, 1, Integer.MAX_VALUE, false, FEATURE_TRANSFORMATION),
                  HyperParameter.continuous("cold_start_max_duration", 5.0, 0.0, 1.0e6, false, FEATURE_TRANSFORMATION),
                  HyperParameter.categorical("cold_start_relative_from", "latestItem", List.of("latestItem", "currentTime"), false, FEATURE_TRANSFORMATION)),
              "HRNN with item, user and interaction metadata that also recommends new items with few or no interactions."),
          hrnnFamily(HRNN_METADATA, "featurize_metadata", 43, List.of(), "HRNN that also learns from item, user and interaction metadata."),
          new Recipe(
              PERSONALIZED_RANKING,
              RecipeType.PERSONALIZED_RANKING,
              "Ranks a given list of items for a user with the HRNN model.",
              PERSONALIZED_RANKING,
              "JSON-percentile-filtering",
              hrnnParameters(149, 0, List.of()),
              HISTORY_ALIASES),
          new Recipe(
              USER_PERSONALIZATION,
              RecipeType.USER_PERSONALIZATION,
              "Predicts the items a user will interact with next, learning from interactions, impressions and item and user metadata, "
                  + "and explores new items.",
              USER_PERSONALIZATION,
              "user-personalization",
              hrnnParameters(
                  149,
                  USER_PERSONALIZATION_ITEM_WEIGHT_DECAY,
                  List.of(
                      // Campaigns and batch jobs set exploration in itemExplorationConfig; these are the defaults when they do not.
                      HyperParameter.continuous("exploration_weight", 0.3, 0.0, 1.0, false, FEATURE_TRANSFORMATION),
                      HyperParameter.continuous("exploration_item_age_cut_off", 30.0, 1e-6, 36_500.0, false, FEATURE_TRANSFORMATION),
                      // Tastemaker's own: aws-user-personalization-v2's transformer trained beside the HRNN, the two probabilities combined.
                      HyperParameter.categorical("transformer_expert", "true", List.of("true", "false"), false, ALGORITHM))),
              HISTORY_ALIASES),
          new Recipe(
              POPULARITY_COUNT,
              RecipeType.USER_PERSONALIZATION,
              "Recommends the items most users interacted with; the same list for everyone.",
              POPULARITY_COUNT,
              "sims",
              List.of(),
              Map.of()),
          new Recipe(
              SIMS,
              RecipeType.RELATED_ITEMS,
              "Recommends items that users interacted with together with a given item.",
              SIMS,
              "sims",
              List.of(
                  HyperParameter.continuous("popularity_discount_factor", 0.5, 0.0, 1.0, true, ALGORITHM),
                  HyperParameter.integer("min_cointeraction_count", 3, 0, 10, true, ALGORITHM),
                  HyperParameter.continuous("min_user_history_length_percentile", 0.005, 0.0, 1.0, false, FEATURE_TRANSFORMATION),
                  HyperParameter.continuous("max_user_history_length_percentile", 0.995, 0.0, 1.0, false, FEATURE_TRANSFORMATION),
                  HyperParameter.continuous("min_item_interaction_count_percentile", 0.01, 0.0, 1.0, false, FEATURE_TRANSFORMATION),
                  HyperParameter.continuous("max_item_interaction_count_percentile", 0.9, 0.0, 1.0, false, FEATURE_TRANSFORMATION)),
              HISTORY_ALIASES),
          new Recipe(
              TRENDING_NOW,
              RecipeType.USER_PERSONALIZATION,
              "Recommends the items whose interactions grow fastest from one window of trend_discovery_frequency to the next; the same list for everyone.",
              "aws-trending-now-custom",
              "trending-now",
              // The guide's values (native-recipe-trending-now.md); TrendFrequency reads them.
              List.of(HyperParameter.categorical("trend_discovery_frequency", "3h", List.of("30 min", "1h", "3h", "1 day"), false, FEATURE_TRANSFORMATION)),
              Map.of()),
          similarItems(),
          semanticSimilarity(),
          affinity(ITEM_AFFINITY, "Finds the users most likely to interact with each given item (user segments from batch segment jobs)."),
          affinity(ITEM_ATTRIBUTE_AFFINITY, "Finds the users most likely to interact with items that have given attributes (user segments from batch segment jobs)."),
          v2(
              USER_PERSONALIZATION_V2,
              RecipeType.USER_PERSONALIZATION,
              "Recommends the items a user will interact with next, with a transformer over the user's item sequence and the items' metadata."),
          v2(
              PERSONALIZED_RANKING_V2,
              RecipeType.PERSONALIZED_RANKING,
              "Ranks a given list of items for a user with a transformer over the user's item sequence and the items' metadata."),
          new Recipe(
              NEXT_BEST_ACTION,
              RecipeType.PERSONALIZED_ACTIONS,
              "Recommends the actions a user will most likely take within the action optimization period, scored by their propensity.",
              NEXT_BEST_ACTION,
              "next-best-action",
              List.of(
                  // The guide's one hyperparameter (native-recipe-next-best-action); the rest are Tastemaker's training knobs.
                  HyperParameter.integer("action_optimization_period", 14, 7, 28, false, FEATURE_TRANSFORMATION),
                  HyperParameter.integer("embedding_dimension", 16, 2, 256, false, ALGORITHM),
                  HyperParameter.integer("epochs", 40, 1, 1000, false, ALGORITHM),
                  HyperParameter.continuous("learning_rate", 0.1, 1e-5, 10.0, false, ALGORITHM),
                  HyperParameter.continuous("regularization", 0.01, 0.0, 1.0, false, ALGORITHM),
                  HyperParameter.integer("seed", 42, 0, Integer.MAX_VALUE, false, ALGORITHM)),
              Map.of()));

  private RecipeCatalog() {}

  /**
   * aws-similar-items as its guide page documents it (native-recipe-similar-items.md): the two
   * hidden dimensions, which the page says are set through HPO ranges, and a popularity discount
   * whose default is 0. The page names no feature transformation; Tastemaker's is {@code
   * similar-items}. The older page's long names are aliases.
   */
  private static Recipe similarItems() {
    return new Recipe(
        SIMILAR_ITEMS,
        RecipeType.RELATED_ITEMS,
        "Recommends items similar to a given item, by co-occurrence in user histories and by shared categorical and textual item metadata, "
            + "so items with few or no interactions have similar items and are similar items.",
        SIMILAR_ITEMS,
        "similar-items",
        List.of(
            HyperParameter.integer("item_id_hidden_dim", 100, 30, 200, true, ALGORITHM),
            HyperParameter.integer("item_metadata_hidden_dim", 100, 30, 200, true, ALGORITHM),
            HyperParameter.continuous("popularity_discount_factor", 0.0, 0.0, 1.0, false, ALGORITHM)),
        Map.of("item_id_hidden_dimension", "item_id_hidden_dim", "item_metadata_hidden_dimension", "item_metadata_hidden_dim"));
  }

  /**
   * aws-semantic-similarity (native-recipe-semantic-similarity.md): items alike in the meaning of their
   * text. Personalize builds its embeddings with a language model of its own; Tastemaker's are a
   * latent semantic space built from the catalogue, whose size is its one parameter.
   */
  private static Recipe semanticSimilarity() {
    return new Recipe(
        SEMANTIC_SIMILARITY,
        RecipeType.RELATED_ITEMS,
        "Recommends items whose textual fields are alike in meaning to a given item's, from a latent semantic space of the catalogue's "
            + "own words, so items without interactions have similar items and are similar items.",
        SEMANTIC_SIMILARITY,
        "semantic-similarity",
        List.of(HyperParameter.integer("embedding_dimension", 64, 2, 512, false, ALGORITHM)),
        Map.of());
  }

  /** A USER_SEGMENTATION recipe; Personalize documents no hyperparameters for them, so these are Tastemaker's own. */
  private static Recipe affinity(String name, String description) {
    return new Recipe(
        name,
        RecipeType.USER_SEGMENTATION,
        description,
        name,
        "featurize_metadata",
        List.of(
            HyperParameter.integer("embedding_dimension", 32, 4, 256, false, ALGORITHM),
            HyperParameter.integer("epochs", 60, 1, 500, false, ALGORITHM),
            HyperParameter.continuous("learning_rate", 0.2, 1e-5, 10.0, false, ALGORITHM),
            HyperParameter.continuous("regularization", 1e-4, 0.0, 1.0, false, ALGORITHM),
            HyperParameter.integer("seed", 42, 0, Integer.MAX_VALUE, false, ALGORITHM)),
        Map.of());
  }

  /**
   * The v2 recipes: Personalize documents one hyperparameter, {@code apply_recency_bias}; the rest
   * are Tastemaker's knobs, and those that depend most on the data default to {@code auto}.
   */
  private static Recipe v2(String name, RecipeType type, String description) {
    List<HyperParameter> parameters =
        List.of(
            HyperParameter.categorical("apply_recency_bias", "true", List.of("true", "false"), false, ALGORITHM),
            HyperParameter.integer("hidden_dimension", 64, 16, 256, false, ALGORITHM),
            HyperParameter.integer("num_blocks", 2, 1, 4, false, ALGORITHM),
            auto(HyperParameter.integer("max_sequence_length", 200, 2, 1000, false, ALGORITHM)),
            auto(HyperParameter.continuous("dropout", 0.2, 0.0, 0.9, false, ALGORITHM)),
            auto(HyperParameter.integer("epochs", 200, 1, 1000, false, ALGORITHM)),
            auto(HyperParameter.continuous("learning_rate", 0.002, 1e-5, 1.0, false, ALGORITHM)),
            HyperParameter.categorical("learning_rate_schedule", "linear", List.of("linear", "constant"), false, ALGORITHM),
            itemWeightDecay(0.1),
            auto(HyperParameter.integer("batch_size", 128, 2, 4096, false, ALGORITHM)),
            HyperParameter.integer("negative_samples", 256, 8, 100_000, false, ALGORITHM),
            HyperParameter.integer("full_softmax_max_items", 5000, 0, 10_000_000, false, ALGORITHM),
            HyperParameter.integer("target_window", 8, 1, 50, false, ALGORITHM),
            HyperParameter.continuous("target_window_decay", 0.7, 0.0, 1.0, false, ALGORITHM),
            HyperParameter.integer("early_stopping_patience", 3, 0, 100, false, ALGORITHM),
            auto(HyperParameter.integer("validation_users", 0, 0, 1_000_000, false, ALGORITHM)),
            HyperParameter.integer("seed", 42, 0, Integer.MAX_VALUE, false, ALGORITHM),
            HyperParameter.integer("threads", 0, 0, 256, false, ALGORITHM));
    return new Recipe(name, type, description, name, name, parameters, Map.of());
  }

  /** The same parameter with {@code auto} as its default: the trainer chooses from the data unless a value is given. */
  private static HyperParameter auto(HyperParameter p) {
    return new HyperParameter(p.name(), p.kind(), HyperParameter.AUTO, p.min(), p.max(), p.values(), p.tunable(), p.stage());
  }

  private static Recipe hrnnFamily(String name, String featurization, int hiddenDefault, List<HyperParameter> extra, String description) {
    return new Recipe(name, RecipeType.USER_PERSONALIZATION, description, name, featurization, hrnnParameters(hiddenDefault, 0, extra), HISTORY_ALIASES);
  }

  /** {@code item_weight_decay}, the HRNN family's and v2's decoupled weight decay of the item vectors, with its default. */
  private static HyperParameter itemWeightDecay(double defaultValue) {
    return HyperParameter.continuous("item_weight_decay", defaultValue, 0.0, 10.0, false, ALGORITHM);
  }

  private static List<HyperParameter> hrnnParameters(int hiddenDefault, double itemWeightDecay, List<HyperParameter> extra) {
    List<HyperParameter> parameters = new ArrayList<>();
    parameters.add(itemWeightDecay(itemWeightDecay));
    parameters.add(HyperParameter.integer("hidden_dimension", hiddenDefault, 32, 256, true, ALGORITHM));
    parameters.add(HyperParameter.integer("bptt", 32, 2, 32, true, ALGORITHM));
    parameters.add(HyperParameter.categorical("recency_mask", "true", List.of("true", "false"), true, ALGORITHM));
    parameters.add(HyperParameter.continuous("min_user_history_length_percentile", 0.0, 0.0, 1.0, false, FEATURE_TRANSFORMATION));
    parameters.add(HyperParameter.continuous("max_user_history_length_percentile", 0.99, 0.0, 1.0, false, FEATURE_TRANSFORMATION));
    parameters.addAll(extra);
    parameters.addAll(TRAINING_KNOBS);
    return parameters;
  }

  /** Every recipe, sorted by name as ListRecipes returns them. */
  public static List<Recipe> all() {
    return RECIPES.stream().sorted(Comparator.comparing(Recipe::name)).toList();
  }

  public static Optional<Recipe> byName(String name) {
    return RECIPES.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
