package io.tastemaker.core.recipe;

/** What a recipe's models answer, which decides the runtime operation and its input. */
public enum RecipeType {
  /** GetRecommendations for a {@code userId}. */
  USER_PERSONALIZATION,
  /** GetPersonalizedRanking of an {@code inputList} for a {@code userId}. */
  PERSONALIZED_RANKING,
  /** GetRecommendations for an {@code itemId}. */
  RELATED_ITEMS,
  /** Batch segment jobs: the users most likely to interact with an item or with items of an attribute. */
  USER_SEGMENTATION,
  /** GetActionRecommendations for a {@code userId}: the actions the user will most likely take. */
  PERSONALIZED_ACTIONS
}
