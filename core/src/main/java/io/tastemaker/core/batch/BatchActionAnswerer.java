package io.tastemaker.core.batch;

import io.tastemaker.core.filter.CompiledFilter;
import io.tastemaker.core.filter.FilterEvaluation;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.nextbestaction.ActionSnapshot;
import io.tastemaker.core.nextbestaction.NextBestActionModel;
import io.tastemaker.core.nextbestaction.RecommendedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Batch answers of an aws-next-best-action model from an {@link ActionSnapshot}, as the server
 * answers GetActionRecommendations: expirations and repeat frequencies measured from the snapshot's
 * time, with the takings put since training, through the job's ActionID filter. This is what a Spark
 * executor answers action lines with.
 */
public final class BatchActionAnswerer implements BatchAnswerer {
  private final NextBestActionModel model;
  private final ActionSnapshot snapshot;
  private final Optional<CompiledFilter> filter;

  /** @throws IllegalArgumentException when the snapshot's filter is not an ActionID filter */
  public BatchActionAnswerer(NextBestActionModel model, ActionSnapshot snapshot) {
    this.model = model;
    this.snapshot = snapshot;
    this.filter = snapshot.filter().map(f -> CompiledFilter.compileForActions(f, model.items().ids()));
  }

  /** Whether the job has a filter, so that lines may give filterValues. */
  public boolean filtered() {
    return filter.isPresent();
  }

  @Override
  public List<BatchAction> actions(String userId, int n, Map<String, String> filterValues) {
    ItemMask mask = filter.isEmpty() ? ItemMask.ALL : mask(filter.get(), userId, filterValues);
    List<BatchAction> actions = new ArrayList<>();
    for (RecommendedAction a : model.recommendActions(userId, model.takenIndexes(snapshot.takings(userId)), snapshot.now(), n, mask)) {
      actions.add(new BatchAction(model.actions().id(a.action()), a.score()));
    }
    return actions;
  }

  /** A line whose filter values are missing or malformed gets the filter's message, as in the server. */
  private ItemMask mask(CompiledFilter compiled, String userId, Map<String, String> filterValues) {
    try {
      return FilterEvaluation.actionMask(compiled, snapshot, model.items(), filterValues, userId);
    } catch (IllegalArgumentException e) {
      throw new LineRefusedException(e.getMessage());
    }
  }

  @Override
  public List<Supplier<List<BatchItem>>> forUsers(List<UserLine> lines, int n) {
    throw notItems();
  }

  @Override
  public List<BatchItem> related(String itemId, int n, Optional<String> userId, Map<String, String> filterValues) {
    throw notItems();
  }

  @Override
  public List<BatchItem> rank(String userId, List<String> itemIds, Map<String, String> context, Map<String, String> filterValues) {
    throw notItems();
  }

  private IllegalStateException notItems() {
    return new IllegalStateException(model.recipe() + " answers action lines only");
  }
}
