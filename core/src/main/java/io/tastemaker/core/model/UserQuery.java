package io.tastemaker.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a recommendation is for: a user the model may know from training, the interactions the model
 * has not seen (streamed since training, or a held-out user's history in evaluation), and the
 * context the request is made in.
 *
 * @param userId the user, when known
 * @param recent interactions unknown to the model, oldest first
 * @param context the request's context: Interactions-dataset field name to value, such as {@code
 *     DEVICE=phone}; models without contextual metadata ignore it
 */
public record UserQuery(Optional<String> userId, History recent, Map<String, String> context) {
  public UserQuery {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(recent, "recent");
    context = Map.copyOf(context);
  }

  /** A query without context. */
  public UserQuery(Optional<String> userId, History recent) {
    this(userId, recent, Map.of());
  }

  public static UserQuery of(String userId) {
    return new UserQuery(Optional.of(userId), History.EMPTY);
  }

  /** A known user in a context. */
  public static UserQuery of(String userId, Map<String, String> context) {
    return new UserQuery(Optional.of(userId), History.EMPTY, context);
  }

  /** A user the model knows nothing of but this history. */
  public static UserQuery anonymous(History history) {
    return new UserQuery(Optional.empty(), history);
  }
}
