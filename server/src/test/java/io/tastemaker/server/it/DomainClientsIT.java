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
 * The domain getting-started flow through boto3 ({@code boto3_domain.py}) and the Debian AWS CLI v2
 * ({@code aws_cli_domain.sh}): domain dataset groups, domain schemas, ListRecipes by domain, every
 * recommender operation and GetRecommendations with a recommenderArn. The scripts say what they check.
 */
class DomainClientsIT {
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
    assertThat(process.waitFor(15, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("%s failed:%n%s", command, output).isZero();
    return output;
  }

  @Test
  void boto3_follows_the_domain_getting_started_guide() throws Exception {
    String output = run(List.of("python3", Path.of("src/test/python/boto3_domain.py").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 domain: all passed"));
    assertThat(output.lines().filter(line -> line.startsWith("ok ")).count()).isEqualTo(8);
  }

  @Test
  void the_debian_aws_cli_runs_every_recommender_command() throws Exception {
    String output = run(List.of("bash", Path.of("src/test/cli/aws_cli_domain.sh").toString(), server.endpoint().toString()));
    assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("aws cli domain: all passed"));
  }
}
