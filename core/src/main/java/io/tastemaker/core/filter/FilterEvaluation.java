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

  /** Whether the filter has an Interactions condition, so that a user's interactions matter. */
  public static boolean readsInteractions(FilterExpression filter) {
    return filter.fields().stream().anyMatch(f -> f.dataset() == DatasetType.INTERACTIONS);
  }
}
