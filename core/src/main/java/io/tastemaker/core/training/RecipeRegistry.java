package io.tastemaker.core.training;

import io.tastemaker.core.cooccurrence.BasketTrainer;
import io.tastemaker.core.cooccurrence.NeighbourFormat;
import io.tastemaker.core.affinity.AffinityFormat;
import io.tastemaker.core.affinity.AffinityTrainer;
import io.tastemaker.core.hrnn.HrnnFormat;
import io.tastemaker.core.hrnn.HrnnTrainer;
import io.tastemaker.core.model.ModelCodec;
import io.tastemaker.core.nextbestaction.NextBestActionFormat;
import io.tastemaker.core.nextbestaction.NextBestActionTrainer;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.popularity.PopularityFormat;
import io.tastemaker.core.popularity.PopularityTrainer;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.semantic.SemanticSimilarityTrainer;
import io.tastemaker.core.sims.SimsFormat;
import io.tastemaker.core.sims.SimsTrainer;
import io.tastemaker.core.userpersonalization.UserPersonalizationFormat;
import io.tastemaker.core.userpersonalization.UserPersonalizationTrainer;
import io.tastemaker.core.similar.SimilarItemsTrainer;
import io.tastemaker.core.trending.TrendingFormat;
import io.tastemaker.core.trending.TrendingTrainer;
import io.tastemaker.core.transformer.TransformerFormat;
import io.tastemaker.core.transformer.TransformerTrainer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The recipes this version can train, and the model families behind domain use cases, each with
 * its trainer and model file format.
 */
public final class RecipeRegistry {
  private final Map<String, Trainer> trainers = new HashMap<>();
  private final Map<String, ModelCodec.Format<? extends Recommender>> formats = new HashMap<>();

  private RecipeRegistry() {}

  /** Every recipe Tastemaker trains. */
  public static RecipeRegistry standard() {
    RecipeRegistry registry = new RecipeRegistry();
    registry.add(RecipeCatalog.POPULARITY_COUNT, (input, monitor) -> PopularityTrainer.train(input.interactions()), new PopularityFormat());
    registry.add(RecipeCatalog.SIMS, new SimsTrainer(), new SimsFormat());
    registry.add(RecipeCatalog.HRNN, new HrnnTrainer(RecipeCatalog.HRNN, RecipeType.USER_PERSONALIZATION), new HrnnFormat(RecipeCatalog.HRNN));
    registry.add(
        RecipeCatalog.HRNN_METADATA,
        new HrnnTrainer(RecipeCatalog.HRNN_METADATA, RecipeType.USER_PERSONALIZATION, true, false),
        new HrnnFormat(RecipeCatalog.HRNN_METADATA));
    registry.add(
        RecipeCatalog.HRNN_COLDSTART,
        new HrnnTrainer(RecipeCatalog.HRNN_COLDSTART, RecipeType.USER_PERSONALIZATION, true, true),
        new HrnnFormat(RecipeCatalog.HRNN_COLDSTART));
    registry.add(
        RecipeCatalog.PERSONALIZED_RANKING,
        // As Personalize documents it: Items and Users metadata and the Interactions context, when given.
        new HrnnTrainer(RecipeCatalog.PERSONALIZED_RANKING, RecipeType.PERSONALIZED_RANKING, true, false),
        new HrnnFormat(RecipeCatalog.PERSONALIZED_RANKING));
    registry.add(
        RecipeCatalog.USER_PERSONALIZATION,
        new UserPersonalizationTrainer(RecipeCatalog.USER_PERSONALIZATION),
        new UserPersonalizationFormat(RecipeCatalog.USER_PERSONALIZATION));
    registry.add(RecipeCatalog.TRENDING_NOW, new TrendingTrainer(), new TrendingFormat());
    // The model families behind domain use cases that no ListRecipes recipe names.
    registry.add(BasketTrainer.RECIPE, new BasketTrainer(), new NeighbourFormat(BasketTrainer.RECIPE));
    registry.add(RecipeCatalog.SIMILAR_ITEMS, new SimilarItemsTrainer(), new NeighbourFormat(RecipeCatalog.SIMILAR_ITEMS));
    registry.add(RecipeCatalog.SEMANTIC_SIMILARITY, new SemanticSimilarityTrainer(), new NeighbourFormat(RecipeCatalog.SEMANTIC_SIMILARITY));
    // "More like X" models stored before that family became aws-similar-items.
    registry.add(SimilarItemsTrainer.FORMER_NAME, new SimilarItemsTrainer(SimilarItemsTrainer.FORMER_NAME), new NeighbourFormat(SimilarItemsTrainer.FORMER_NAME));
    registry.add(RecipeCatalog.ITEM_AFFINITY, new AffinityTrainer(RecipeCatalog.ITEM_AFFINITY), new AffinityFormat(RecipeCatalog.ITEM_AFFINITY));
    registry.add(
        RecipeCatalog.ITEM_ATTRIBUTE_AFFINITY,
        new AffinityTrainer(RecipeCatalog.ITEM_ATTRIBUTE_AFFINITY),
        new AffinityFormat(RecipeCatalog.ITEM_ATTRIBUTE_AFFINITY));
    registry.add(
        RecipeCatalog.USER_PERSONALIZATION_V2,
        new TransformerTrainer(RecipeCatalog.USER_PERSONALIZATION_V2, RecipeType.USER_PERSONALIZATION),
        new TransformerFormat(RecipeCatalog.USER_PERSONALIZATION_V2));
    registry.add(
        RecipeCatalog.PERSONALIZED_RANKING_V2,
        new TransformerTrainer(RecipeCatalog.PERSONALIZED_RANKING_V2, RecipeType.PERSONALIZED_RANKING),
        new TransformerFormat(RecipeCatalog.PERSONALIZED_RANKING_V2));
    registry.add(
        RecipeCatalog.NEXT_BEST_ACTION, new NextBestActionTrainer(RecipeCatalog.NEXT_BEST_ACTION), new NextBestActionFormat(RecipeCatalog.NEXT_BEST_ACTION));
    return registry;
  }

  private void add(String recipe, Trainer trainer, ModelCodec.Format<? extends Recommender> format) {
    trainers.put(recipe, trainer);
    formats.put(recipe, format);
  }

  public Optional<Trainer> trainer(String recipe) {
    return Optional.ofNullable(trainers.get(recipe));
  }

  public ModelCodec codec() {
    return new ModelCodec(formats);
  }
}
