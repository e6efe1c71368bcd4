package io.tastemaker.core.filter;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a filter is evaluated with for one request: the Items attributes, the requesting user's
 * record (for IF CurrentUser.X), the request's item (for CurrentItem.X, related-items requests),
 * the user's interactions, and the request's {@code filterValues}.
 */
public record FilterRequest(
    AttributeTable items,
    Optional<AttributeRecord> currentUser,
    Optional<String> currentItemId,
    UserInteractions interactions,
    Map<String, String> filterValues) {

  /** Personalize's limit on the number of {@code filterValues} keys. */
  public static final int MAX_FILTER_VALUES = 25;
  /** Personalize's limit on the length of one {@code filterValues} value. */
  public static final int MAX_FILTER_VALUE_LENGTH = 1000;

  /**
   * @throws FilterValueException when filterValues has more than 25 keys or a value longer than
   *     1,000 characters
   */
  public FilterRequest {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(currentUser, "currentUser");
    Objects.requireNonNull(currentItemId, "currentItemId");
    Objects.requireNonNull(interactions, "interactions");
    filterValues = Map.copyOf(filterValues);
    if (filterValues.size() > MAX_FILTER_VALUES) {
      throw new FilterValueException(
          "filterValues has " + filterValues.size() + " keys, at most " + MAX_FILTER_VALUES + " are allowed");
    }
    filterValues.forEach((key, value) -> {
      if (value.length() > MAX_FILTER_VALUE_LENGTH) {
        throw new FilterValueException("filterValues " + key + " has " + value.length()
            + " characters, at most " + MAX_FILTER_VALUE_LENGTH + " are allowed");
      }
    });
  }

  /** A request with only the Items attributes: no user record, no item, no interactions, no values. */
  public static FilterRequest of(AttributeTable items) {
    return new FilterRequest(items, Optional.empty(), Optional.empty(), UserInteractions.NONE, Map.of());
  }

  public FilterRequest withCurrentUser(AttributeRecord user) {
    return new FilterRequest(items, Optional.of(user), currentItemId, interactions, filterValues);
  }

  public FilterRequest withCurrentItem(String itemId) {
    return new FilterRequest(items, currentUser, Optional.of(itemId), interactions, filterValues);
  }

  public FilterRequest withInteractions(UserInteractions userInteractions) {
    return new FilterRequest(items, currentUser, currentItemId, userInteractions, filterValues);
  }

  public FilterRequest withFilterValues(Map<String, String> values) {
    return new FilterRequest(items, currentUser, currentItemId, interactions, values);
  }
}
