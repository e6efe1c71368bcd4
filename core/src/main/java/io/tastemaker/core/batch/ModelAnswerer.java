package io.tastemaker.core.batch;

import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.PopularStandIns;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeType;
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
 * Batch answers from a model, as the server answers a batch job without ranking influence: the model
 * as trained (no streamed events), exploration as the model's defaults or the job's settings say,
 * and the job's filter evaluated with the records of its snapshot ({@link BatchFilter}). This is
 * what a Spark executor answers with the model file and the snapshot; jobs that need more of the
 * group's records (ranking influence, actions) run in the server.
 */
public final class ModelAnswerer implements BatchAnswerer {
  private final Recommender model;
  private final Optional<ExplorationSettings> exploration;
  private final Optional<BatchFilter> filter;

  /** Answers of a job without a filter. */
  public ModelAnswerer(Recommender model, Optional<ExplorationSettings> exploration) {
    this(model, exploration, Optional.empty());
  }

  /**
   * @param exploration the job's {@code itemExplorationConfig}; empty for the model's defaults
   * @param filter the job's filter over the model's catalogue; empty when it has none
   * @throws IllegalArgumentException for an aws-next-best-action model, whose answers read the actions' records
   */
  public ModelAnswerer(Recommender model, Optional<ExplorationSettings> exploration, Optional<BatchFilter> filter) {
    this.model = Objects.requireNonNull(model, "model");
    this.exploration = Objects.requireNonNull(exploration, "exploration");
    this.filter = Objects.requireNonNull(filter, "filter");
    if (model.type() == RecipeType.PERSONALIZED_ACTIONS) {
      throw new IllegalArgumentException(model.recipe() + " answers from the actions' records (expirations, repeat frequencies), which only the server holds");
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

  private void refuseFilters(boolean given) {
    if (given && filter.isEmpty()) {
      throw new LineRefusedException("filterValues are given, but the job has no filterArn.");
    }
  }
}
