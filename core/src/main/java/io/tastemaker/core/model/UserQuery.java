package io.tastemaker.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a recommendation is for: a user the model may know from training, and the interactions the
 * model has not seen (streamed since training, or a held-out user's history in evaluation).
 *
 * @param userId the user, when known
 * @param recent interactions unknown to the model, oldest first
 */
public record UserQuery(Optional<String> userId, History recent) {
  public UserQuery {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(recent, "recent");
  }

  public static UserQuery of(String userId) {
    return new UserQuery(Optional.of(userId), History.EMPTY);
  }

  /** A user the model knows nothing of but this history. */
  public static UserQuery anonymous(History history) {
    return new UserQuery(Optional.empty(), history);
  }
}
