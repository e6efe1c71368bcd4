package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.GenreShop;
import io.tastemaker.server.testing.RunningServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python and shell clients of the test suite, run against a live server: boto3 through the
 * whole workflow, through every recipe's serving rules and through the business rules, and runs of
 * the Debian AWS CLI v2 through the workflow, through promotions and {@code $LATEST} deployments, and
 * through batch segment jobs (as boto3 does too).
 */
class ClientScriptsIT {
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    server = RunningServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The scripts write the files they import into their temporary folders: make those the server's local data folder.
    builder.environment().put("TMPDIR", server.localData().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("%s failed:%n%s", command, output).isZero();
    return output;
  }

  @Test
  void boto3_drives_the_whole_workflow() throws Exception {
    String output = run(List.of("python3", Path.of("src/test/python/boto3_control_plane.py").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("ok"));
  }

  @Test
  void boto3_serves_every_recipe_by_its_rules() throws Exception {
    String output = run(List.of("python3", Path.of("src/test/python/boto3_recipes.py").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 recipes: all"));
  }

  @Test
  void boto3_streams_events_that_answers_follow_at_once() throws Exception {
    String output = run(List.of("python3", Path.of("src/test/python/boto3_events.py").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 events: all"));
  }

  @Test
  void boto3_applies_the_runtimes_business_rules() throws Exception {
    String output = run(List.of("python3", Path.of("src/test/python/boto3_business_rules.py").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 business rules: all"));
  }

  @Test
  void boto3_trains_user_personalization_with_impressions_and_exploration() throws Exception {
    String output = run(List.of("python3", Path.of("src/test/python/boto3_user_personalization.py").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 user-personalization: all"));
  }

  @Test
  void the_debian_aws_cli_v2_trains_user_personalization_and_explores() throws Exception {
    String output = run(List.of("bash", Path.of("src/test/cli/aws_cli_user_personalization.sh").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("aws cli user-personalization: all steps passed"));
  }

  @Test
  void the_debian_aws_cli_v2_applies_promotions_and_deploys_the_latest_version() throws Exception {
    String output = run(List.of("bash", Path.of("src/test/cli/aws_cli_rules.sh").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("ok"));
  }

  @Test
  void boto3_runs_batch_segment_jobs() throws Exception {
    String output = run(List.of("python3", Path.of("src/test/python/boto3_segments.py").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 segments: all"));
  }

  @Test
  void the_debian_aws_cli_v2_trains_and_asks_aws_semantic_similarity() throws Exception {
    String output = run(List.of("bash", Path.of("src/test/cli/aws_cli_semantic.sh").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("aws cli semantic: all steps passed"));
  }

  @Test
  void the_debian_aws_cli_v2_runs_batch_segment_jobs() throws Exception {
    String output = run(List.of("bash", Path.of("src/test/cli/aws_cli_segments.sh").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("aws cli segments: all steps passed"));
  }

  @Test
  void the_python_clients_use_the_same_genre_shop_as_the_java_tests(@TempDir Path dir) throws Exception {
    Path python = Files.createDirectories(dir.resolve("python"));
    Path java = Files.createDirectories(dir.resolve("java"));
    run(List.of("python3", Path.of("src/test/python/workflow_data.py").toString(), "genre-shop", python.toString()));
    GenreShop shop = GenreShop.generate();
    shop.writeInteractions(java.resolve("interactions.csv"));
    GenreShop.writeItems(java.resolve("items.csv"));
    shop.writeUsers(java.resolve("users.csv"));
    for (String file : List.of("interactions.csv", "items.csv", "users.csv")) {
      assertThat(python.resolve(file)).as(file).hasSameBinaryContentAs(java.resolve(file));
    }
  }

  @Test
  void the_debian_aws_cli_v2_drives_the_workflow() throws Exception {
    String output = run(List.of("bash", Path.of("src/test/cli/aws_cli_smoke.sh").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("ok"));
  }
}
