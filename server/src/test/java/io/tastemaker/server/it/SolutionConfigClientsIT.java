package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.RunningServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The solution configuration through boto3 ({@code boto3_solution_config.py}: eventsConfig,
 * trainingDataConfig, optimizationObjective, performAutoTraining and UpdateSolution) and the Debian
 * AWS CLI v2 2.9.19 ({@code aws_cli_solution_config.sh}: the optimizationObjective it models). The
 * scripts say what they check.
 */
class SolutionConfigClientsIT {
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
  void boto3_sends_every_solution_option_and_update_solution() throws Exception {
    String output = run(List.of("python3", Path.of("src/test/python/boto3_solution_config.py").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 solution config: all"));
    assertThat(output.lines().filter(line -> line.startsWith("ok ")).count()).isEqualTo(3);
  }

  @Test
  void the_debian_aws_cli_sends_the_optimization_objective() throws Exception {
    String output = run(List.of("bash", Path.of("src/test/cli/aws_cli_solution_config.sh").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("aws cli solution config: all"));
  }
}
