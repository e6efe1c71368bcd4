package io.tastemaker.server.serving;

import io.tastemaker.core.filter.FilterMask;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.server.events.LiveHistories;
import io.tastemaker.server.events.StreamedEvent;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a served model answers, for real-time requests and batch lines alike: a user's items, an
 * item's related items, or a user's ranking of a list, with the request's context and filter, and
 * (in real time) the user's events streamed since the model was trained.
 */
public final class ModelAnswers {
  private final LiveHistories histories;
  private final FilterServing filters;

  public ModelAnswers(LiveHistories histories, FilterServing filters) {
    this.histories = histories;
    this.filters = filters;
  }

  /** A request's filter: its ARN, when given, and the values of its placeholders. */
  public record Filter(Optional<String> filterArn, Map<String, String> values) {
    public static final Filter NONE = new Filter(Optional.empty(), Map.of());

    public Filter {
      values = Map.copyOf(values);
      if (filterArn.isEmpty() && !values.isEmpty()) {
        throw ApiException.invalidInput("filterValues are given without a filterArn.");
      }
    }
  }

  /** A ranking of the known input items, and the unknown ones that follow it unscored, in input order. */
  public record RankedList(Ranking known, List<String> unknown) {}

  /**
   * USER_PERSONALIZATION: the user's best {@code n} items.
   *
   * @param live whether the user's streamed events count (real time) or only what the model was trained on (batch)
   */
  public Ranking forUser(ServedModel served, String userId, int n, Map<String, String> context, Filter filter, boolean live) {
    Recommender model = served.model();
    // The answer cache holds plain answers only: a context changes the user vector, a filter the items.
    if (live && context.isEmpty() && filter.filterArn().isEmpty()) {
      return served.answers().get(userId, n, () -> model.recommend(query(served, userId, Map.of(), true), n, ItemMask.ALL));
    }
    ItemMask mask = mask(served, filter, Optional.of(userId), Optional.empty());
    return model.recommend(query(served, userId, context, live), n, mask);
  }

  /** RELATED_ITEMS: the item's best {@code n} related items, or the popular ones for an item the model does not know. */
  public Ranking related(ServedModel served, String itemId, int n, Optional<String> userId, Filter filter) {
    Recommender model = served.model();
    OptionalInt item = model.items().indexOf(itemId);
    ItemMask mask = mask(served, filter, userId, Optional.of(itemId));
    return item.isPresent() ? model.related(item.getAsInt(), n, mask) : model.popular(n, mask);
  }

  /** PERSONALIZED_RANKING: the input's distinct known items ranked, then the unknown ones; an id given twice counts once. */
  public RankedList rank(ServedModel served, String userId, List<String> inputList, Map<String, String> context, Filter filter, boolean live) {
    Recommender model = served.model();
    if (model.type() != RecipeType.PERSONALIZED_RANKING) {
      throw ApiException.invalidInput("The model serves " + model.recipe() + ", a " + model.type() + " recipe; it does not rank lists.");
    }
    Set<String> unknown = new LinkedHashSet<>();
    Set<Integer> candidates = new LinkedHashSet<>();
    for (String id : inputList) {
      OptionalInt item = model.items().indexOf(id);
      if (item.isPresent()) {
        candidates.add(item.getAsInt());
      } else {
        unknown.add(id);
      }
    }
    List<String> unknownIds = new ArrayList<>(unknown);
    if (filter.filterArn().isPresent()) {
      // Items the filter drops leave the list; the scores are a softmax over the items that stay.
      ItemMask mask = mask(served, filter, Optional.of(userId), Optional.empty());
      candidates.removeIf(item -> !mask.allows(item));
      FilterMask unknownMask = filters.maskOf(served, filter.filterArn().get(), unknownIds, filter.values(), Optional.of(userId));
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < unknownIds.size(); i++) {
        if (unknownMask.allows(i)) {
          kept.add(unknownIds.get(i));
        }
      }
      unknownIds = kept;
    }
    Ranking ranking = model.rank(query(served, userId, context, live), candidates.stream().mapToInt(Integer::intValue).toArray());
    return new RankedList(ranking, List.copyOf(unknownIds));
  }

  private ItemMask mask(ServedModel served, Filter filter, Optional<String> userId, Optional<String> itemId) {
    return filter.filterArn().isEmpty() ? ItemMask.ALL : filters.mask(served, filter.filterArn().get(), filter.values(), userId, itemId);
  }

  /** A user as the model meets them: with {@code live}, their events streamed since it was trained; and the context. */
  private UserQuery query(ServedModel served, String userId, Map<String, String> context, boolean live) {
    List<StreamedEvent> recent = live ? histories.since(served.datasetGroupArn(), userId, served.eventWatermark()) : List.of();
    if (recent.isEmpty()) {
      return UserQuery.of(userId, context);
    }
    ItemCatalog catalog = served.model().items();
    int[] items = new int[recent.size()];
    long[] times = new long[recent.size()];
    boolean[] sessionStarts = new boolean[recent.size()];
    int n = 0;
    String session = null;
    for (StreamedEvent e : recent) {
      OptionalInt item = e.itemId().isPresent() ? catalog.indexOf(e.itemId().get()) : OptionalInt.empty();
      // Items the model never saw wait for the next training.
      if (item.isPresent()) {
        items[n] = item.getAsInt();
        times[n] = e.sentAt();
        // A new session id starts a session; the first streamed event starts one by its time gap.
        sessionStarts[n++] = session != null && !session.equals(e.sessionId());
        session = e.sessionId();
      }
    }
    History history = new History(Arrays.copyOf(items, n), Arrays.copyOf(times, n), Arrays.copyOf(sessionStarts, n));
    return new UserQuery(Optional.of(userId), history, context);
  }
}
