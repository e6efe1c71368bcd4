package io.tastemaker.core.nextbestaction;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.InteractionFilter;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.csv.CsvImporter;
import io.tastemaker.core.sample.PlantedActions;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.training.TrainingInput;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link PlantedActions}' CSVs read through the importer, as a training input. */
final class PlantedActionData {
  static final String INTERACTIONS =
      """
      {"type":"record","name":"Interactions","fields":[{"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},
        {"name":"EVENT_TYPE","type":"string"},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}""";
  static final String ACTIONS =
      """
      {"type":"record","name":"Actions","fields":[{"name":"ACTION_ID","type":"string"},{"name":"VALUE","type":["null","long"]},
        {"name":"EXPIRATION_TIMESTAMP","type":["null","long"]},{"name":"REPEAT_FREQUENCY","type":["null","int"]}],"version":"1.0"}""";
  static final String ACTION_INTERACTIONS =
      """
      {"type":"record","name":"ActionInteractions","fields":[{"name":"USER_ID","type":"string"},{"name":"ACTION_ID","type":"string"},
        {"name":"EVENT_TYPE","type":"string"},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}""";

  private PlantedActionData() {}

  static TrainingInput input(PlantedActions planted, Path dir, Map<String, String> hyperparameters) throws Exception {
    List<Segment> interactions = read(planted.writeInteractions(dir.resolve("interactions.csv")), INTERACTIONS, DatasetType.INTERACTIONS);
    ActionCatalog catalog = ActionCatalog.of(read(planted.writeActions(dir.resolve("actions.csv")), ACTIONS, DatasetType.ACTIONS), Map.of());
    ActionEvents events =
        ActionEvents.of(read(planted.writeActionInteractions(dir.resolve("action-interactions.csv")), ACTION_INTERACTIONS, DatasetType.ACTION_INTERACTIONS), List.of(), catalog);
    InteractionData data = InteractionData.fromSegments(interactions, InteractionFilter.ALL);
    return new TrainingInput(data, hyperparameters, 42).withActions(new ActionData(catalog, events));
  }

  static List<Segment> read(Path file, String schema, DatasetType type) throws Exception {
    List<Segment> segments = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      new CsvImporter(AvroSchemaParser.parse(schema), type).importFile(file.getFileName().toString(), in, segments::add);
    }
    return segments;
  }
}
