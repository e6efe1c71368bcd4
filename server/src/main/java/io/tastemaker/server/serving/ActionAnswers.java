package io.tastemaker.server.serving;

import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.nextbestaction.NextBestActionModel;
import io.tastemaker.core.nextbestaction.RecommendedAction;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.wire.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    Map<Integer, Long> taken = new HashMap<>();
    takings.of(dataset, userId).forEach((action, time) -> {
      int a = model.actions().indexOf(action);
      if (a >= 0) {
        taken.put(a, time);
      }
    });
    ItemMask mask = filter.filterArn().isPresent() ? filters.actionMask(served, filter.filterArn().get(), filter.values(), userId) : ItemMask.ALL;
    List<RecommendedAction> actions = model.recommendActions(userId, taken, ctx.clock().instant().getEpochSecond(), n, mask);
    return actions.stream().map(a -> new ServedAction(model.actions().id(a.action()), a.score())).toList();
  }
}
