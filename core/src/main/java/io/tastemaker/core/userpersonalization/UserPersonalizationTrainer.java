package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.hrnn.HrnnTrainer;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.core.training.DataRequirementException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Trains aws-user-personalization: the HRNN of aws-hrnn-coldstart (event types and values through
 * the solution's filters, Items and Users metadata, interaction context, cold items from their
 * metadata), then the impressions' offsets ({@link ImpressionBias}) and the exposure table
 * exploration draws from ({@link ItemExposure}). Impressions of users outside the training
 * interactions are left out, so an evaluation split never learns from its held-out users.
 */
public final class UserPersonalizationTrainer implements Trainer {
  /** aws-hrnn-coldstart's defaults for which items are cold; the recipe does not document them as its own. */
  private static final Map<String, String> COLD_ITEMS =
      Map.of("cold_start_max_interactions", "15", "cold_start_max_duration", "5.0", "cold_start_relative_from", "latestItem");

  private final HrnnTrainer coldstart;
  private final HrnnTrainer metadata;

  public UserPersonalizationTrainer(String recipe) {
    this.coldstart = new HrnnTrainer(recipe, RecipeType.USER_PERSONALIZATION, true, true);
    this.metadata = new HrnnTrainer(recipe, RecipeType.USER_PERSONALIZATION, true, false);
  }

  @Override
  public Recommender train(TrainingInput input, TrainingMonitor monitor) {
    HrnnModel relevance = relevance(input, monitor);
    Set<String> users = new HashSet<>(input.interactions().userIds());
    Impressions impressions = input.impressions().ofUsers(users::contains);
    float[] offsets = ImpressionBias.fit(relevance, impressions);
    ItemExposure exposure = ItemExposure.of(relevance.items(), input.interactions(), impressions, input.itemCreation());
    Map<String, String> p = input.hyperparameters();
    ExplorationSettings defaults =
        new ExplorationSettings(HyperParameter.asDouble(p.get("exploration_weight")), HyperParameter.asDouble(p.get("exploration_item_age_cut_off")));
    return new UserPersonalizationModel(relevance, offsets, exposure, input.seed(), defaults);
  }

  /**
   * The network: trained as aws-hrnn-coldstart (cold items learn to be scored from their metadata)
   * when the data has the cold items that needs; otherwise as aws-hrnn-metadata, with the Items
   * dataset's items that have no interactions added from their metadata afterwards.
   */
  private HrnnModel relevance(TrainingInput input, TrainingMonitor monitor) {
    Map<String, String> withCold = new HashMap<>(COLD_ITEMS);
    withCold.putAll(input.hyperparameters());
    try {
      return (HrnnModel) coldstart.train(input.withHyperparameters(withCold), monitor);
    } catch (DataRequirementException tooFewOrTooMany) {
      HrnnModel trained = (HrnnModel) metadata.train(input, monitor);
      return input.items().isEmpty() ? trained : trained.withNewItems(input.items(), input.items().ids());
    }
  }
}
