package io.tastemaker.core.model;

import io.tastemaker.core.recipe.RecipeType;
import java.util.Optional;

/**
 * A trained, immutable model as it answers requests. Which of the three questions it answers depends
 * on its {@link #type()}: the others throw {@link UnsupportedOperationException}.
 */
public interface Recommender {
  /** The recipe name, such as {@code aws-popularity-count}. */
  String recipe();

  RecipeType type();

  ItemCatalog items();

  /** Whether answers carry scores (HRNN family and ranking do; SIMS and popularity don't). */
  boolean scores();

  /** The history training saw for a user, for recipes that personalise from it. */
  default Optional<History> historyOf(String userId) {
    return Optional.empty();
  }

  /** USER_PERSONALIZATION: the best {@code n} items after this history, among those the mask allows. */
  default Ranking recommend(History history, int n, ItemMask mask) {
    throw new UnsupportedOperationException(recipe() + " does not recommend items for users");
  }

  /** PERSONALIZED_RANKING: the candidates in the model's order for this history, scored. */
  default Ranking rank(History history, int[] candidates) {
    throw new UnsupportedOperationException(recipe() + " does not rank item lists");
  }

  /** RELATED_ITEMS: the best {@code n} items related to one item, among those the mask allows. */
  default Ranking related(int item, int n, ItemMask mask) {
    throw new UnsupportedOperationException(recipe() + " does not recommend related items");
  }
}
