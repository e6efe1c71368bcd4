package io.tastemaker.server.api.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.eval.OfflineMetrics;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.JobTypes;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.NumberText;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.api.ResourceLifecycle;
import io.tastemaker.server.api.ResourceViews;
import io.tastemaker.server.api.StandardOperations;
import io.tastemaker.server.resources.Arns;
import io.tastemaker.server.resources.Resource;
import io.tastemaker.server.resources.ResourceKind;
import io.tastemaker.server.resources.Status;
import io.tastemaker.server.store.Transaction;
import io.tastemaker.server.wire.ApiException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** CreateSolution, DescribeSolution, ListSolutions and DeleteSolution. */
public final class SolutionOperations {
  private static final ResourceKind KIND = ResourceKind.SOLUTION;
  /** AutoML chooses among the HRNN recipes only, as in Personalize. */
  static final Set<String> AUTO_ML_RECIPES =
      Set.of(RecipeCatalog.HRNN, RecipeCatalog.HRNN_METADATA, RecipeCatalog.HRNN_COLDSTART);

  private final ApiContext ctx;
  private final ResourceLifecycle life;

  public SolutionOperations(ApiContext ctx, ResourceLifecycle life) {
    this.ctx = ctx;
    this.life = life;
  }

  public void register(OperationRegistry registry, StandardOperations standard) {
    registry.register("CreateSolution", this::create);
    registry.register("DescribeSolution", standard.describe(KIND, this::addLatestVersion));
    registry.register("ListSolutions", standard.list(KIND, Optional.of("datasetGroupArn")));
    registry.register("DeleteSolution", this::delete);
  }

  /** The recipe a solution names, by ARN. */
  static Optional<Recipe> recipeOf(String recipeArn) {
    return RecipeCatalog.all().stream().filter(r -> Arns.recipe(r.name()).equals(recipeArn)).findFirst();
  }

  private JsonNode create(Input input) {
    String name = input.text("name");
    String groupArn = input.text("datasetGroupArn");
    boolean autoMl = input.flag("performAutoML");
    Optional<String> recipeArn = input.optionalText("recipeArn");
    Input config = input.object("solutionConfig").orElse(new Input(Json.object()));
    if (autoMl) {
      if (recipeArn.isPresent()) {
        throw ApiException.invalidInput("Give either recipeArn or performAutoML, not both.");
      }
      checkAutoMlRecipes(config);
    } else {
      Recipe recipe =
          recipeOf(recipeArn.orElseThrow(() -> ApiException.invalidInput("recipeArn is required unless performAutoML is true.")))
              .orElseThrow(() -> ApiException.notFound("Resource " + recipeArn.get() + " does not exist."));
      checkHyperParameters(recipe, config, input.flag("performHPO"));
    }
    config.optionalText("eventValueThreshold").ifPresent(SolutionOperations::checkThreshold);
    String arn = ctx.arns().of(KIND, name);
    ctx.db().write(tx -> {
      life.requireLiveParent(tx, ResourceKind.DATASET_GROUP, groupArn);
      long solutions =
          ctx.resources().inGroup(tx, KIND, groupArn).stream().filter(s -> !s.status().map(Status.DELETING::contains).orElse(false)).count();
      if (solutions >= ctx.quotas().solutionsPerGroup()) {
        throw ApiException.limitExceeded("The dataset group already has " + solutions + " solutions; delete some first.");
      }
      ObjectNode attributes = Json.object();
      attributes.put("datasetGroupArn", groupArn);
      recipeArn.ifPresent(v -> attributes.put("recipeArn", v));
      attributes.put("performHPO", input.flag("performHPO"));
      attributes.put("performAutoML", autoMl);
      attributes.put("performAutoTraining", input.flag("performAutoTraining"));
      input.optionalText("eventType").ifPresent(v -> attributes.put("eventType", v));
      input.raw("solutionConfig").ifPresent(v -> attributes.set("solutionConfig", v));
      Resource r = life.newResource(KIND, arn, name, Optional.of(groupArn), Optional.of(groupArn), attributes);
      life.insert(tx, r, name, input.raw("tags"), Optional.of(JobTypes.ACTIVATE));
      return null;
    });
    ObjectNode answer = Json.object();
    answer.put("solutionArn", arn);
    return answer;
  }

  private static void checkAutoMlRecipes(Input config) {
    Optional<JsonNode> list = config.object("autoMLConfig").flatMap(c -> c.raw("recipeList"));
    if (list.isPresent()) {
      for (JsonNode arn : list.get()) {
        Optional<Recipe> recipe = recipeOf(arn.asText());
        if (recipe.isEmpty() || !AUTO_ML_RECIPES.contains(recipe.get().name())) {
          throw ApiException.invalidInput(
              "autoMLConfig.recipeList may hold only the HRNN recipes "
                  + AUTO_ML_RECIPES.stream().sorted().map(Arns::recipe).toList()
                  + ", got "
                  + arn.asText());
        }
      }
    }
  }

  private static void checkHyperParameters(Recipe recipe, Input config, boolean hpo) {
    try {
      recipe.resolve(config.stringMap("algorithmHyperParameters"), config.stringMap("featureTransformationParameters"));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidInput(e.getMessage());
    }
    config.object("hpoConfig").ifPresent(SolutionOperations::checkHpoSettings);
    Optional<Input> ranges = config.object("hpoConfig").flatMap(h -> h.object("algorithmHyperParameterRanges"));
    if (ranges.isEmpty()) {
      return;
    }
    if (!hpo) {
      throw ApiException.invalidInput("hpoConfig.algorithmHyperParameterRanges needs performHPO set to true.");
    }
    for (String list : List.of("integerHyperParameterRanges", "continuousHyperParameterRanges", "categoricalHyperParameterRanges")) {
      for (JsonNode range : ranges.get().raw(list).orElse(Json.array())) {
        checkRange(recipe, range);
      }
    }
  }

  /** Personalize's limits on a search: at most 40 training jobs, 10 at a time; an objective among the metrics. */
  private static void checkHpoSettings(Input hpo) {
    hpo.object("hpoResourceConfig").ifPresent(resources -> {
      checkJobCount(resources, "maxNumberOfTrainingJobs", 40);
      checkJobCount(resources, "maxParallelTrainingJobs", 10);
    });
    hpo.object("hpoObjective").flatMap(o -> o.optionalText("metricName")).ifPresent(metric -> {
      if (!OfflineMetrics.NAMES.contains(metric)) {
        throw ApiException.invalidInput("hpoConfig.hpoObjective.metricName must be one of " + new java.util.TreeSet<>(OfflineMetrics.NAMES) + ", got " + metric);
      }
    });
  }

  private static void checkJobCount(Input resources, String member, int max) {
    Optional<String> value = resources.optionalText(member);
    if (value.isEmpty()) {
      return;
    }
    OptionalLong jobs = NumberText.whole(value.get());
    if (jobs.isPresent() && jobs.getAsLong() >= 1 && jobs.getAsLong() <= max) {
      return;
    }
    throw ApiException.invalidInput("hpoConfig.hpoResourceConfig." + member + " must be a whole number in [1, " + max + "], got " + value.get());
  }

  private static void checkRange(Recipe recipe, JsonNode range) {
    String name = range.path("name").asText();
    HyperParameter p =
        recipe.parameter(name)
            .filter(HyperParameter::tunable)
            .orElseThrow(() -> ApiException.invalidInput("Hyperparameter " + name + " of recipe " + recipe.name() + " cannot be tuned."));
    try {
      if (range.has("values")) {
        range.get("values").forEach(v -> p.check(v.asText()));
      } else {
        p.check(range.path("minValue").asText());
        p.check(range.path("maxValue").asText());
        if (range.path("minValue").asDouble() > range.path("maxValue").asDouble()) {
          throw ApiException.invalidInput("The range of " + name + " has minValue above maxValue.");
        }
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidInput("hpoConfig: " + e.getMessage());
    }
  }

  private static void checkThreshold(String threshold) {
    if (NumberText.decimal(threshold).isEmpty()) {
      throw ApiException.invalidInput("solutionConfig.eventValueThreshold must be a finite decimal number such as 0.5, got " + threshold);
    }
  }

  private void addLatestVersion(Transaction tx, Resource solution, ObjectNode view) throws SQLException {
    List<Resource> versions = ctx.resources().children(tx, ResourceKind.SOLUTION_VERSION, solution.arn());
    if (!versions.isEmpty()) {
      view.set("latestSolutionVersion", ResourceViews.summary(versions.get(versions.size() - 1)));
    }
  }

  private JsonNode delete(Input input) {
    String arn = input.text("solutionArn");
    ctx.db().write(tx -> {
      Resource solution = life.require(tx, KIND, arn);
      List<Resource> campaigns = ctx.resources().children(tx, ResourceKind.CAMPAIGN, arn);
      if (!campaigns.isEmpty()) {
        throw ApiException.inUse("The campaign " + campaigns.get(0).arn() + " uses this solution; delete it first.");
      }
      for (Resource version : ctx.resources().children(tx, ResourceKind.SOLUTION_VERSION, arn)) {
        if (version.status().map(Status.UNFINISHED::contains).orElse(false)) {
          throw ApiException.inUse("The solution version " + version.arn() + " is " + version.statusOrEmpty() + "; wait for it or stop it.");
        }
      }
      life.requestDeletion(tx, solution);
      return null;
    });
    return Json.object();
  }

}
