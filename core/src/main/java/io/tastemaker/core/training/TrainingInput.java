package io.tastemaker.core.training;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.nextbestaction.ActionData;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a trainer gets: the interactions, the metadata of items and users, the solution's resolved
 * hyperparameters and the seed that makes the run reproducible.
 *
 * @param interactions the filtered interactions to learn from
 * @param hyperparameters every hyperparameter of the recipe, by name, checked and in canonical form
 * @param seed the source of all randomness in the run
 * @param items categorical metadata of the Items dataset, empty without one
 * @param users categorical metadata of the Users dataset, empty without one
 * @param itemCreation each item's CREATION_TIMESTAMP, for recipes that treat new items apart
 * @param now the time training runs, epoch seconds
 * @param impressions what users were shown beside their interactions, for recipes that learn from it
 * @param itemText the words of the Items dataset's textual fields ({@link io.tastemaker.core.data.TextFeatures}), empty without one
 * @param actions the actions and action interactions, for aws-next-best-action; none for others
 */
public record TrainingInput(
    InteractionData interactions,
    Map<String, String> hyperparameters,
    long seed,
    Metadata items,
    Metadata users,
    Map<String, Long> itemCreation,
    long now,
    Impressions impressions,
    Metadata itemText,
    ActionData actions) {
  public TrainingInput {
    Objects.requireNonNull(interactions, "interactions");
    Objects.requireNonNull(actions, "actions");
    Objects.requireNonNull(impressions, "impressions");
    Objects.requireNonNull(itemText, "itemText");
    hyperparameters = Map.copyOf(hyperparameters);
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(users, "users");
    itemCreation = Map.copyOf(itemCreation);
  }

  /** Input without item text or actions. */
  public TrainingInput(
      InteractionData interactions,
      Map<String, String> hyperparameters,
      long seed,
      Metadata items,
      Metadata users,
      Map<String, Long> itemCreation,
      long now,
      Impressions impressions) {
    this(interactions, hyperparameters, seed, items, users, itemCreation, now, impressions, Metadata.EMPTY, ActionData.NONE);
  }

  /** Input without impressions. */
  public TrainingInput(
      InteractionData interactions, Map<String, String> hyperparameters, long seed, Metadata items, Metadata users, Map<String, Long> itemCreation, long now) {
    this(interactions, hyperparameters, seed, items, users, itemCreation, now, Impressions.NONE);
  }

  /** Input with interactions only. */
  public TrainingInput(InteractionData interactions, Map<String, String> hyperparameters, long seed) {
    this(interactions, hyperparameters, seed, Metadata.EMPTY, Metadata.EMPTY, Map.of(), 0);
  }

  /** The same input with other interactions, such as the training users of an evaluation split. */
  public TrainingInput withInteractions(InteractionData other) {
    return new TrainingInput(other, hyperparameters, seed, items, users, itemCreation, now, impressions, itemText, actions);
  }

  /** The same input with other hyperparameters, such as a tuning trial's or another recipe's. */
  public TrainingInput withHyperparameters(Map<String, String> other) {
    return new TrainingInput(interactions, other, seed, items, users, itemCreation, now, impressions, itemText, actions);
  }

  /** The same input with the words of the Items dataset's textual fields. */
  public TrainingInput withItemText(Metadata text) {
    return new TrainingInput(interactions, hyperparameters, seed, items, users, itemCreation, now, impressions, text, actions);
  }

  /** The same input with other actions data, such as an evaluation split's. */
  public TrainingInput withActions(ActionData other) {
    return new TrainingInput(interactions, hyperparameters, seed, items, users, itemCreation, now, impressions, itemText, other);
  }

  /** An item's creation time, when the Items dataset gives one. */
  public OptionalLong creationOf(String itemId) {
    Long t = itemCreation.get(itemId);
    return t == null ? OptionalLong.empty() : OptionalLong.of(t);
  }
}
