package io.tastemaker.server.solutions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.wire.ApiException;
import java.time.Instant;
import java.util.Objects;

/**
 * UpdateSolution: turns automatic training on or off, changes its rate, replaces the events
 * configuration. The update applies at once (it only rewrites the solution's row), so {@code
 * latestSolutionUpdate} is ACTIVE when the call returns; versions created before keep the
 * configuration they were created with. Turning automatic training on or changing its rate starts
 * the schedule again, the first training within the hour.
 */
public final class SolutionUpdates {
  /** The solution attribute DescribeSolution shows the last update in. */
  public static final String LATEST_UPDATE = "latestSolutionUpdate";

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public SolutionUpdates(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public JsonNode update(Input input) {
    String arn = input.text("solutionArn");
    if (input.flag("performIncrementalUpdate")) {
      throw ApiException.invalidInput("performIncrementalUpdate is not supported: Personalize offers it only for aws-semantic-similarity, and this server retrains that recipe in full (CreateSolutionVersion); got true");
    }
    ObjectNode change = input.object("solutionUpdateConfig").map(Input::body).orElse(Json.object());
    change.properties().removeIf(e -> e.getValue().isNull());
    JsonNode events = change.get("eventsConfig");
    EventsConfigMember.parse(events, "solutionUpdateConfig.eventsConfig");
    JsonNode expression = change.path("autoTrainingConfig").get("schedulingExpression");
    if (expression != null && !expression.isNull()) {
      SchedulingExpression.parse(expression.asText(), "solutionUpdateConfig.autoTrainingConfig.schedulingExpression");
    }
    ctx.db().write(tx -> {
      Resource solution = life.require(tx, ResourceKind.SOLUTION, arn);
      if (!solution.hasStatus(Status.ACTIVE)) {
        throw ApiException.inUse("The solution " + arn + " is " + solution.statusOrEmpty() + "; it can be updated once it is ACTIVE.");
      }
      Instant now = ctx.clock().instant();
      ObjectNode attributes = solution.attributes();
      boolean wasOn = attributes.path("performAutoTraining").asBoolean(false);
      boolean on = input.has("performAutoTraining") ? input.flag("performAutoTraining") : wasOn;
      ObjectNode config = attributes.has("solutionConfig") && attributes.get("solutionConfig").isObject() ? (ObjectNode) attributes.get("solutionConfig") : attributes.putObject("solutionConfig");
      String rateBefore = config.path("autoTrainingConfig").path("schedulingExpression").asText("");
      if (change.has("autoTrainingConfig")) {
        config.set("autoTrainingConfig", change.get("autoTrainingConfig"));
      }
      if (events != null) {
        config.set("eventsConfig", events);
      }
      String rateAfter = config.path("autoTrainingConfig").path("schedulingExpression").asText("");
      attributes.put("performAutoTraining", on);
      if (!on) {
        attributes.remove(AutoTrainingSchedule.ATTRIBUTE);
      } else if (!wasOn || !Objects.equals(rateBefore, rateAfter)) {
        AutoTrainingSchedule.startingAt(now).storeIn(attributes);
      }
      ObjectNode update = attributes.putObject(LATEST_UPDATE);
      update.set("solutionUpdateConfig", change);
      update.put("status", Status.ACTIVE);
      update.put("performAutoTraining", on);
      update.put("performIncrementalUpdate", false);
      update.put("creationDateTime", Json.epochSeconds(now));
      update.put("lastUpdatedDateTime", Json.epochSeconds(now));
      ctx.resources().update(tx, solution.withAttributes(attributes, now));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("solutionArn", arn);
    return answer;
  }
}
