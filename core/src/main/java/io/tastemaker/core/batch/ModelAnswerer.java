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
 * Batch answers from a model alone, as the server answers a batch job without a filter and without
 * ranking influence: the model as trained (no streamed events), exploration as the model's defaults
 * or the job's settings say. This is what a Spark executor can answer with nothing but the model
 * file; jobs that need the group's records (filters, ranking influence, actions) run in the server.
 */
public final class ModelAnswerer implements BatchAnswerer {
  private final Recommender model;
  private final Optional<ExplorationSettings> exploration;

  /**
   * @param exploration the job's {@code itemExplorationConfig}; empty for the model's defaults
   * @throws IllegalArgumentException for an aws-next-best-action model, whose answers read the actions' records
   */
  public ModelAnswerer(Recommender model, Optional<ExplorationSettings> exploration) {
    this.model = Objects.requireNonNull(model, "model");
    this.exploration = Objects.requireNonNull(exploration, "exploration");
    if (model.type() == RecipeType.PERSONALIZED_ACTIONS) {
      throw new IllegalArgumentException(model.recipe() + " answers from the actions' records (expirations, repeat frequencies), which only the server holds");
    }
  }

  @Override
  public List<Supplier<List<BatchItem>>> forUsers(List<UserLine> lines, int n) {
    refuseFilters(lines.stream().anyMatch(l -> !l.filterValues().isEmpty()));
    List<Supplier<List<BatchItem>>> answers = new ArrayList<>(lines.size());
    if (model instanceof UserPersonalizationModel explorer) {
      ExplorationSettings settings = exploration.orElse(explorer.explorationDefaults());
      if (settings.explores()) {
        for (UserLine line : lines) {
          List<BatchItem> items = explored(explorer, settings, line, n);
          answers.add(() -> items);
        }
        return answers;
      }
    }
    List<UserQuery> queries = new ArrayList<>(lines.size());
    for (UserLine line : lines) {
      queries.add(UserQuery.of(line.userId(), line.context()));
    }
    List<Ranking> rankings = model.recommendAll(queries, n, Collections.nCopies(lines.size(), ItemMask.ALL));
    for (Ranking ranking : rankings) {
      List<BatchItem> items = items(ranking, new boolean[ranking.size()], List.of());
      answers.add(() -> items);
    }
    return answers;
  }

  /** An answer with exploration, seeded as the server seeds a batch line (no streamed events). */
  private static List<BatchItem> explored(UserPersonalizationModel model, ExplorationSettings settings, UserLine line, int n) {
    UserQuery query = UserQuery.of(line.userId(), line.context());
    UserPersonalizationModel.Explored answer = model.explore(query, n, ItemMask.ALL, settings, model.requestSeed(line.userId(), 0));
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
    Ranking answer = item.isPresent() ? model.related(item.getAsInt(), n, ItemMask.ALL) : model.popular(n, ItemMask.ALL);
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
    Ranking ranking = model.rank(UserQuery.of(userId, context), candidates.stream().mapToInt(Integer::intValue).toArray());
    return items(ranking, new boolean[ranking.size()], List.copyOf(unknown));
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

  private static void refuseFilters(boolean given) {
    if (given) {
      throw new LineRefusedException("filterValues are given, but the job has no filterArn.");
    }
  }
}
