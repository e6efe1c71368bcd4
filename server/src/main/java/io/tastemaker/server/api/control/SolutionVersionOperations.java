package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.ListPages;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.api.StandardOperations;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.store.Transaction;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * CreateSolutionVersion, DescribeSolutionVersion, ListSolutionVersions, StopSolutionVersionCreation
 * and GetSolutionMetrics.
 */
public final class SolutionVersionOperations {
  private static final ResourceKind KIND = ResourceKind.SOLUTION_VERSION;
  /** Where the trained version keeps its offline metrics; internal, shown by GetSolutionMetrics only. */
  public static final String METRICS = "_metrics";

  private final ApiContext ctx;
  private final ResourceLifecycle life;
  private static final SecureRandom RANDOM = new SecureRandom();

  public SolutionVersionOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateSolutionVersion", this::create);
    registry.register("DescribeSolutionVersion", standard.describe(KIND));
    registry.register("ListSolutionVersions", this::list);
    registry.register("StopSolutionVersionCreation", this::stop);
    registry.register("GetSolutionMetrics", this::metrics);
  }

  private JsonNode create(Input input) {
    String solutionArn = input.text("solutionArn");
    String mode = input.optionalText("trainingMode").orElse("FULL");
    if (mode.equals("AUTOTRAIN")) {
      throw ApiException.invalidInput("trainingMode AUTOTRAIN is reported by the service, not requested; use FULL or UPDATE.");
    }
    String arn =
        ctx.db().write(tx -> {
          Resource solution = life.requireLiveParent(tx, ResourceKind.SOLUTION, solutionArn);
          List<Resource> versions = ctx.resources().children(tx, KIND, solutionArn);
          if (mode.equals("UPDATE")) {
            checkUpdate(solution, versions);
          }
          long pending =
              ctx.resources().all(tx, KIND).stream().filter(v -> v.status().map(Status.UNFINISHED::contains).orElse(false)).count();
          if (pending >= ctx.quotas().pendingSolutionVersions()) {
            throw ApiException.limitExceeded(
                "More than " + ctx.quotas().pendingSolutionVersions() + " solution versions are pending or in progress.");
          }
          return insert(ctx, life, tx, solution, mode, "MANUAL", input.optionalText("name"), input.raw("tags"));
        });
    ObjectNode answer = Json.object();
    answer.put("solutionVersionArn", arn);
    return answer;
  }

  /**
   * Inserts a solution version of the solution, with its training job, in the caller's transaction:
   * the solution's recipe and configuration are copied, so a later UpdateSolution does not change it.
   *
   * @param trainingType MANUAL for CreateSolutionVersion, AUTOMATIC for automatic training
   * @return the version's ARN
   */
  public static String insert(
      ApiContext ctx, ResourceLifecycle life, Transaction tx, Resource solution, String mode, String trainingType, Optional<String> name,
      Optional<JsonNode> tags) throws SQLException {
    String versionId = HexFormat.of().formatHex(RANDOM.generateSeed(4));
    String versionArn = ctx.arns().solutionVersion(solution.name(), versionId);
    ObjectNode attributes = Json.object();
    attributes.put("solutionArn", solution.arn());
    for (String copied : List.of("recipeArn", "datasetGroupArn", "eventType", "performHPO", "performAutoML", "solutionConfig")) {
      JsonNode value = solution.attributes().get(copied);
      if (value != null) {
        attributes.set(copied, value);
      }
    }
    attributes.put("trainingMode", mode);
    attributes.put("trainingType", trainingType);
    Resource r = life.newResource(KIND, versionArn, name.orElse(solution.name() + "/" + versionId), Optional.of(solution.arn()), solution.datasetGroupArn(), attributes);
    life.insert(tx, r, versionArn, tags, Optional.of(JobTypes.TRAIN));
    return versionArn;
  }

  private static void checkUpdate(Resource solution, List<Resource> versions) {
    String recipe = solution.text("recipeArn").orElse("");
    if (!recipe.equals(Arns.recipe(RecipeCatalog.HRNN_COLDSTART)) && !recipe.equals(Arns.recipe(RecipeCatalog.USER_PERSONALIZATION))) {
      throw ApiException.invalidInput(
          "trainingMode UPDATE is available for " + Arns.recipe(RecipeCatalog.USER_PERSONALIZATION) + " and " + Arns.recipe(RecipeCatalog.HRNN_COLDSTART)
              + " only; this solution uses " + recipe + ".");
    }
    boolean trained =
        versions.stream().anyMatch(v -> v.hasStatus(Status.ACTIVE) && v.text("trainingMode").orElse("").equals("FULL"));
    if (!trained) {
      throw ApiException.invalidInput("trainingMode UPDATE needs an ACTIVE solution version trained in FULL mode first.");
    }
  }

  private JsonNode list(Input input) {
    return ctx.db().read(tx -> {
      Optional<String> solutionArn = input.optionalText("solutionArn");
      if (solutionArn.isPresent()) {
        life.require(tx, ResourceKind.SOLUTION, solutionArn.get());
      }
      return ListPages.page(tx, ctx.resources(), KIND, solutionArn, input);
    });
  }

  private JsonNode stop(Input input) {
    String arn = input.text("solutionVersionArn");
    ctx.db().write(tx -> {
      Resource version = life.require(tx, KIND, arn);
      String status = version.statusOrEmpty();
      String next =
          switch (status) {
            case Status.CREATE_PENDING -> Status.CREATE_STOPPED;
            case Status.CREATE_IN_PROGRESS -> Status.CREATE_STOPPING;
            default -> throw ApiException.inUse(
                "The solution version " + arn + " is " + status + "; only a version that is CREATE PENDING or CREATE IN_PROGRESS can be stopped.");
          };
      ctx.resources().update(tx, version.withStatus(next, Optional.empty(), ctx.clock().instant()));
      return null;
    });
    return Json.object();
  }

  private JsonNode metrics(Input input) {
    String arn = input.text("solutionVersionArn");
    Resource version = ctx.db().read(tx -> life.requireStatus(tx, KIND, arn, Status.ACTIVE));
    ObjectNode answer = Json.object();
    answer.put("solutionVersionArn", arn);
    JsonNode metrics = version.attributes().get(METRICS);
    answer.set("metrics", metrics == null ? Json.object() : metrics);
    return answer;
  }
}
