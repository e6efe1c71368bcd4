package io.tastemaker.core.filter;

import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.schema.DatasetType;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates an ItemID filter for one request over a catalogue, with the records a group's filter
 * reads ({@link FilterRecords}): the request's user record for IF clauses, their interactions
 * when the filter reads Interactions, its item for CurrentItem, and its filter values. The server's
 * requests and batch lines and a Spark executor's batch lines all come here.
 */
public final class FilterEvaluation {
  private FilterEvaluation() {}

  /**
   * The items of {@code catalog} the filter allows for the request.
   *
   * @throws IllegalArgumentException when the filter values are missing, malformed or too many
   */
  public static FilterMask mask(
      CompiledFilter compiled, FilterRecords records, ItemCatalog catalog, Map<String, String> filterValues, Optional<String> userId, Optional<String> itemId) {
    return compiled.mask(request(compiled.filter(), records, catalog, filterValues, userId, itemId));
  }

  /** What the filter is evaluated with for the request. */
  public static FilterRequest request(
      FilterExpression filter, FilterRecords records, ItemCatalog catalog, Map<String, String> values, Optional<String> userId, Optional<String> itemId) {
    FilterRequest request = FilterRequest.of(records.items()).withFilterValues(values);
    if (userId.isPresent()) {
      Optional<AttributeRecord> user = records.user(userId.get());
      if (user.isPresent()) {
        request = request.withCurrentUser(user.get());
      }
      if (readsInteractions(filter)) {
        UserInteractions.Builder b = UserInteractions.builder();
        records.interactions(userId.get(), (type, item) -> catalog.indexOf(item).ifPresent(i -> b.add(type, i)));
        request = request.withInteractions(b.build());
      }
    }
    if (itemId.isPresent()) {
      request = request.withCurrentItem(itemId.get());
    }
    return request;
  }

  /**
   * The actions of {@code actions} an ActionID filter allows for a user: Actions conditions test the
   * Actions records, Action_Interactions conditions the user's action interactions, IF clauses the
   * user's record.
   *
   * @throws IllegalArgumentException when the filter values are missing, malformed or too many
   */
  public static FilterMask actionMask(CompiledFilter compiled, ActionFilterRecords records, ItemCatalog actions, Map<String, String> filterValues, String userId) {
    FilterRequest request = FilterRequest.of(records.actions()).withFilterValues(filterValues);
    Optional<AttributeRecord> user = records.user(userId);
    if (user.isPresent()) {
      request = request.withCurrentUser(user.get());
    }
    if (readsActionInteractions(compiled.filter())) {
      UserInteractions.Builder b = UserInteractions.builder();
      records.actionInteractions(userId).forEach((type, ids) -> ids.forEach(id -> actions.indexOf(id).ifPresent(a -> b.add(type, a))));
      request = request.withInteractions(b.build());
    }
    return compiled.mask(request);
  }

  /** Whether an ActionID filter has an Action_Interactions condition, so that a user's action interactions matter. */
  public static boolean readsActionInteractions(FilterExpression filter) {
    return filter.fields().stream().anyMatch(f -> f.dataset() == DatasetType.ACTION_INTERACTIONS);
  }

  /** Whether the filter has an Interactions condition, so that a user's interactions matter. */
  public static boolean readsInteractions(FilterExpression filter) {
    return filter.fields().stream().anyMatch(f -> f.dataset() == DatasetType.INTERACTIONS);
  }
}
