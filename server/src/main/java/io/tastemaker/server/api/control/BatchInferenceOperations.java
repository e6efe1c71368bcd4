package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.filter.Target;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.api.StandardOperations;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.wire.ApiException;
import java.util.Optional;

/** CreateBatchInferenceJob, DescribeBatchInferenceJob and ListBatchInferenceJobs. */
public final class BatchInferenceOperations {
  private static final ResourceKind KIND = ResourceKind.BATCH_INFERENCE_JOB;
  /** Batch lines ask for at most as many items as a real-time request may. */
  static final int MAX_RESULTS = 500;
  /** An action line lists at most as many actions as GetActionRecommendations. */
  static final int MAX_ACTION_RESULTS = 100;

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public BatchInferenceOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateBatchInferenceJob", this::create);
    registry.register("DescribeBatchInferenceJob", standard.describe(KIND));
    registry.register("ListBatchInferenceJobs", standard.list(KIND, Optional.of("solutionVersionArn")));
  }

  private JsonNode create(Input input) {
    String name = input.text("jobName");
    String versionArn = input.text("solutionVersionArn");
    int numResults = input.optionalInt("numResults").orElse(25);
    if (numResults < 1 || numResults > MAX_RESULTS) {
      throw ApiException.invalidInput("numResults must be in [1, " + MAX_RESULTS + "], got " + numResults);
    }
    input.object("batchInferenceJobConfig").ifPresent(c -> CampaignConfigs.check(c, "batchInferenceJobConfig"));
    String mode = input.optionalText("batchInferenceJobMode").orElse("BATCH_INFERENCE");
    if (mode.equals("THEME_GENERATION")) {
      throw ApiException.invalidInput("batchInferenceJobMode THEME_GENERATION is not supported: generating themes for similar items needs a large"
          + " language model (Personalize uses Amazon Bedrock), and Tastemaker ships none; use BATCH_INFERENCE.");
    }
    if (!mode.equals("BATCH_INFERENCE")) {
      throw ApiException.invalidInput("batchInferenceJobMode " + mode + " is not supported; use BATCH_INFERENCE.");
    }
    BatchLocations.check(ctx, input);
    String arn = ctx.arns().of(KIND, name);
    ctx.db().write(tx -> {
      Resource version = life.require(tx, ResourceKind.SOLUTION_VERSION, versionArn);
      BatchSegmentOperations.refuseSegmentation(version, "solutionVersionArn");
      refuseTrending(version);
      Optional<String> filterArn = input.optionalText("filterArn");
      boolean actions = version.text("recipeArn").flatMap(SolutionOperations::recipeOf).map(r -> r.type() == RecipeType.PERSONALIZED_ACTIONS).orElse(false);
      if (actions && numResults > MAX_ACTION_RESULTS) {
        throw ApiException.invalidInput("numResults must be in [1, " + MAX_ACTION_RESULTS + "] for actions (solutionVersionArn " + versionArn
            + " is aws-next-best-action's, and GetActionRecommendations returns at most " + MAX_ACTION_RESULTS + "), got " + numResults);
      }
      if (filterArn.isPresent()) {
        Resource filter = life.require(tx, ResourceKind.FILTER, filterArn.get());
        filter.text("filterExpression").ifPresent(expression -> checkTarget(filterArn.get(), expression, actions));
      }
      long pending =
          ctx.resources().all(tx, KIND).stream().filter(j -> j.status().map(Status.UNFINISHED::contains).orElse(false)).count();
      if (pending >= ctx.quotas().pendingBatchJobs()) {
        throw ApiException.limitExceeded("More than " + ctx.quotas().pendingBatchJobs() + " resources with PENDING or IN_PROGRESS status.");
      }
      ObjectNode attributes = Json.object();
      filterArn.ifPresent(v -> attributes.put("filterArn", v));
      attributes.put("solutionVersionArn", versionArn);
      attributes.put("numResults", numResults);
      attributes.set("jobInput", input.raw("jobInput").orElseThrow());
      attributes.set("jobOutput", input.raw("jobOutput").orElseThrow());
      attributes.put("roleArn", input.text("roleArn"));
      input.raw("batchInferenceJobConfig").ifPresent(v -> attributes.set("batchInferenceJobConfig", v));
      attributes.put("batchInferenceJobMode", mode);
      Resource job = life.newResource(KIND, arn, name, Optional.of(versionArn), version.datasetGroupArn(), attributes);
      life.insert(tx, job, name, input.raw("tags"), Optional.of(JobTypes.BATCH_INFERENCE));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("batchInferenceJobArn", arn);
    return answer;
  }

  /** A filter of actions for an aws-next-best-action version, a filter of items for the others. */
  private static void checkTarget(String filterArn, String expression, boolean actions) {
    Target target = FilterCheck.parse(expression).target();
    if (actions && target != Target.ACTION_ID) {
      String selects = target == Target.USER_ID ? "users (UserID)" : "items (ItemID)";
      throw ApiException.invalidInput("filterArn " + filterArn + " selects " + selects + ", but the solution version recommends actions;"
          + " use an ActionID filter, such as EXCLUDE ActionID WHERE Actions.VALUE > 10.");
    }
    if (!actions && target == Target.ACTION_ID) {
      throw ApiException.invalidInput("filterArn " + filterArn + " selects actions (ActionID), but the solution version recommends items; use an ItemID filter.");
    }
  }

  /**
   * "You can't get batch recommendations with the Trending-Now or Next-Best-Action recipes." Tastemaker
   * refuses Trending-Now, whose trends move with every event, and answers Next-Best-Action lines.
   */
  private static void refuseTrending(Resource version) {
    Optional<Recipe> recipe = version.text("recipeArn").flatMap(SolutionOperations::recipeOf);
    if (recipe.isPresent() && recipe.get().name().equals(RecipeCatalog.TRENDING_NOW)) {
      throw ApiException.invalidInput("solutionVersionArn " + version.arn() + " was trained with " + RecipeCatalog.TRENDING_NOW
          + ", and Personalize gives no batch recommendations with the Trending-Now recipe: its trends move with every event."
          + " Ask a campaign of it with GetRecommendations instead.");
    }
  }
}
