package io.tastemaker.core.batch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What answers the lines of a batch job for {@link BatchLines}: the server's serving layer (filters,
 * ranking influence, actions) or the model alone ({@link ModelAnswerer}). A line that cannot be
 * answered throws {@link LineRefusedException}.
 */
public interface BatchAnswerer {
  /**
   * USER_PERSONALIZATION: each user's best {@code n} items, in order. Taking an answer whose line
   * fails throws {@link LineRefusedException}.
   */
  List<Supplier<List<BatchItem>>> forUsers(List<UserLine> lines, int n);

  /** RELATED_ITEMS: the item's best {@code n} related items. */
  List<BatchItem> related(String itemId, int n, Optional<String> userId, Map<String, String> filterValues);

  /** PERSONALIZED_RANKING: the user's ranking of the items, unknown items last without a score. */
  List<BatchItem> rank(String userId, List<String> itemIds, Map<String, String> context, Map<String, String> filterValues);

  /** PERSONALIZED_ACTIONS: the user's best {@code n} actions. */
  List<BatchAction> actions(String userId, int n, Map<String, String> filterValues);
}
