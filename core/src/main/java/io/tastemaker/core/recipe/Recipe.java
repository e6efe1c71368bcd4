package io.tastemaker.core.recipe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A recipe: what its models answer and the hyperparameters it takes.
 *
 * @param name such as {@code aws-hrnn}
 * @param type what its models answer
 * @param description one sentence for DescribeRecipe
 * @param algorithmName the algorithm's name
 * @param featureTransformationName the feature transformation's name
 * @param parameters every hyperparameter, algorithm and feature transformation alike
 * @param aliases other spellings clients use for some parameters, mapped to the documented name
 */
public record Recipe(
    String name,
    RecipeType type,
    String description,
    String algorithmName,
    String featureTransformationName,
    List<HyperParameter> parameters,
    Map<String, String> aliases) {

  public Recipe {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    parameters = List.copyOf(parameters);
    aliases = Map.copyOf(aliases);
  }

  /**
   * The parameter a key names: by its documented name, an alias, or the name with the stage prefix
   * Personalize itself shows in DescribeSolution ({@code training.bptt}, {@code data.recency_mask}).
   */
  public Optional<HyperParameter> parameter(String key) {
    String documented = aliases.getOrDefault(key, key);
    Optional<HyperParameter> found = parameters.stream().filter(p -> p.name().equals(documented)).findFirst();
    int dot = key.lastIndexOf('.');
    return found.isPresent() || dot < 0 ? found : parameter(key.substring(dot + 1));
  }

  /** The default value of every parameter of a stage, by name. */
  public Map<String, String> defaults(HyperParameter.Stage stage) {
    Map<String, String> defaults = new LinkedHashMap<>();
    parameters.stream().filter(p -> p.stage() == stage).forEach(p -> defaults.put(p.name(), p.defaultValue()));
    return defaults;
  }

  /**
   * Resolves a solution's hyperparameters: checks every given value and fills in the defaults.
   *
   * <p>A parameter is accepted in either map, since clients do not agree on which one holds the
   * history-length percentiles (and Tastemaker's own knobs are documented in either); a name the
   * recipe does not know is refused, as Personalize refuses a hyperparameter its algorithm does
   * not use, with the member it was given in and the names each stage takes.
   *
   * @return every parameter's value by documented name, in canonical form
   * @throws IllegalArgumentException for an unknown name or a value out of range
   */
  public Map<String, String> resolve(Map<String, String> algorithm, Map<String, String> featureTransformation) {
    Map<String, String> resolved = new TreeMap<>();
    parameters.forEach(p -> resolved.put(p.name(), p.defaultValue()));
    resolveInto(resolved, algorithm, "solutionConfig.algorithmHyperParameters");
    resolveInto(resolved, featureTransformation, "solutionConfig.featureTransformationParameters");
    return resolved;
  }

  private void resolveInto(Map<String, String> resolved, Map<String, String> given, String member) {
    for (Map.Entry<String, String> entry : given.entrySet()) {
      HyperParameter p =
          parameter(entry.getKey())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "Unknown hyperparameter " + entry.getKey() + " in " + member + " for recipe " + name + "; its algorithm "
                              + algorithmName + " takes " + names(HyperParameter.Stage.ALGORITHM) + " and its feature transformation "
                              + featureTransformationName + " takes " + names(HyperParameter.Stage.FEATURE_TRANSFORMATION)));
      resolved.put(p.name(), p.check(entry.getValue()));
    }
  }

  private List<String> names(HyperParameter.Stage stage) {
    return parameters.stream().filter(p -> p.stage() == stage).map(HyperParameter::name).toList();
  }
}
