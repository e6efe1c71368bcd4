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

  public Optional<HyperParameter> parameter(String key) {
    String documented = aliases.getOrDefault(key, key);
    return parameters.stream().filter(p -> p.name().equals(documented)).findFirst();
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
   * history-length percentiles.
   *
   * @return every parameter's value by documented name, in canonical form
   * @throws IllegalArgumentException for an unknown name or a value out of range
   */
  public Map<String, String> resolve(Map<String, String> algorithm, Map<String, String> featureTransformation) {
    Map<String, String> resolved = new TreeMap<>();
    parameters.forEach(p -> resolved.put(p.name(), p.defaultValue()));
    for (Map<String, String> given : List.of(algorithm, featureTransformation)) {
      for (Map.Entry<String, String> entry : given.entrySet()) {
        HyperParameter p =
            parameter(entry.getKey())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "Unknown hyperparameter "
                                + entry.getKey()
                                + " for recipe "
                                + name
                                + "; known: "
                                + parameters.stream().map(HyperParameter::name).toList()));
        resolved.put(p.name(), p.check(entry.getValue()));
      }
    }
    return resolved;
  }
}
