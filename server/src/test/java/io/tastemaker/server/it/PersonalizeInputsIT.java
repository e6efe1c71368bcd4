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
 * Personalize code and data as published tutorials write them, run unchanged through boto3 and the
 * Debian AWS CLI v2 (issue 14): creates right after their parent's create, CSV files as pandas and
 * spreadsheets write them, the item inside an event's properties, lower-case filter fields, one-type
 * unions, and the member named when a hyperparameter is unknown. The scripts say what they check.
 */
class PersonalizeInputsIT {
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
  void boto3_runs_personalize_code_and_data_unchanged() throws Exception {
    String output = run(List.of("python3", Path.of("src/test/python/boto3_leniency.py").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 leniency: all"));
    assertThat(output.lines().filter(line -> line.startsWith("ok ")).count()).isEqualTo(6);
  }

  @Test
  void the_debian_aws_cli_runs_them_unchanged() throws Exception {
    String output = run(List.of("bash", Path.of("src/test/cli/aws_cli_leniency.sh").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("aws cli leniency: all"));
  }
}
