package io.tastemaker.server.solutions;

import com.fasterxml.jackson.databind.JsonNode;
import io.tastemaker.core.data.EventParameters;
import io.tastemaker.core.data.TrainingColumns;
import io.tastemaker.core.schema.DatasetSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a solution's {@code solutionConfig} asks of training besides hyperparameters: the events
 * configuration, the columns and the additional objective, read and checked against the group's
 * schemas.
 *
 * @param events the {@code eventsConfig} event types, empty for every type alike
 * @param columns the {@code trainingDataConfig} columns
 * @param objective the {@code optimizationObjective}, when it is on
 */
public record TrainingSettings(List<EventParameters> events, TrainingColumns columns, Optional<OptimizationObjectiveMember> objective) {
  public TrainingSettings {
    events = List.copyOf(events);
  }

  /**
   * Reads a {@code solutionConfig}.
   *
   * @param schemas the group's schemas by dataset type ({@link GroupSchemas})
   * @param atTraining whether datasets the configuration names must exist now (training) or may come later (CreateSolution)
   * @throws io.tastemaker.server.wire.ApiException InvalidInputException naming the member and the value
   */
  public static TrainingSettings of(JsonNode solutionConfig, Map<String, DatasetSchema> schemas, boolean atTraining) {
    JsonNode config = solutionConfig == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : solutionConfig;
    return new TrainingSettings(
        EventsConfigMember.parse(config.get("eventsConfig"), "solutionConfig.eventsConfig"),
        TrainingDataConfigMember.parse(config.get("trainingDataConfig"), "solutionConfig.trainingDataConfig", schemas, atTraining),
        OptimizationObjectiveMember.parse(
            config.get("optimizationObjective"), "solutionConfig.optimizationObjective", OptimizationObjectiveMember.itemsOf(schemas), atTraining));
  }
}
