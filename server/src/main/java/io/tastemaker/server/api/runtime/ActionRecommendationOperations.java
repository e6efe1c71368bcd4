package io.tastemaker.server.api.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.nextbestaction.NextBestActionModel;
import io.tastemaker.core.nextbestaction.RecommendedAction;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.ServedModel;
import io.tastemaker.server.serving.StreamedActionTakings;
import io.tastemaker.server.wire.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * GetActionRecommendations: the actions a user will most likely take, from an aws-next-best-action
 * campaign, each with its propensity score, best first. Expired actions are left out, and so are
 * actions the user took (imported, or by PutActionInteractions since) within their
 * REPEAT_FREQUENCY.
 */
public final class ActionRecommendationOperations {
  /** The guide's default and most actions an answer holds. */
  static final int DEFAULT_RESULTS = 5;
  static final int MAX_RESULTS = 100;

  private final ApiContext ctx;
  private final CampaignServing serving;
  private final StreamedActionTakings takings;

  public ActionRecommendationOperations(ApiContext ctx, CampaignServing serving) {
    this.ctx = ctx;
    this.serving = serving;
    this.takings = new StreamedActionTakings(ctx);
  }

  public void register(OperationRegistry registry) {
    registry.register("GetActionRecommendations", this::recommend);
  }

  private JsonNode recommend(Input input) {
    if (!input.has("campaignArn")) {
      throw ApiException.invalidInput("campaignArn is required: the campaign of an aws-next-best-action solution version.");
    }
    String arn = input.text("campaignArn");
    ServedModel served = serving.served(arn).orElseThrow(() -> ApiException.notFound("Campaign " + arn + " does not exist or is not ACTIVE."));
    if (!(served.model() instanceof NextBestActionModel model)) {
      throw ApiException.invalidInput(
          "The campaign " + arn + " serves " + served.model().recipe() + ", a " + served.model().type()
              + " recipe; GetActionRecommendations needs a PERSONALIZED_ACTIONS campaign (aws-next-best-action).");
    }
    int numResults = input.optionalInt("numResults").filter(n -> n > 0).orElse(DEFAULT_RESULTS);
    if (numResults > MAX_RESULTS) {
      throw ApiException.invalidInput("numResults must be in [1, " + MAX_RESULTS + "] for actions, got " + numResults);
    }
    if (input.has("filterArn")) {
      throw ApiException.invalidInput(
          "filterArn " + input.text("filterArn") + ": filters on actions are not served by Tastemaker yet; leave filterArn out.");
    }
    String userId = input.optionalText("userId").orElse("");
    String dataset = ctx.arns().dataset(Arns.resourceName(served.datasetGroupArn()), "ACTION_INTERACTIONS");
    Map<Integer, Long> taken = new HashMap<>();
    takings.of(dataset, userId).forEach((action, time) -> {
      int a = model.actions().indexOf(action);
      if (a >= 0) {
        taken.put(a, time);
      }
    });
    List<RecommendedAction> actions = model.recommendActions(userId, taken, ctx.clock().instant().getEpochSecond(), numResults, ItemMask.ALL);
    ObjectNode answer = Json.object();
    ArrayNode list = answer.putArray("actionList");
    for (RecommendedAction a : actions) {
      ObjectNode entry = list.addObject();
      entry.put("actionId", model.actions().id(a.action()));
      entry.put("score", a.score());
    }
    answer.put("recommendationId", "RID-" + UUID.randomUUID());
    return answer;
  }
}
