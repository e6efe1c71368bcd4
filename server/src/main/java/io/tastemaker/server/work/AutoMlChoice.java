package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.eval.OfflineMetrics;
import io.tastemaker.core.eval.SolutionEvaluation;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.DataRequirementException;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.jobs.JobFailure;
import io.tastemaker.server.resources.Arns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code performAutoML}: every candidate recipe (the solution's {@code autoMLConfig.recipeList}, or
 * the three HRNN recipes) trained with its default hyperparameters and scored with GetSolutionMetrics'
 * protocol; the best on {@code autoMLConfig.metricName} (default {@code precision_at_25}) becomes
 * the version's recipe and model. A recipe the data does not suit (too few cold items for
 * aws-hrnn-coldstart) is passed over.
 */
final class AutoMlChoice {
  /** The recipes AutoML tries when the solution does not list them. */
  static final List<String> DEFAULT_RECIPES = List.of(RecipeCatalog.HRNN, RecipeCatalog.HRNN_METADATA, RecipeCatalog.HRNN_COLDSTART);

  /** The chosen recipe and its trained model, and every candidate's score. */
  record Choice(Recipe recipe, SolutionEvaluation.Trained trained, Map<String, Double> scores) {}

  private final List<Recipe> candidates;
  private final String metric;

  private AutoMlChoice(List<Recipe> candidates, String metric) {
    this.candidates = List.copyOf(candidates);
    this.metric = metric;
  }

  static AutoMlChoice of(Input solutionConfig) throws JobFailure {
    Input config = solutionConfig.object("autoMLConfig").orElse(new Input(Json.object()));
    List<Recipe> candidates = new ArrayList<>();
    JsonNode listed = config.raw("recipeList").orElse(null);
    if (listed != null && !listed.isEmpty()) {
      for (JsonNode arn : listed) {
        candidates.add(RecipeCatalog.all().stream().filter(r -> Arns.recipe(r.name()).equals(arn.asText())).findFirst()
            .orElseThrow(() -> new JobFailure("Unknown recipe " + arn.asText() + " in autoMLConfig.recipeList.")));
      }
    } else {
      DEFAULT_RECIPES.forEach(name -> candidates.add(RecipeCatalog.byName(name).orElseThrow()));
    }
    String metric = config.optionalText("metricName").filter(OfflineMetrics.NAMES::contains).orElse("precision_at_25");
    return new AutoMlChoice(candidates, metric);
  }

  Choice choose(RecipeRegistry recipes, TrainingInput base, int catalogueSize, TrainingMonitor monitor) throws JobFailure {
    Recipe bestRecipe = null;
    SolutionEvaluation.Trained best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    Map<String, Double> scores = new LinkedHashMap<>();
    List<String> passedOver = new ArrayList<>();
    for (int k = 0; k < candidates.size(); k++) {
      Recipe recipe = candidates.get(k);
      TrainingMonitor share = monitor.part(k, candidates.size(), "AutoML " + recipe.name());
      SolutionEvaluation.Trained trained;
      try {
        trained = SolutionEvaluation.trainAndEvaluate(recipes.trainer(recipe.name()).orElseThrow(), base.withHyperparameters(recipe.resolve(Map.of(), Map.of())), catalogueSize, share);
      } catch (DataRequirementException e) {
        passedOver.add(recipe.name() + ": " + e.getMessage());
        continue;
      }
      double score = trained.metrics().getOrDefault(metric, Double.NEGATIVE_INFINITY);
      scores.put(recipe.name(), score);
      if (best == null || score > bestScore) {
        bestRecipe = recipe;
        best = trained;
        bestScore = score;
      }
    }
    if (best == null) {
      throw new JobFailure("Create failed. AutoML could train none of its recipes: " + String.join("; ", passedOver));
    }
    return new Choice(bestRecipe, best, Map.copyOf(scores));
  }

  String metric() {
    return metric;
  }
}
