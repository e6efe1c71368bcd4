package io.tastemaker.core.model;

import io.tastemaker.core.data.InteractionData;
import java.util.function.IntPredicate;

/**
 * A model that can take in users it was not trained on without retraining: it rebuilds every user's
 * state from interactions. Expensive recipes train once on the evaluation split and then take in the
 * held-out users this way.
 */
public interface UserRefit {
  /** The same model, with the users and histories of {@code all}. */
  Recommender withUsers(InteractionData all);

  /**
   * The same model, with the users and histories of {@code all}, where {@code unchanged} names (by
   * their index in {@code all}) users whose histories are the very ones this model holds states
   * for, as the evaluation split's training users are: a model may keep their states rather than
   * compute them again. The answer is the one {@link #withUsers(InteractionData)} gives.
   */
  default Recommender withUsers(InteractionData all, IntPredicate unchanged) {
    return withUsers(all);
  }
}
