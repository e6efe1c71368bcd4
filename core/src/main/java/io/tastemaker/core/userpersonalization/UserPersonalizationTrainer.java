package io.tastemaker.core.userpersonalization;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.hrnn.HrnnTrainer;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.transformer.TransformerModel;
import io.tastemaker.core.transformer.TransformerTrainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.core.training.DataRequirementException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trains aws-user-personalization: the HRNN of aws-hrnn-coldstart (event types and values through
 * the solution's filters, Items and Users metadata, interaction context, cold items from their
 * metadata), then, unless {@code transformer_expert} is false, the v2 recipes' transformer on the
 * same input with its own defaults ({@link SequenceExpert}), then the impressions' offsets ({@link
 * ImpressionBias}) over the two together and the exposure table exploration draws from ({@link
 * ItemExposure}). Impressions of users outside the training interactions are left out, so an
 * evaluation split never learns from its held-out users.
 */
public final class UserPersonalizationTrainer implements Trainer {
  /** aws-hrnn-coldstart's defaults for which items are cold; the recipe does not document them as its own. */
  private static final Map<String, String> COLD_ITEMS =
      Map.of("cold_start_max_interactions", "15", "cold_start_max_duration", "5.0", "cold_start_relative_from", "latestItem");

  private final HrnnTrainer coldstart;
  private final HrnnTrainer metadata;
  private final TransformerTrainer transformer;

  public UserPersonalizationTrainer(String recipe) {
    this.coldstart = new HrnnTrainer(recipe, RecipeType.USER_PERSONALIZATION, true, true);
    this.metadata = new HrnnTrainer(recipe, RecipeType.USER_PERSONALIZATION, true, false);
    // Without the transition expert: not measured inside the product with the HRNN, whose GRU reads the newest item first.
    this.transformer = new TransformerTrainer(recipe, RecipeType.USER_PERSONALIZATION, false);
  }

  @Override
  public Recommender train(TrainingInput input, TrainingMonitor monitor) {
    Map<String, String> p = input.hyperparameters();
    boolean withExpert = HyperParameter.asBoolean(p.get("transformer_expert"));
    HrnnModel relevance = relevance(input, withExpert ? monitor.part(0, 2, "HRNN") : monitor);
    Optional<SequenceExpert> expert =
        withExpert ? Optional.of(SequenceExpert.of(transformer(input, monitor.part(1, 2, "transformer")), relevance.items())) : Optional.empty();
    Set<String> users = new HashSet<>(input.interactions().userIds());
    Impressions impressions = input.impressions().ofUsers(users::contains);
    ItemExposure exposure = ItemExposure.of(relevance.items(), input.interactions(), impressions, input.itemCreation());
    ExplorationSettings defaults =
        new ExplorationSettings(HyperParameter.asDouble(p.get("exploration_weight")), HyperParameter.asDouble(p.get("exploration_item_age_cut_off")));
    UserPersonalizationModel unbiased = new UserPersonalizationModel(relevance, expert, new float[relevance.items().size()], exposure, input.seed(), defaults);
    float[] offsets = ImpressionBias.fit(unbiased.items(), unbiased::probabilities, impressions);
    return new UserPersonalizationModel(relevance, expert, offsets, exposure, input.seed(), defaults);
  }

  /**
   * The transformer expert: aws-user-personalization-v2's network with that recipe's defaults (its
   * knobs are not aws-user-personalization's: {@code hidden_dimension} there is the GRU's), trained
   * with this solution's seed and threads on the same interactions and metadata.
   */
  private TransformerModel transformer(TrainingInput input, TrainingMonitor monitor) {
    Map<String, String> p = input.hyperparameters();
    Map<String, String> given = new HashMap<>();
    for (String knob : List.of("seed", "threads")) {
      if (p.containsKey(knob)) {
        given.put(knob, p.get(knob));
      }
    }
    Map<String, String> v2 = RecipeCatalog.byName(RecipeCatalog.USER_PERSONALIZATION_V2).orElseThrow().resolve(given, Map.of());
    return (TransformerModel) transformer.train(input.withHyperparameters(v2), monitor);
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
