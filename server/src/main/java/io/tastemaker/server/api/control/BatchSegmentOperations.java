package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.filter.FilterExpression;
import io.tastemaker.core.filter.Target;
import io.tastemaker.core.recipe.Recipe;
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

/**
 * CreateBatchSegmentJob, DescribeBatchSegmentJob and ListBatchSegmentJobs: user segments from a
 * solution version of a USER_SEGMENTATION recipe, filtered by an optional UserID filter.
 */
public final class BatchSegmentOperations {
  private static final ResourceKind KIND = ResourceKind.BATCH_SEGMENT_JOB;
  /** The guide's largest segment: "The maximum number of users per segment is 5 million." */
  static final int MAX_RESULTS = 5_000_000;
  static final int DEFAULT_RESULTS = 25;

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public BatchSegmentOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateBatchSegmentJob", this::create);
    registry.register("DescribeBatchSegmentJob", standard.describe(KIND));
    registry.register("ListBatchSegmentJobs", standard.list(KIND, Optional.of("solutionVersionArn")));
  }

  private JsonNode create(Input input) {
    String name = input.text("jobName");
    String versionArn = input.text("solutionVersionArn");
    int numResults = input.optionalInt("numResults").orElse(DEFAULT_RESULTS);
    if (numResults < 1 || numResults > MAX_RESULTS) {
      throw ApiException.invalidInput("numResults must be in [1, " + MAX_RESULTS + "], got " + numResults);
    }
    BatchLocations.check(ctx, input);
    String arn = ctx.arns().of(KIND, name);
    Optional<String> filterArn = input.optionalText("filterArn");
    ctx.db().write(tx -> {
      Resource version = life.requireStatus(tx, ResourceKind.SOLUTION_VERSION, versionArn, Status.ACTIVE);
      requireSegmentation(version);
      if (filterArn.isPresent()) {
        requireUserFilter(life.require(tx, ResourceKind.FILTER, filterArn.get()), version);
      }
      long pending = ctx.resources().all(tx, KIND).stream().filter(j -> j.status().map(Status.UNFINISHED::contains).orElse(false)).count();
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
      Resource job = life.newResource(KIND, arn, name, Optional.of(versionArn), version.datasetGroupArn(), attributes);
      life.insert(tx, job, name, input.raw("tags"), Optional.of(JobTypes.BATCH_SEGMENT));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("batchSegmentJobArn", arn);
    return answer;
  }

  /** Segments need a model of a USER_SEGMENTATION recipe. */
  private static void requireSegmentation(Resource version) {
    Optional<Recipe> recipe = version.text("recipeArn").flatMap(SolutionOperations::recipeOf);
    if (recipe.isEmpty() || recipe.get().type() != RecipeType.USER_SEGMENTATION) {
      throw ApiException.invalidInput("solutionVersionArn " + version.arn() + " was trained with " + recipe.map(Recipe::name).orElse("AutoML")
          + ", not a USER_SEGMENTATION recipe; batch segment jobs need a solution of aws-item-affinity or aws-item-attribute-affinity.");
    }
  }

  /**
   * Refuses a version of a USER_SEGMENTATION recipe where items are asked for (campaigns, batch
   * inference): its model answers only batch segment jobs.
   */
  static void refuseSegmentation(Resource version, String member) {
    Optional<Recipe> recipe = version.text("recipeArn").flatMap(SolutionOperations::recipeOf);
    if (recipe.isPresent() && recipe.get().type() == RecipeType.USER_SEGMENTATION) {
      throw ApiException.invalidInput(member + " " + version.arn() + " was trained with " + recipe.get().name()
          + ", a USER_SEGMENTATION recipe, whose models answer batch segment jobs (CreateBatchSegmentJob) only.");
    }
  }

  /** The filter must select users and belong to the version's dataset group. */
  private static void requireUserFilter(Resource filter, Resource version) {
    if (!filter.datasetGroupArn().equals(version.datasetGroupArn())) {
      throw ApiException.invalidInput("filterArn " + filter.arn() + " belongs to another dataset group than the solution version " + version.arn() + ".");
    }
    Target target;
    try {
      target = FilterExpression.parse(filter.text("filterExpression").orElseThrow()).target();
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidInput("filterArn " + filter.arn() + " cannot be applied: " + e.getMessage());
    }
    if (target != Target.USER_ID) {
      throw ApiException.invalidInput("filterArn " + filter.arn() + " selects items (ItemID); user segments need a filter on users, such as INCLUDE UserID WHERE Users.MEMBERSHIP IN ($MEMBERSHIP).");
    }
  }
}
