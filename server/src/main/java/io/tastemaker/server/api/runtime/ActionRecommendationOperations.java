package io.tastemaker.server.api.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.nextbestaction.NextBestActionModel;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.serving.ActionAnswers;
import io.tastemaker.server.serving.CampaignServing;
import io.tastemaker.server.serving.ModelAnswers;
import io.tastemaker.server.serving.ServedModel;
import io.tastemaker.server.wire.ApiException;
import java.util.List;
import java.util.UUID;

/**
 * GetActionRecommendations: the actions a user will most likely take, from an aws-next-best-action
 * campaign, each with its propensity score, best first, as {@link ActionAnswers} gives them: through
 * the request's ActionID filter, without expired actions and actions the user took within their
 * REPEAT_FREQUENCY.
 */
public final class ActionRecommendationOperations {
  /** The guide's default and most actions an answer holds. */
  static final int DEFAULT_RESULTS = 5;
  static final int MAX_RESULTS = 100;

  private final CampaignServing serving;
  private final ActionAnswers answers;

  public ActionRecommendationOperations(CampaignServing serving, ActionAnswers answers) {
    this.serving = serving;
    this.answers = answers;
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
    if (!(served.model() instanceof NextBestActionModel)) {
      throw ApiException.invalidInput(
          "The campaign " + arn + " serves " + served.model().recipe() + ", a " + served.model().type()
              + " recipe; GetActionRecommendations needs a PERSONALIZED_ACTIONS campaign (aws-next-best-action).");
    }
    int numResults = input.optionalInt("numResults").filter(n -> n > 0).orElse(DEFAULT_RESULTS);
    if (numResults > MAX_RESULTS) {
      throw ApiException.invalidInput("numResults must be in [1, " + MAX_RESULTS + "] for actions, got " + numResults);
    }
    String userId = input.optionalText("userId").orElse("");
    ModelAnswers.Filter filter = new ModelAnswers.Filter(input.optionalText("filterArn"), input.stringMap("filterValues"));
    List<ActionAnswers.ServedAction> actions = answers.forUser(served, userId, numResults, filter);
    ObjectNode answer = Json.object();
    ArrayNode list = answer.putArray("actionList");
    for (ActionAnswers.ServedAction a : actions) {
      ObjectNode entry = list.addObject();
      entry.put("actionId", a.actionId());
      entry.put("score", a.score());
    }
    answer.put("recommendationId", "RID-" + UUID.randomUUID());
    return answer;
  }
}
