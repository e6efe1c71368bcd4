package io.tastemaker.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WireModelTest {
  private final WireModel model = WireModel.load();

  @Test
  void the_bundled_model_serves_the_legacy_control_plane() {
    assertThat(model.controlOperation("CreateSchema")).isPresent();
    assertThat(model.controlOperation("StopSolutionVersionCreation")).isPresent();
    assertThat(model.controlOperation("CreateRecommender")).isEmpty();
    assertThat(model.isUnsupported("CreateRecommender")).isTrue();
    assertThat(model.operations()).hasSize(47 + 2 + 3);
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

  private static String bundled() throws IOException {
    try (InputStream in = WireModel.class.getResourceAsStream("personalize.model")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
