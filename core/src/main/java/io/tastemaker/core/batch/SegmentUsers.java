package io.tastemaker.core.batch;

import io.tastemaker.core.affinity.AffinityModel;
import io.tastemaker.core.affinity.UserMask;
import io.tastemaker.core.filter.AttributeTable;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.FilterRecords;
import io.tastemaker.core.filter.UserSegmentFilter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The users a batch segment job's UserID filter lets into a segment, per line's {@code
 * filterValues}, over an affinity model's users: Users conditions test the Users records,
 * Interactions conditions each user's event types (lower-cased) in the records' interactions. The
 * server's job (live records) and a Spark executor (a {@link io.tastemaker.core.filter.FilterSnapshot})
 * both come here, so they write the same segments.
 */
public final class SegmentUsers {
  private SegmentUsers() {}

  /**
   * The users of each distinct {@code filterValues}, evaluated once per distinct values.
   *
   * @param users the group's Users records
   * @param interactions the records whose interactions' event types Interactions conditions test
   * @throws IllegalArgumentException when the filter is not a UserID filter
   */
  public static Function<Map<String, String>, UserMask> of(FilterExpression filter, AffinityModel model, AttributeTable users, FilterRecords interactions) {
    List<String> userIds = new ArrayList<>(model.userCount());
    for (int u = 0; u < model.userCount(); u++) {
      userIds.add(model.userId(u));
    }
    return of(filter, userIds, users, interactions);
  }

  /** As {@link #of(FilterExpression, AffinityModel, AttributeTable, FilterRecords)}, over these user ids (a model's, by index). */
  public static Function<Map<String, String>, UserMask> of(FilterExpression filter, List<String> userIds, AttributeTable users, FilterRecords interactions) {
    UserSegmentFilter compiled = UserSegmentFilter.compile(filter, userIds);
    List<Set<String>> eventTypes = compiled.usesInteractions() ? eventTypes(userIds, interactions) : List.of();
    Map<Map<String, String>, BitSet> masks = new ConcurrentHashMap<>();
    return values -> {
      BitSet allowed = masks.computeIfAbsent(Map.copyOf(values), v -> compiled.allowed(users, u -> eventTypes.isEmpty() ? Set.of() : eventTypes.get(u), v));
      return allowed::get;
    };
  }

  /** Each user's event types, lower-cased. */
  private static List<Set<String>> eventTypes(List<String> userIds, FilterRecords records) {
    List<Set<String>> types = new ArrayList<>(userIds.size());
    for (String userId : userIds) {
      Set<String> own = new HashSet<>();
      records.interactions(userId, (type, item) -> own.add(type.toLowerCase(Locale.ROOT)));
      types.add(Set.copyOf(own));
    }
    return types;
  }
}
