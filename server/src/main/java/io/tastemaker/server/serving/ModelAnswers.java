package io.tastemaker.server.serving;

import io.tastemaker.core.rules.RankedCandidates;
import io.tastemaker.core.rules.RankingInfluence;
import io.tastemaker.core.rules.RankingWeights;
import io.tastemaker.core.filter.FilterMask;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import io.tastemaker.core.userpersonalization.UserPersonalizationModel;
import io.tastemaker.server.events.LiveHistories;
import io.tastemaker.server.events.StreamedEvent;
import io.tastemaker.server.wire.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a served model answers, for real-time requests and batch lines alike: a user's items, an
 * item's related items, or a user's ranking of a list, with the request's context and filter, and
 * (in real time) the user's events streamed since the model was trained. Every answer passes the
 * business rules here: ranking influence re-scores the model's candidates ({@link RankingInfluence}),
 * a promotion takes its share of the slots ({@link Promotions}), and items carry their reasons. A
 * model that explores (aws-user-personalization) mixes new items in when the request has neither a
 * promotion nor ranking influence, whose orders it would otherwise have to share.
 */
public final class ModelAnswers {
  private final LiveHistories histories;
  private final FilterServing filters;
  private final ItemSignalSource signals;

  public ModelAnswers(LiveHistories histories, FilterServing filters, ItemSignalSource signals) {
    this.histories = histories;
    this.filters = filters;
    this.signals = signals;
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

  /**
   * A request's promotion: its name (each promoted item's {@code promotionName}), the share of the
   * answer it holds, and the filter that admits its items.
   */
  public record Promotion(String name, int percent, String filterArn, Map<String, String> values) {
    public Promotion {
      values = Map.copyOf(values);
      Promotions.slots(0, percent);
    }
  }

  /** USER_PERSONALIZATION: the user's best {@code n} items. */
  public List<ServedItem> forUser(ServedModel served, String userId, int n, Map<String, String> context, Filter filter, boolean live) {
    return forUser(served, userId, n, context, filter, Optional.empty(), live);
  }

  /**
   * USER_PERSONALIZATION: the user's best {@code n} items, a promotion's share among them.
   *
   * @param live whether the user's streamed events count (real time) or only what the model was trained on (batch)
   */
  public List<ServedItem> forUser(
      ServedModel served, String userId, int n, Map<String, String> context, Filter filter, Optional<Promotion> promotion, boolean live) {
    Recommender model = served.model();
    boolean influenced = !served.settings().influence().none();
    if (model instanceof UserPersonalizationModel explorer && promotion.isEmpty() && !influenced) {
      ExplorationSettings exploration = served.settings().exploration().orElse(explorer.explorationDefaults());
      if (exploration.explores()) {
        return explored(served, explorer, exploration, userId, n, context, filter, live);
      }
    }
    Supplier<Ranking> plain = () -> influenced
        ? top(influence(served, RankedCandidates.of(every(model, query(served, userId, context, live)))), n)
        : model.recommend(query(served, userId, context, live), n, ItemMask.ALL);
    // The answer cache holds answers to the user alone: a context changes the user vector, a filter,
    // a promotion or a use case's automatic filter the items.
    if (promotion.isEmpty() && filter.filterArn().isEmpty() && served.excludedEventTypes().isEmpty()) {
      Ranking ranking = live && context.isEmpty() ? served.answers().get(userId, n, plain) : plain.get();
      return items(model, RankedCandidates.of(ranking), List.of());
    }
    ItemMask mask = mask(served, filter, Optional.of(userId), Optional.empty());
    if (promotion.isEmpty() && !influenced) {
      return items(model, RankedCandidates.of(model.recommend(query(served, userId, context, live), n, mask)), List.of());
    }
    RankedCandidates candidates = influence(served, RankedCandidates.of(every(model, query(served, userId, context, live))));
    return picked(served, candidates, n, mask, promotion, Optional.of(userId), Optional.empty());
  }

  /** One user's request in a block of batch lines: the user, the line's context and its filter. */
  public record UserRequest(String userId, Map<String, String> context, Filter filter) {
    public UserRequest {
      context = Map.copyOf(context);
    }
  }

  /**
   * USER_PERSONALIZATION for a block of batch lines: for each request, what {@link #forUser} answers
   * without streamed events and without a promotion, in order. Plain and filtered answers are
   * scored for the whole block at once ({@link Recommender#recommendAll}); ranking influence and
   * exploration answer one user at a time. Taking an answer whose request fails (such as a filter's
   * missing value) throws the {@link ApiException} {@code forUser} would.
   */
  public List<Supplier<List<ServedItem>>> forUsers(ServedModel served, List<UserRequest> requests, int n) {
    Recommender model = served.model();
    boolean influenced = !served.settings().influence().none();
    boolean explores = model instanceof UserPersonalizationModel explorer && !influenced
        && served.settings().exploration().orElse(explorer.explorationDefaults()).explores();
    List<Supplier<List<ServedItem>>> answers = new ArrayList<>(requests.size());
    if (influenced || explores) {
      for (UserRequest r : requests) {
        answers.add(() -> forUser(served, r.userId(), n, r.context(), r.filter(), false));
      }
      return answers;
    }
    List<UserQuery> queries = new ArrayList<>(requests.size());
    List<ItemMask> masks = new ArrayList<>(requests.size());
    List<Integer> scored = new ArrayList<>(requests.size());
    for (int k = 0; k < requests.size(); k++) {
      UserRequest r = requests.get(k);
      answers.add(null);
      try {
        masks.add(mask(served, r.filter(), Optional.of(r.userId()), Optional.empty()));
      } catch (ApiException e) {
        answers.set(k, () -> {
          throw e;
        });
        continue;
      }
      queries.add(query(served, r.userId(), r.context(), false));
      scored.add(k);
    }
    List<Ranking> rankings = model.recommendAll(queries, n, masks);
    for (int j = 0; j < scored.size(); j++) {
      List<ServedItem> items = items(model, RankedCandidates.of(rankings.get(j)), List.of());
      answers.set(scored.get(j), () -> items);
    }
    return answers;
  }

  /**
   * An answer with exploration ({@link UserPersonalizationModel#explore}); explored items carry the
   * reason "Exploration". The draw is seeded by the user, their streamed events and the evidence the
   * model holds, so the same state gives the same answer and new evidence a new draw.
   */
  private List<ServedItem> explored(
      ServedModel served, UserPersonalizationModel model, ExplorationSettings exploration, String userId, int n, Map<String, String> context, Filter filter,
      boolean live) {
    ItemMask mask = mask(served, filter, Optional.of(userId), Optional.empty());
    UserQuery query = query(served, userId, context, live);
    long seed = model.requestSeed(userId, query.recent().length());
    UserPersonalizationModel.Explored answer = model.explore(query, n, mask, exploration, seed);
    int[] ranked = answer.ranking().items();
    double[] scores = answer.ranking().scores();
    boolean[] explored = answer.explored();
    List<ServedItem> items = new ArrayList<>(ranked.length);
    for (int k = 0; k < ranked.length; k++) {
      ServedItem item = ServedItem.of(model.items().id(ranked[k]), OptionalDouble.of(scores[k]));
      items.add(explored[k] ? item.withReason(Reasons.EXPLORATION) : item);
    }
    return items;
  }

  /**
   * USER_PERSONALIZATION for a model that answers everyone alike (a domain's trending use case): the
   * user is optional and only filters read them.
   */
  public List<ServedItem> forAnyone(ServedModel served, Optional<String> userId, int n, Filter filter, Optional<Promotion> promotion) {
    Recommender model = served.model();
    UserQuery anyone = UserQuery.anonymous(History.EMPTY);
    ItemMask mask = mask(served, filter, userId, Optional.empty());
    if (promotion.isEmpty() && served.settings().influence().none()) {
      return items(model, RankedCandidates.of(model.recommend(anyone, n, mask)), List.of());
    }
    RankedCandidates candidates = influence(served, RankedCandidates.of(every(model, anyone)));
    return picked(served, candidates, n, mask, promotion, userId, Optional.empty());
  }

  /** RELATED_ITEMS: the item's best {@code n} related items, or the popular ones for an item the model does not know. */
  public List<ServedItem> related(ServedModel served, String itemId, int n, Optional<String> userId, Filter filter) {
    return related(served, itemId, n, userId, filter, Optional.empty());
  }

  /** RELATED_ITEMS, a promotion's share among them; popular stand-ins carry the reason "Popular item". */
  public List<ServedItem> related(ServedModel served, String itemId, int n, Optional<String> userId, Filter filter, Optional<Promotion> promotion) {
    Recommender model = served.model();
    OptionalInt item = model.items().indexOf(itemId);
    ItemMask mask = mask(served, filter, userId, Optional.of(itemId));
    if (promotion.isEmpty() && served.settings().influence().none()) {
      Ranking answer = item.isPresent() ? model.related(item.getAsInt(), n, mask) : model.popular(n, mask);
      return items(model, PopularStandIns.mark(model, item, answer), List.of());
    }
    int all = model.items().size();
    Ranking every = item.isPresent() ? model.related(item.getAsInt(), all, ItemMask.ALL) : model.popular(all, ItemMask.ALL);
    RankedCandidates candidates = influence(served, PopularStandIns.mark(model, item, every));
    return picked(served, candidates, n, mask, promotion, userId, Optional.of(itemId));
  }

  /**
   * PERSONALIZED_RANKING: the input's distinct known items ranked (scores normalised over them), then
   * the unknown ones in input order without a score; an id given twice counts once.
   */
  public List<ServedItem> rank(ServedModel served, String userId, List<String> inputList, Map<String, String> context, Filter filter, boolean live) {
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
    return items(model, influence(served, RankedCandidates.of(ranking)), unknownIds);
  }

  /** Every item of the model for the user, best first, with the model's scores. */
  private static Ranking every(Recommender model, UserQuery query) {
    return model.recommend(query, model.items().size(), ItemMask.ALL);
  }

  private RankedCandidates influence(ServedModel served, RankedCandidates candidates) {
    RankingWeights weights = served.settings().influence();
    return weights.none() ? candidates : RankingInfluence.apply(candidates, signals.of(served), weights);
  }

  /** The first {@code n} candidates as a ranking. */
  private static Ranking top(RankedCandidates candidates, int n) {
    int size = Math.min(n, candidates.size());
    int[] items = new int[size];
    double[] scores = new double[candidates.scored() ? size : 0];
    for (int k = 0; k < size; k++) {
      items[k] = candidates.item(k);
      if (scores.length > 0) {
        scores[k] = candidates.score(k);
      }
    }
    return new Ranking(items, scores);
  }

  /** The request's items and the promotion's, picked from the candidates. */
  private List<ServedItem> picked(
      ServedModel served, RankedCandidates candidates, int n, ItemMask mask, Optional<Promotion> promotion, Optional<String> userId, Optional<String> itemId) {
    Optional<Promotions.Share> share = promotion.map(p -> new Promotions.Share(promotionMask(served, p, userId, itemId), p.percent()));
    List<Promotions.Pick> picks = Promotions.select(candidates, n, mask, share);
    Recommender model = served.model();
    List<ServedItem> items = new ArrayList<>(picks.size());
    for (Promotions.Pick pick : picks) {
      ServedItem item = item(model, candidates, pick.position());
      items.add(pick.promoted() ? item.withPromotion(promotion.orElseThrow().name()) : item);
    }
    return items;
  }

  /** The items a promotion admits; its filter's errors name the promotion. */
  private ItemMask promotionMask(ServedModel served, Promotion promotion, Optional<String> userId, Optional<String> itemId) {
    try {
      return excluding(served, userId, filters.mask(served, promotion.filterArn(), promotion.values(), userId, itemId));
    } catch (ApiException e) {
      throw new ApiException(e.type(), "promotions[0] (" + promotion.name() + "): " + e.getMessage());
    }
  }

  /** Candidates as answered items, then items without a score (a ranking's unknown input items). */
  private static List<ServedItem> items(Recommender model, RankedCandidates candidates, List<String> unscoredTail) {
    List<ServedItem> items = new ArrayList<>(candidates.size() + unscoredTail.size());
    for (int k = 0; k < candidates.size(); k++) {
      items.add(item(model, candidates, k));
    }
    unscoredTail.forEach(id -> items.add(ServedItem.of(id, OptionalDouble.empty())));
    return items;
  }

  private static ServedItem item(Recommender model, RankedCandidates candidates, int position) {
    boolean scored = model.scores() && candidates.scored() && !candidates.popular(position);
    ServedItem item = ServedItem.of(model.items().id(candidates.item(position)), scored ? OptionalDouble.of(candidates.score(position)) : OptionalDouble.empty());
    return candidates.popular(position) ? item.withReason(Reasons.POPULAR_ITEM) : item;
  }

  private ItemMask mask(ServedModel served, Filter filter, Optional<String> userId, Optional<String> itemId) {
    ItemMask requested = filter.filterArn().isEmpty() ? ItemMask.ALL : filters.mask(served, filter.filterArn().get(), filter.values(), userId, itemId);
    return excluding(served, userId, requested);
  }

  /** A mask that also leaves out what the served use case filters out for the user by itself. */
  private ItemMask excluding(ServedModel served, Optional<String> userId, ItemMask mask) {
    if (served.excludedEventTypes().isEmpty() || userId.isEmpty()) {
      return mask;
    }
    ItemMask excluded = filters.excluding(served, userId.get(), served.excludedEventTypes());
    return item -> excluded.allows(item) && mask.allows(item);
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
