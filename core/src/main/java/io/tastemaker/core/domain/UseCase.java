package io.tastemaker.core.domain;

import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.schema.DatasetType;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One use case of a domain (a domain recipe such as {@code aws-ecomm-recommended-for-you}): what
 * GetRecommendations asks of a request, which events its model learns from, the recipe family that
 * trains it and with which hyperparameters, and which of a user's items it leaves out.
 *
 * <p>Event types are matched ignoring case ({@code purchase} is a {@code Purchase} event): the guide
 * names them in one spelling, and data spelled otherwise means the same thing.
 *
 * @param name the recipe name, such as {@code aws-vod-top-picks}
 * @param domain the domain it belongs to
 * @param title the guide's name for it, such as "Top picks for you"
 * @param description one sentence for DescribeRecipe and the console
 * @param type what its recommender answers: items for a user or items related to an item
 * @param backing the recipe family whose trainer and model back it
 * @param hyperparameters the backing family's hyperparameters that differ from its defaults
 * @param trainingEventTypes the event types its model learns from; empty for every event type
 * @param requiredEventType the event type the guide requires {@link UseCases#MIN_EVENTS} of; empty when any event counts
 * @param excludedEventTypes a user's items of these event types are left out of their recommendations
 * @param userId what the request's {@code userId} is for
 * @param itemId what the request's {@code itemId} is for
 * @param requiredDatasets the datasets training needs besides Interactions
 * @param explores whether it takes {@code recommenderConfig.itemExplorationConfig}
 * @param source the developer guide page the facts come from
 */
public record UseCase(
    String name,
    Domain domain,
    String title,
    String description,
    RecipeType type,
    Recipe backing,
    Map<String, String> hyperparameters,
    Set<String> trainingEventTypes,
    Optional<String> requiredEventType,
    Set<String> excludedEventTypes,
    Requirement userId,
    Requirement itemId,
    Set<DatasetType> requiredDatasets,
    boolean explores,
    String source) {

  public UseCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(backing, "backing");
    hyperparameters = Map.copyOf(hyperparameters);
    trainingEventTypes = lowerCase(trainingEventTypes);
    Objects.requireNonNull(requiredEventType, "requiredEventType");
    excludedEventTypes = lowerCase(excludedEventTypes);
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(itemId, "itemId");
    requiredDatasets = Set.copyOf(requiredDatasets);
    if (type == RecipeType.RELATED_ITEMS && itemId != Requirement.REQUIRED) {
      throw new IllegalArgumentException(name + " answers items related to an item, so itemId must be required");
    }
    if (!excludedEventTypes.isEmpty() && userId != Requirement.REQUIRED) {
      throw new IllegalArgumentException(name + " leaves out a user's items, so userId must be required");
    }
    // Resolving fails now, naming the key, rather than when the first recommender trains.
    backing.resolve(hyperparameters, Map.of());
  }

  /** The recipe ARN CreateRecommender takes: {@code arn:aws:personalize:::recipe/NAME}. */
  public String arn() {
    return "arn:aws:personalize:::recipe/" + name;
  }

  /** Whether the model learns from events of this type. */
  public boolean trainsOn(String eventType) {
    return trainingEventTypes.isEmpty() || trainingEventTypes.contains(eventType.toLowerCase(Locale.ROOT));
  }

  /** Whether a user's items of this event type are left out of their recommendations. */
  public boolean excludes(String eventType) {
    return excludedEventTypes.contains(eventType.toLowerCase(Locale.ROOT));
  }

  /** Whether an event of this type counts toward the guide's minimum. */
  public boolean countsTowardMinimum(String eventType) {
    return requiredEventType.map(required -> required.equalsIgnoreCase(eventType)).orElse(true);
  }

  /** Every hyperparameter of the backing family, the use case's own values over the defaults. */
  public Map<String, String> resolvedHyperparameters() {
    return backing.resolve(hyperparameters, Map.of());
  }

  private static Set<String> lowerCase(Set<String> types) {
    return types.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }
}
