package io.tastemaker.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WireModelTest {
  private final WireModel model = WireModel.load();

  @Test
  void the_bundled_model_serves_the_legacy_control_plane_and_recommenders() {
    assertThat(model.controlOperation("CreateSchema")).isPresent();
    assertThat(model.controlOperation("StopSolutionVersionCreation")).isPresent();
    assertThat(model.controlOperation("CreateRecommender")).isPresent();
    assertThat(model.isUnsupported("CreateRecommender")).isFalse();
    assertThat(model.controlOperation("UpdateSolution")).isPresent();
    assertThat(model.controlOperation("CreateBatchSegmentJob")).isPresent();
    // The data lifecycle (issue 18): dataset exports 3, data deletions 3, UpdateDataset, metric attributions 6; batch segment jobs 3.
    // Next-Best-Action: PutActions, PutActionInteractions and GetActionRecommendations.
    assertThat(model.operations()).hasSize(48 + 7 + 13 + 3 + 2 + 3 + 3);
  }

  @Test
  void runtime_and_events_are_bound_to_their_paths() {
    assertThat(model.route("POST", "/recommendations").orElseThrow().name()).isEqualTo("GetRecommendations");
    assertThat(model.route("POST", "/personalize-ranking").orElseThrow().name()).isEqualTo("GetPersonalizedRanking");
    assertThat(model.route("POST", "/events").orElseThrow().protocol()).isEqualTo(Protocol.REST_JSON_1);
    assertThat(model.route("GET", "/events")).isEmpty();
  }

  @Test
  void names_carry_personalize_constraints() {
    Shape name = model.shape("control", "Name");
    assertThat(name.min().getAsDouble()).isEqualTo(1);
    assertThat(name.max().getAsDouble()).isEqualTo(63);
    assertThat(name.pattern().orElseThrow().pattern()).isEqualTo("^[a-zA-Z0-9][a-zA-Z0-9\\-_]*");
  }

  @Test
  void documented_limits_missing_from_the_service_model_are_added() {
    assertThat(model.shape("runtime", "NumResults").max().getAsDouble()).isEqualTo(500);
    assertThat(model.shape("runtime", "InputList").max().getAsDouble()).isEqualTo(500);
  }

  @Test
  void the_bundled_model_is_what_the_generator_writes_from_botocore() throws Exception {
    Path generator = Path.of("..", "tools", "gen_wire_model.py");
    Process process = new ProcessBuilder("python3", generator.toString()).redirectErrorStream(false).start();
    String generated = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    assertThat(generated).isEqualTo(bundled());
    assertThat(Files.exists(generator)).isTrue();
  }

  @Test
  void operations_carry_the_errors_their_model_lists() {
    assertThat(model.controlOperation("ListDatasetGroups").orElseThrow().errors()).containsExactly(ErrorType.INVALID_NEXT_TOKEN);
    assertThat(model.controlOperation("CreateSchema").orElseThrow().errors())
        .containsExactlyInAnyOrder(ErrorType.INVALID_INPUT, ErrorType.RESOURCE_ALREADY_EXISTS, ErrorType.LIMIT_EXCEEDED);
    assertThat(model.route("POST", "/events").orElseThrow().errors()).containsExactly(ErrorType.INVALID_INPUT);
  }

  @Test
  void an_error_the_model_does_not_list_is_answered_as_the_operations_invalid_input() {
    OperationSpec putEvents = model.route("POST", "/events").orElseThrow();
    assertThat(putEvents.answered(ErrorType.RESOURCE_NOT_FOUND)).isEqualTo(ErrorType.INVALID_INPUT);
    assertThat(putEvents.answered(ErrorType.INVALID_INPUT)).isEqualTo(ErrorType.INVALID_INPUT);
    OperationSpec createSchema = model.controlOperation("CreateSchema").orElseThrow();
    assertThat(createSchema.answered(ErrorType.RESOURCE_IN_USE)).isEqualTo(ErrorType.INVALID_INPUT);
    assertThat(createSchema.answered(ErrorType.LIMIT_EXCEEDED)).isEqualTo(ErrorType.LIMIT_EXCEEDED);
  }

  @Test
  void list_operations_without_invalid_input_answer_a_malformed_request_with_invalid_next_token() {
    for (String list : List.of("ListDatasetGroups", "ListSchemas")) {
      OperationSpec op = model.controlOperation(list).orElseThrow();
      assertThat(op.answered(ErrorType.INVALID_INPUT)).as(list).isEqualTo(ErrorType.INVALID_NEXT_TOKEN);
    }
  }

  @Test
  void protocol_errors_are_answered_by_every_operation() {
    for (OperationSpec op : model.operations()) {
      for (ErrorType protocol : List.of(ErrorType.SERIALIZATION, ErrorType.UNKNOWN_OPERATION, ErrorType.REQUEST_TOO_LARGE, ErrorType.INTERNAL_FAILURE)) {
        assertThat(op.answered(protocol)).isEqualTo(protocol);
      }
    }
  }

  @Test
  void every_modeled_error_any_operation_answers_is_one_it_lists() {
    for (OperationSpec op : model.operations()) {
      for (ErrorType type : ErrorType.values()) {
        if (type.modeled()) {
          assertThat(op.errors()).as(op.name() + " answering " + type).contains(op.answered(type));
        }
      }
    }
  }

  @Test
  void an_operation_without_listed_errors_is_refused() {
    assertThatThrownBy(() -> WireModel.parse(List.of("service control awsJson1_1", "op X XRequest", "shape XRequest structure")))
        .hasMessageContaining("lists no errors=");
    assertThatThrownBy(() -> WireModel.parse(List.of("service control awsJson1_1", "op X XRequest errors=NoSuchException", "shape XRequest structure")))
        .hasMessageContaining("unknown error type NoSuchException");
  }

  private static String bundled() throws IOException {
    try (InputStream in = WireModel.class.getResourceAsStream("personalize.model")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
