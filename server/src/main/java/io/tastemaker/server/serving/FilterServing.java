package io.tastemaker.server.serving;

import io.tastemaker.core.filter.CompiledFilter;
import io.tastemaker.core.filter.FilterEvaluation;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.FilterMask;
import io.tastemaker.core.filter.FilterRequest;
import io.tastemaker.core.filter.FilterSnapshot;
import io.tastemaker.core.filter.Target;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.events.LiveHistories;
import io.tastemaker.server.events.StreamedEvent;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.ItemMask;
import java.io.IOException;
import java.io.OutputStream;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a request's filter: finds the filter, compiles it once per served model against that
 * model's catalogue, and evaluates it with the group's item and user attributes, the user's imported
 * and streamed interactions, and the request's filter values.
 */
public final class FilterServing {
  private record Key(String solutionVersionArn, String filterArn, String expression) {}

  /** A filter as a request meets it. */
  private record Found(String arn, String datasetGroupArn, FilterExpression expression, long readAt) {}

  /** How long a filter read from its row is used before it is read again: a filter deleted through any replica is gone from all within it. */
  private static final long KEEP_NANOS = 500_000_000L;
  /** "When filtering, Amazon Personalize considers at most 100 item interactions per user per event type." */
  static final int EXCLUDED_PER_EVENT_TYPE = 100;

  private final ApiContext ctx;
  private final GroupAttributes attributes;
  private final LiveHistories histories;
  private final Map<String, Found> filters = new ConcurrentHashMap<>();
  private final Map<Key, CompiledFilter> compiled = new ConcurrentHashMap<>();

  public FilterServing(ApiContext ctx, GroupAttributes attributes, LiveHistories histories) {
    this.ctx = ctx;
    this.attributes = attributes;
    this.histories = histories;
  }

  /**
   * The items a filter allows for a request to a served model.
   *
   * @param userId the requesting user, for Interactions conditions and {@code IF CurrentUser}
   * @param itemId the request's item, for {@code CurrentItem}
   */
  public FilterMask mask(ServedModel served, String filterArn, Map<String, String> filterValues, Optional<String> userId, Optional<String> itemId) {
    Found filter = filter(filterArn, served, Target.ITEM_ID);
    CompiledFilter compiledFilter =
        compiled.computeIfAbsent(new Key(served.solutionVersionArn() + "@" + served.model().items().size(), filter.arn(), filter.expression().text()), k -> CompiledFilter.compile(filter.expression(), served.model().items().ids()));
    try {
      return compiledFilter.mask(request(filter, served, served.model().items(), filterValues, userId, itemId));
    } catch (IllegalArgumentException e) {
      // Filter values that are missing, malformed or too many: the caller's to fix.
      throw ApiException.invalidInput(e.getMessage());
    }
  }

  /**
   * The actions an ActionID filter allows for a GetActionRecommendations request (or batch line):
   * Actions conditions test the group's Actions records, Action_Interactions conditions the user's
   * imported and put action interactions, IF clauses the user's record.
   */
  public FilterMask actionMask(ServedModel served, String filterArn, Map<String, String> filterValues, String userId) {
    Found filter = filter(filterArn, served, Target.ACTION_ID);
    List<String> actionIds = served.model().items().ids();
    CompiledFilter compiledFilter = compiled.computeIfAbsent(
        new Key(served.solutionVersionArn() + "@" + actionIds.size(), filter.arn(), filter.expression().text()),
        k -> CompiledFilter.compileForActions(filter.expression(), actionIds));
    try {
      return FilterEvaluation.actionMask(compiledFilter, actionRecords(served.datasetGroupArn()), served.model().items(), filterValues, userId);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidInput(e.getMessage());
    }
  }

  /** What ActionID filters read of a group, as this server holds it now. */
  public GroupActionRecords actionRecords(String datasetGroupArn) {
    return new GroupActionRecords(attributes, datasetGroupArn);
  }

  /**
   * An ActionID filter as a batch job of a version of the group applies it, for a job answered by
   * another process.
   *
   * @throws ApiException as {@link #actionMask} would for every line: the filter is gone, not
   *     ACTIVE, of another group or not an ActionID filter
   */
  public FilterExpression actionFilter(String filterArn, String datasetGroupArn) {
    return filter(filterArn, datasetGroupArn, "the batch inference job's solution version", Target.ACTION_ID).expression();
  }

  /**
   * A domain use case's automatic filter: the items a user interacted with in events of these types
   * (ignoring case), at most the newest {@link #EXCLUDED_PER_EVENT_TYPE} per type of imported and
   * streamed ones together, as Personalize documents, are left out.
   */
  public ItemMask excluding(ServedModel served, String userId, Set<String> eventTypes) {
    String group = served.datasetGroupArn();
    ItemCatalog catalog = served.model().items();
    // Newest first, counted per event type.
    Map<String, Integer> taken = new HashMap<>();
    BitSet excluded = new BitSet(catalog.size());
    List<StreamedEvent> streamed = histories.since(group, userId, 0);
    for (int k = streamed.size() - 1; k >= 0; k--) {
      StreamedEvent e = streamed.get(k);
      if (e.itemId().isPresent()) {
        exclude(excluded, taken, eventTypes, e.eventType(), catalog.indexOf(e.itemId().get()));
      }
    }
    GroupAttributes.Imported imported = attributes.interactions(group);
    Integer user = imported.userIndex().get(userId);
    if (user != null) {
      InteractionData data = imported.data();
      for (int i = data.end(user) - 1; i >= data.start(user); i--) {
        int type = data.eventType(i);
        exclude(excluded, taken, eventTypes, type < 0 ? "" : data.eventTypes().get(type), catalog.indexOf(data.itemId(data.item(i))));
      }
    }
    return item -> !excluded.get(item);
  }

  private static void exclude(BitSet excluded, Map<String, Integer> taken, Set<String> eventTypes, String eventType, OptionalInt item) {
    String type = eventType.toLowerCase(Locale.ROOT);
    if (!eventTypes.contains(type) || taken.merge(type, 1, Integer::sum) > EXCLUDED_PER_EVENT_TYPE) {
      return;
    }
    item.ifPresent(excluded::set);
  }

  /** The mask of a filter over ids a model does not know (a ranking's unknown input items). */
  public FilterMask maskOf(ServedModel served, String filterArn, List<String> itemIds, Map<String, String> filterValues, Optional<String> userId) {
    Found filter = filter(filterArn, served, Target.ITEM_ID);
    ItemCatalog catalog = new ItemCatalog(itemIds);
    try {
      return CompiledFilter.compile(filter.expression(), itemIds).mask(request(filter, served, catalog, filterValues, userId, Optional.empty()));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidInput(e.getMessage());
    }
  }

  private FilterRequest request(Found filter, ServedModel served, ItemCatalog catalog, Map<String, String> values, Optional<String> userId, Optional<String> itemId) {
    return FilterEvaluation.request(filter.expression(), records(served.datasetGroupArn()), catalog, values, userId, itemId);
  }

  /** What filters read of a group, as this server holds it now. */
  public GroupFilterRecords records(String datasetGroupArn) {
    return new GroupFilterRecords(attributes, histories, datasetGroupArn);
  }

  /**
   * Writes an ItemID filter and what it reads of its dataset group now, for a batch job answered by
   * another process ({@link FilterSnapshot}).
   *
   * @throws ApiException when a request to a model of the group could not use the filter
   */
  public void writeSnapshot(String filterArn, String datasetGroupArn, OutputStream out) throws IOException {
    Found filter = filter(filterArn, datasetGroupArn, "the batch inference job's solution version", Target.ITEM_ID);
    GroupFilterRecords records = records(datasetGroupArn);
    FilterSnapshot.write(filter.expression(), records, records.users(),
        FilterEvaluation.readsInteractions(filter.expression()) ? records.interactingUsers() : Set.of(), out);
  }

  private Found filter(String filterArn, ServedModel served, Target needed) {
    return filter(filterArn, served.datasetGroupArn(), served.servedBy(), needed);
  }

  private Found filter(String filterArn, String datasetGroupArn, String servedBy, Target needed) {
    Found known = filters.get(filterArn);
    if (known == null || System.nanoTime() - known.readAt() > KEEP_NANOS) {
      Resource r =
          ctx.db().read(tx -> ctx.resources().find(tx, filterArn)).filter(f -> f.kind() == ResourceKind.FILTER && f.hasStatus(Status.ACTIVE))
              .orElseThrow(() -> ApiException.invalidInput("The filter " + filterArn + " does not exist or is not ACTIVE."));
      FilterExpression expression;
      try {
        expression = FilterExpression.parse(r.text("filterExpression").orElseThrow());
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidInput("The filter " + filterArn + " cannot be applied: " + e.getMessage());
      }
      known = new Found(filterArn, r.datasetGroupArn().orElseThrow(), expression, System.nanoTime());
      filters.put(filterArn, known);
    }
    if (!known.datasetGroupArn().equals(datasetGroupArn)) {
      throw ApiException.invalidInput("The filter " + filterArn + " belongs to another dataset group than " + servedBy + ".");
    }
    Target target = known.expression().target();
    if (target != needed) {
      String selects = "The filter " + filterArn + " selects " + switch (target) {
        case ITEM_ID -> "items (ItemID)";
        case USER_ID -> "users (UserID)";
        case ACTION_ID -> "actions (ActionID)";
      };
      throw ApiException.invalidInput(needed == Target.ACTION_ID
          ? selects + "; GetActionRecommendations needs an ActionID filter, such as EXCLUDE ActionID WHERE Actions.VALUE > 10."
          : selects + "; recommendations of items need an ItemID filter.");
    }
    return known;
  }
}
