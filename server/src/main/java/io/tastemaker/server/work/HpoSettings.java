package io.tastemaker.server.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tastemaker.core.eval.OfflineMetrics;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.tuning.HyperParameterSearch;
import io.tastemaker.core.tuning.TuningRange;
import io.tastemaker.server.api.Input;
import java.util.ArrayList;
import java.util.List;

/**
 * A solution's {@code hpoConfig} as a search runs it: the ranges to tune (every tunable
 * hyperparameter of the recipe when none are given), the number of training jobs, and the metric
 * to maximise.
 */
record HpoSettings(List<TuningRange> ranges, int trainingJobs, String objective) {
  /** Training jobs when {@code hpoResourceConfig.maxNumberOfTrainingJobs} is not given. */
  static final int DEFAULT_TRAINING_JOBS = 8;

  static HpoSettings of(Recipe recipe, Input solutionConfig) {
    JsonNode hpo = solutionConfig.raw("hpoConfig").orElse(NullNode.getInstance());
    List<TuningRange> ranges = new ArrayList<>();
    JsonNode given = hpo.path("algorithmHyperParameterRanges");
    for (JsonNode r : given.path("integerHyperParameterRanges")) {
      ranges.add(new TuningRange(documented(recipe, r), HyperParameter.Kind.INTEGER, r.path("minValue").asDouble(), r.path("maxValue").asDouble(), List.of()));
    }
    for (JsonNode r : given.path("continuousHyperParameterRanges")) {
      ranges.add(new TuningRange(documented(recipe, r), HyperParameter.Kind.CONTINUOUS, r.path("minValue").asDouble(), r.path("maxValue").asDouble(), List.of()));
    }
    for (JsonNode r : given.path("categoricalHyperParameterRanges")) {
      List<String> values = new ArrayList<>();
      r.path("values").forEach(v -> values.add(recipe.parameter(r.path("name").asText()).orElseThrow().check(v.asText())));
      ranges.add(new TuningRange(documented(recipe, r), HyperParameter.Kind.CATEGORICAL, 0, 0, values));
    }
    if (ranges.isEmpty()) {
      recipe.parameters().stream().filter(HyperParameter::tunable).map(TuningRange::of).forEach(ranges::add);
    }
    int jobs = hpo.path("hpoResourceConfig").hasNonNull("maxNumberOfTrainingJobs")
        ? Integer.parseInt(hpo.path("hpoResourceConfig").path("maxNumberOfTrainingJobs").asText())
        : DEFAULT_TRAINING_JOBS;
    String metric = hpo.path("hpoObjective").path("metricName").asText("");
    String objective = OfflineMetrics.NAMES.contains(metric) ? metric : HyperParameterSearch.DEFAULT_OBJECTIVE;
    return new HpoSettings(ranges, jobs, objective);
  }

  private static String documented(Recipe recipe, JsonNode range) {
    return recipe.parameter(range.path("name").asText()).orElseThrow().name();
  }
}
