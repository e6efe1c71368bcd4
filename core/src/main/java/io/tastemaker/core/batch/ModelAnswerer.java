package io.tastemaker.core.batch;

import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.PopularStandIns;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.rules.RankedCandidates;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import io.tastemaker.core.userpersonalization.UserPersonalizationModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Batch answers from a model, as the server answers a batch job: the model as trained (no streamed
 * events), exploration as the model's defaults or the job's settings say (none with ranking
 * influence), the job's filter evaluated with the records of its snapshot ({@link BatchFilter}),
 * and its ranking influence with the items' signals ({@link BatchInfluence}). This is what a Spark
 * executor answers with the model file and the snapshots; action lines, which read the actions'
 * takings and records, are {@link BatchActionAnswerer}'s.
 */
public final class ModelAnswerer implements BatchAnswerer {
  private final Recommender model;
  private final Optional<ExplorationSettings> exploration;
  private final Optional<BatchFilter> filter;
  private final Optional<BatchInfluence> influence;

  /** Answers of a job without a filter and without ranking influence. */
  public ModelAnswerer(Recommender model, Optional<ExplorationSettings> exploration) {
    this(model, exploration, Optional.empty(), Optional.empty());
  }

  /**
   * @param exploration the job's {@code itemExplorationConfig}; empty for the model's defaults
   * @param filter the job's filter over the model's catalogue; empty when it has none
   * @param influence the job's ranking influence; empty when it has none (or all weights are 0)
   * @throws IllegalArgumentException for an aws-next-best-action model, whose answers read the actions' records ({@link BatchActionAnswerer})
   */
  public ModelAnswerer(Recommender model, Optional<ExplorationSettings> exploration, Optional<BatchFilter> filter, Optional<BatchInfluence> influence) {
    this.model = Objects.requireNonNull(model, "model");
    this.exploration = Objects.requireNonNull(exploration, "exploration");
    this.filter = Objects.requireNonNull(filter, "filter");
    this.influence = Objects.requireNonNull(influence, "influence").filter(i -> !i.weights().none());
    if (model.type() == RecipeType.PERSONALIZED_ACTIONS) {
      throw new IllegalArgumentException(model.recipe() + " answers from the actions' takings and records: a BatchActionAnswerer answers it");
    }
  }

  @Override
  public List<Supplier<List<BatchItem>>> forUsers(List<UserLine> lines, int n) {
    refuseFilters(lines.stream().anyMatch(l -> !l.filterValues().isEmpty()));
    List<Supplier<List<BatchItem>>> answers = new ArrayList<>(lines.size());
    // A line whose filter values are refused answers with its error when taken, as the server's do.
    List<ItemMask> masks = new ArrayList<>(lines.size());
    List<LineRefusedException> refused = new ArrayList<>(Collections.nCopies(lines.size(), null));
    for (int k = 0; k < lines.size(); k++) {
      UserLine line = lines.get(k);
      try {
        masks.add(filter.isEmpty() ? ItemMask.ALL : filter.get().mask(line.filterValues(), Optional.of(line.userId()), Optional.empty()));
      } catch (LineRefusedException e) {
        masks.add(null);
        refused.set(k, e);
      }
    }
    if (influence.isPresent()) {
      // Every item re-scored, one user at a time; influence leaves no room for exploration.
      for (int k = 0; k < lines.size(); k++) {
        if (masks.get(k) == null) {
          answers.add(refusal(refused.get(k)));
          continue;
        }
        UserQuery query = UserQuery.of(lines.get(k).userId(), lines.get(k).context());
        RankedCandidates candidates = influence.get().apply(RankedCandidates.of(model.recommend(query, model.items().size(), ItemMask.ALL)));
        List<BatchItem> items = picked(candidates, n, masks.get(k));
        answers.add(() -> items);
      }
      return answers;
    }
    if (model instanceof UserPersonalizationModel explorer) {
      ExplorationSettings settings = exploration.orElse(explorer.explorationDefaults());
      if (settings.explores()) {
        for (int k = 0; k < lines.size(); k++) {
          UserLine line = lines.get(k);
          ItemMask mask = masks.get(k);
          if (mask == null) {
            answers.add(refusal(refused.get(k)));
            continue;
          }
          List<BatchItem> items = explored(explorer, settings, line, n, mask);
          answers.add(() -> items);
        }
        return answers;
      }
    }
    List<UserQuery> queries = new ArrayList<>(lines.size());
    List<ItemMask> scoredMasks = new ArrayList<>(lines.size());
    for (int k = 0; k < lines.size(); k++) {
      if (masks.get(k) != null) {
        queries.add(UserQuery.of(lines.get(k).userId(), lines.get(k).context()));
        scoredMasks.add(masks.get(k));
      }
    }
    List<Ranking> rankings = model.recommendAll(queries, n, scoredMasks);
    int next = 0;
    for (int k = 0; k < lines.size(); k++) {
      if (masks.get(k) == null) {
        answers.add(refusal(refused.get(k)));
        continue;
      }
      Ranking ranking = rankings.get(next++);
      List<BatchItem> items = items(ranking, new boolean[ranking.size()], List.of());
      answers.add(() -> items);
    }
    return answers;
  }

  private static Supplier<List<BatchItem>> refusal(LineRefusedException e) {
    return () -> {
      throw e;
    };
  }

  /** An answer with exploration, seeded as the server seeds a batch line (no streamed events). */
  private static List<BatchItem> explored(UserPersonalizationModel model, ExplorationSettings settings, UserLine line, int n, ItemMask mask) {
    UserQuery query = UserQuery.of(line.userId(), line.context());
    UserPersonalizationModel.Explored answer = model.explore(query, n, mask, settings, model.requestSeed(line.userId(), 0));
    int[] ranked = answer.ranking().items();
    double[] scores = answer.ranking().scores();
    List<BatchItem> items = new ArrayList<>(ranked.length);
    for (int k = 0; k < ranked.length; k++) {
      items.add(new BatchItem(model.items().id(ranked[k]), OptionalDouble.of(scores[k])));
    }
    return items;
  }

  @Override
  public List<BatchItem> related(String itemId, int n, Optional<String> userId, Map<String, String> filterValues) {
    refuseFilters(!filterValues.isEmpty());
    OptionalInt item = model.items().indexOf(itemId);
    ItemMask mask = filter.isEmpty() ? ItemMask.ALL : filter.get().mask(filterValues, userId, Optional.of(itemId));
    if (influence.isPresent()) {
      int all = model.items().size();
      Ranking every = item.isPresent() ? model.related(item.getAsInt(), all, ItemMask.ALL) : model.popular(all, ItemMask.ALL);
      return picked(influence.get().apply(new RankedCandidates(every.items(), every.scores(), PopularStandIns.of(model, item, every))), n, mask);
    }
    Ranking answer = item.isPresent() ? model.related(item.getAsInt(), n, mask) : model.popular(n, mask);
    return items(answer, PopularStandIns.of(model, item, answer), List.of());
  }

  @Override
  public List<BatchItem> rank(String userId, List<String> itemIds, Map<String, String> context, Map<String, String> filterValues) {
    refuseFilters(!filterValues.isEmpty());
    Set<String> unknown = new LinkedHashSet<>();
    Set<Integer> candidates = new LinkedHashSet<>();
    for (String id : itemIds) {
      OptionalInt item = model.items().indexOf(id);
      if (item.isPresent()) {
        candidates.add(item.getAsInt());
      } else {
        unknown.add(id);
      }
    }
    List<String> unknownIds = List.copyOf(unknown);
    if (filter.isPresent()) {
      // Items the filter drops leave the list; the scores are a softmax over the items that stay.
      ItemMask mask = filter.get().mask(filterValues, Optional.of(userId), Optional.empty());
      candidates.removeIf(i -> !mask.allows(i));
      ItemMask unknownMask = filter.get().maskOf(unknownIds, filterValues, Optional.of(userId));
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < unknownIds.size(); i++) {
        if (unknownMask.allows(i)) {
          kept.add(unknownIds.get(i));
        }
      }
      unknownIds = kept;
    }
    Ranking ranking = model.rank(UserQuery.of(userId, context), candidates.stream().mapToInt(Integer::intValue).toArray());
    if (influence.isPresent()) {
      RankedCandidates influenced = influence.get().apply(RankedCandidates.of(ranking));
      List<BatchItem> items = new ArrayList<>(influenced.size() + unknownIds.size());
      for (int k = 0; k < influenced.size(); k++) {
        items.add(item(influenced, k));
      }
      unknownIds.forEach(id -> items.add(new BatchItem(id, OptionalDouble.empty())));
      return items;
    }
    return items(ranking, new boolean[ranking.size()], unknownIds);
  }

  @Override
  public List<BatchAction> actions(String userId, int n, Map<String, String> filterValues) {
    throw new IllegalStateException("checked in the constructor: " + model.recipe() + " is not answered from the model alone");
  }

  /** The model's items, scored where the recipe scores and the item is its own choice, then the unscored tail. */
  private List<BatchItem> items(Ranking ranking, boolean[] popular, List<String> unscoredTail) {
    int[] ranked = ranking.items();
    double[] scores = ranking.scores();
    boolean scored = model.scores() && (scores.length > 0 || ranked.length == 0);
    List<BatchItem> items = new ArrayList<>(ranked.length + unscoredTail.size());
    for (int k = 0; k < ranked.length; k++) {
      boolean hasScore = scored && !popular[k];
      items.add(new BatchItem(model.items().id(ranked[k]), hasScore ? OptionalDouble.of(scores[k]) : OptionalDouble.empty()));
    }
    unscoredTail.forEach(id -> items.add(new BatchItem(id, OptionalDouble.empty())));
    return items;
  }

  /** The first {@code n} candidates the mask allows, as the server picks them without a promotion. */
  private List<BatchItem> picked(RankedCandidates candidates, int n, ItemMask mask) {
    List<BatchItem> items = new ArrayList<>(Math.min(n, candidates.size()));
    for (int k = 0; k < candidates.size() && items.size() < n; k++) {
      if (mask.allows(candidates.item(k))) {
        items.add(item(candidates, k));
      }
    }
    return items;
  }

  /** A candidate as an answered item: its score where the recipe scores and the item is the model's own choice. */
  private BatchItem item(RankedCandidates candidates, int position) {
    boolean scored = model.scores() && candidates.scored() && !candidates.popular(position);
    return new BatchItem(model.items().id(candidates.item(position)), scored ? OptionalDouble.of(candidates.score(position)) : OptionalDouble.empty());
  }

  private void refuseFilters(boolean given) {
    if (given && filter.isEmpty()) {
      throw new LineRefusedException("filterValues are given, but the job has no filterArn.");
    }
  }
}
