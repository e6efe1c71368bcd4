package io.tastemaker.core.model;

import io.tastemaker.core.data.InteractionData;

/**
 * A model that can take in users it was not trained on without retraining: it rebuilds every user's
 * state from interactions. Expensive recipes train once on the evaluation split and then take in the
 * held-out users this way.
 */
public interface UserRefit {
  /** The same model, with the users and histories of {@code all}. */
  Recommender withUsers(InteractionData all);
}
