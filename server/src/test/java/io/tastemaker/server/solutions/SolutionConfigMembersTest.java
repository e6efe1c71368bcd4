package io.tastemaker.server.solutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tastemaker.core.data.EventParameters;
import io.tastemaker.core.data.TrainingColumns;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetSchema;
import io.tastemaker.server.wire.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SolutionConfigMembersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DatasetSchema ITEMS = AvroSchemaParser.parse("""
      {"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[
        {"name":"ITEM_ID","type":"string"},
        {"name":"GENRES","type":["null","string"],"categorical":true},
        {"name":"PRICE","type":"float"},
        {"name":"CREATION_TIMESTAMP","type":"long"}],"version":"1.0"}""");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void events_config_reads_types_thresholds_and_weights() {
    List<EventParameters> p = EventsConfigMember.parse(
        json("{\"eventParametersList\":[{\"eventType\":\"click\",\"weight\":0.2},{\"eventType\":\"watch\",\"eventValueThreshold\":0.5}]}"), "solutionConfig.eventsConfig");
    assertThat(p).containsExactly(new EventParameters("click", OptionalDouble.empty(), 0.2), new EventParameters("watch", OptionalDouble.of(0.5), 1));
    assertThat(EventsConfigMember.parse(null, "x")).isEmpty();
  }

  @Test
  void bad_events_config_is_refused_naming_the_member_and_value() {
    String where = "solutionConfig.eventsConfig";
    assertThatThrownBy(() -> EventsConfigMember.parse(json("{\"eventParametersList\":[{\"eventType\":\"a\",\"weight\":1.5}]}"), where))
        .isInstanceOf(ApiException.class).hasMessage(where + ".eventParametersList[0].weight must be a number from 0 to 1, got 1.5");
    assertThatThrownBy(() -> EventsConfigMember.parse(json("{\"eventParametersList\":[{\"eventType\":\"a\"},{\"eventType\":\"a\"}]}"), where))
        .hasMessageContaining("eventParametersList[1].eventType lists a a second time");
    assertThatThrownBy(() -> EventsConfigMember.parse(json("{\"eventParametersList\":[{\"weight\":0.5}]}"), where))
        .hasMessageContaining("eventParametersList[0].eventType is required");
    assertThatThrownBy(() -> EventsConfigMember.parse(json("{\"eventParametersList\":[{\"eventType\":\"a\",\"weight\":0}]}"), where))
        .hasMessageContaining("every event type weight 0");
  }

  @Test
  void columns_must_be_in_the_schema_and_the_id_columns_stay() {
    String where = "solutionConfig.trainingDataConfig";
    TrainingColumns c = TrainingDataConfigMember.parse(json("{\"excludedDatasetColumns\":{\"ITEMS\":[\"genres\"]}}"), where, Map.of("ITEMS", ITEMS), true);
    assertThat(c.uses("ITEMS", "GENRES")).isFalse();
    assertThatThrownBy(() -> TrainingDataConfigMember.parse(json("{\"excludedDatasetColumns\":{\"ITEMS\":[\"COLOUR\"]}}"), where, Map.of("ITEMS", ITEMS), false))
        .hasMessage(where + ".excludedDatasetColumns.ITEMS names COLOUR, which is not a column of the ITEMS dataset's schema [ITEM_ID, GENRES, PRICE, CREATION_TIMESTAMP]");
    assertThatThrownBy(() -> TrainingDataConfigMember.parse(json("{\"includedDatasetColumns\":{\"Things\":[\"A\"]}}"), where, Map.of(), false))
        .hasMessage(where + ".includedDatasetColumns takes the dataset types INTERACTIONS, ITEMS and USERS as keys, got Things");
    assertThatThrownBy(() -> TrainingDataConfigMember.parse(json("{\"excludedDatasetColumns\":{\"ITEMS\":[\"ITEM_ID\"]}}"), where, Map.of("ITEMS", ITEMS), false))
        .hasMessageContaining("cannot exclude ITEM_ID");
    // A dataset not made yet is checked when training starts.
    assertThat(TrainingDataConfigMember.parse(json("{\"excludedDatasetColumns\":{\"USERS\":[\"AGE\"]}}"), where, Map.of(), false).uses("USERS", "AGE")).isFalse();
    assertThatThrownBy(() -> TrainingDataConfigMember.parse(json("{\"excludedDatasetColumns\":{\"USERS\":[\"AGE\"]}}"), where, Map.of(), true))
        .hasMessage(where + ".excludedDatasetColumns.USERS names columns of a USERS dataset, but the dataset group has none");
  }

  @Test
  void the_objective_needs_a_numeric_items_column() {
    String where = "solutionConfig.optimizationObjective";
    assertThat(OptimizationObjectiveMember.parse(json("{\"itemAttribute\":\"price\",\"objectiveSensitivity\":\"HIGH\"}"), where, Optional.of(ITEMS), true))
        .contains(new OptimizationObjectiveMember("PRICE", 1));
    assertThat(OptimizationObjectiveMember.parse(json("{\"itemAttribute\":\"PRICE\"}"), where, Optional.of(ITEMS), true).orElseThrow().strength()).isEqualTo(0.5);
    assertThat(OptimizationObjectiveMember.parse(json("{\"itemAttribute\":\"PRICE\",\"objectiveSensitivity\":\"OFF\"}"), where, Optional.of(ITEMS), true)).isEmpty();
    assertThatThrownBy(() -> OptimizationObjectiveMember.parse(json("{\"itemAttribute\":\"GENRES\"}"), where, Optional.of(ITEMS), true))
        .hasMessage(where + ".itemAttribute GENRES must be a numeric Items column (int, long, float or double), but it is string");
    assertThatThrownBy(() -> OptimizationObjectiveMember.parse(json("{\"itemAttribute\":\"REVENUE\"}"), where, Optional.of(ITEMS), true))
        .hasMessageContaining(where + ".itemAttribute REVENUE is not a column of the Items dataset's schema");
    assertThatThrownBy(() -> OptimizationObjectiveMember.parse(json("{\"itemAttribute\":\"PRICE\"}"), where, Optional.empty(), true))
        .hasMessageContaining("the dataset group has no Items dataset");
  }
}
