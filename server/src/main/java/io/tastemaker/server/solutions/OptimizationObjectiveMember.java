package io.tastemaker.server.solutions;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.core.schema.SchemaField;
import io.tastemaker.server.wire.ApiException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code optimizationObjective}: {@code itemAttribute}, a numeric (int, long, float, double)
 * column of the Items dataset, and {@code objectiveSensitivity} LOW, MEDIUM (the default), HIGH or OFF.
 *
 * @param itemAttribute the Items column, as its schema spells it once checked
 * @param strength how far the objective moves training ({@link io.tastemaker.core.data.ItemObjective}):
 *     OFF 0, LOW 0.25, MEDIUM 0.5, HIGH 1 (stronger thinned users' sequences so much that HR@10 fell by a third)
 */
public record OptimizationObjectiveMember(String itemAttribute, double strength) {
  /**
   * The objective, empty when absent, without an item attribute, or OFF.
   *
   * @param where the member's path in errors, such as {@code solutionConfig.optimizationObjective}
   * @param items the Items dataset's schema, where it exists
   * @param datasetRequired whether a missing Items dataset is an error (at training) or is checked later
   */
  public static Optional<OptimizationObjectiveMember> parse(JsonNode objective, String where, Optional<DatasetSchema> items, boolean datasetRequired) {
    if (objective == null || objective.isNull()) {
      return Optional.empty();
    }
    JsonNode attribute = objective.get("itemAttribute");
    String sensitivity = objective.path("objectiveSensitivity").asText("MEDIUM");
    double strength = strength(sensitivity, where + ".objectiveSensitivity");
    if (attribute == null || attribute.isNull()) {
      if (objective.has("objectiveSensitivity") && strength > 0) {
        throw ApiException.invalidInput(where + ".itemAttribute is required with objectiveSensitivity " + sensitivity);
      }
      return Optional.empty();
    }
    String name = attribute.asText();
    if (items.isEmpty()) {
      if (datasetRequired) {
        throw ApiException.invalidInput(where + ".itemAttribute " + name + " must be a numeric column of the Items dataset, but the dataset group has no Items dataset");
      }
      return strength == 0 ? Optional.empty() : Optional.of(new OptimizationObjectiveMember(name, strength));
    }
    Optional<SchemaField> field = TrainingDataConfigMember.fieldOf(items.get(), name);
    if (field.isEmpty()) {
      throw ApiException.invalidInput(
          where + ".itemAttribute " + name + " is not a column of the Items dataset's schema " + items.get().fields().stream().map(SchemaField::name).toList());
    }
    if (!field.get().type().isNumeric() || field.get().name().equals("CREATION_TIMESTAMP")) {
      throw ApiException.invalidInput(
          where + ".itemAttribute " + name + " must be a numeric Items column (int, long, float or double), but it is " + field.get().type().avroName());
    }
    return strength == 0 ? Optional.empty() : Optional.of(new OptimizationObjectiveMember(field.get().name(), strength));
  }

  private static double strength(String sensitivity, String where) {
    return switch (sensitivity) {
      case "OFF" -> 0;
      case "LOW" -> 0.25;
      case "MEDIUM" -> 0.5;
      case "HIGH" -> 1;
      default -> throw ApiException.invalidInput(where + " must be one of LOW, MEDIUM, HIGH, OFF, got " + sensitivity);
    };
  }

  /** The Items schema of a group's schemas by type. */
  public static Optional<DatasetSchema> itemsOf(Map<String, DatasetSchema> schemas) {
    return Optional.ofNullable(schemas.get("ITEMS"));
  }
}
