package io.tastemaker.core.model;

import io.tastemaker.core.recipe.RecipeType;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * This model without anything it keeps of these users (their ids, states and features), so that
   * they are answered as strangers; the model itself when it keeps nothing of them.
   */
  default Recommender withoutUsers(java.util.Set<String> userIds) {
    return this;
  }

  /** USER_PERSONALIZATION: the best {@code n} items for a user, among those the mask allows. */
  default Ranking recommend(UserQuery query, int n, ItemMask mask) {
    throw new UnsupportedOperationException(recipe() + " does not recommend items for users");
  }

  /**
   * USER_PERSONALIZATION for many users at once: for each query, what {@link #recommend} answers
   * with its mask, in order. Models with a user vector score the users as a block against the item
   * table; the others answer one user after another.
   */
  default List<Ranking> recommendAll(List<UserQuery> queries, int n, List<ItemMask> masks) {
    if (queries.size() != masks.size()) {
      throw new IllegalArgumentException(queries.size() + " queries but " + masks.size() + " masks");
    }
    List<Ranking> answers = new ArrayList<>(queries.size());
    for (int k = 0; k < queries.size(); k++) {
      answers.add(recommend(queries.get(k), n, masks.get(k)));
    }
    return answers;
  }

  /** PERSONALIZED_RANKING: the distinct candidates in the model's order for a user, scored. */
  default Ranking rank(UserQuery query, int[] candidates) {
    throw new UnsupportedOperationException(recipe() + " does not rank item lists");
  }

  /** The most popular items, for requests the model cannot personalise (an unknown item id). */
  default Ranking popular(int n, ItemMask mask) {
    throw new UnsupportedOperationException(recipe() + " keeps no popularity ranking");
  }

  /** RELATED_ITEMS: the best {@code n} items related to one item, among those the mask allows. */
  default Ranking related(int item, int n, ItemMask mask) {
    throw new UnsupportedOperationException(recipe() + " does not recommend related items");
  }
}
