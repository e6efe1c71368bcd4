package io.tastemaker.server.serving;

import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.nextbestaction.ActionSnapshot;
import io.tastemaker.core.nextbestaction.NextBestActionModel;
import io.tastemaker.core.nextbestaction.RecommendedAction;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.wire.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an aws-next-best-action model answers, for GetActionRecommendations and batch lines alike:
 * a user's best actions at the server's time, without expired ones and ones the user took (imported,
 * or by PutActionInteractions since) within their REPEAT_FREQUENCY, through the request's ActionID
 * filter.
 */
public final class ActionAnswers {
  /** One recommended action: its id and the user's propensity to take it. */
  public record ServedAction(String actionId, double score) {}

  private final ApiContext ctx;
  private final FilterServing filters;
  private final StreamedActionTakings takings;

  public ActionAnswers(ApiContext ctx, FilterServing filters) {
    this.ctx = ctx;
    this.filters = filters;
    this.takings = new StreamedActionTakings(ctx);
  }

  /**
   * The user's best {@code n} actions.
   *
   * @throws ApiException InvalidInputException when the model is not aws-next-best-action's or the
   *     filter cannot be applied (not an ActionID filter, a missing or malformed value)
   */
  public List<ServedAction> forUser(ServedModel served, String userId, int n, ModelAnswers.Filter filter) {
    if (!(served.model() instanceof NextBestActionModel model)) {
      throw ApiException.invalidInput(served.model().recipe() + " is a " + served.model().type()
          + " recipe; actions come from a PERSONALIZED_ACTIONS model (aws-next-best-action).");
    }
    String dataset = ctx.arns().dataset(Arns.resourceName(served.datasetGroupArn()), "ACTION_INTERACTIONS");
    Map<Integer, Long> taken = model.takenIndexes(takings.of(dataset, userId));
    ItemMask mask = filter.filterArn().isPresent() ? filters.actionMask(served, filter.filterArn().get(), filter.values(), userId) : ItemMask.ALL;
    List<RecommendedAction> actions = model.recommendActions(userId, taken, ctx.clock().instant().getEpochSecond(), n, mask);
    return actions.stream().map(a -> new ServedAction(model.actions().id(a.action()), a.score())).toList();
  }

  /**
   * What action lines of a group's version read now besides the model, for a batch job answered
   * by another process ({@link ActionSnapshot}): this server's time, every user's takings put since
   * training and, with a filter, what the filter reads.
   *
   * @throws ApiException when the filter cannot filter actions of the group, as every line would say
   */
  public ActionSnapshot snapshot(String datasetGroupArn, Optional<String> filterArn) {
    Optional<FilterExpression> filter = filterArn.map(arn -> filters.actionFilter(arn, datasetGroupArn));
    String dataset = ctx.arns().dataset(Arns.resourceName(datasetGroupArn), "ACTION_INTERACTIONS");
    GroupActionRecords records = filters.actionRecords(datasetGroupArn);
    return ActionSnapshot.of(ctx.clock().instant().getEpochSecond(), takings.all(dataset), filter, records, records.users(),
        filter.isPresent() ? records.interactingUsers() : Set.of());
  }
}
