package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.RunningServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boto3 trains and serves aws-semantic-similarity from the Items dataset alone and checks its answers ({@code boto3_semantic_similarity.py}). */
class Boto3SemanticSimilarityIT {
  @TempDir Path dir;

  @Test
  void boto3_trains_and_serves_aws_semantic_similarity() throws Exception {
    try (RunningServer server = RunningServer.start(RunningServer.config(dir.resolve("data")))) {
      ProcessBuilder builder =
          new ProcessBuilder(List.of("python3", Path.of("src/test/python/boto3_semantic_similarity.py").toString(), server.endpoint().toString())).redirectErrorStream(true);
      // The script writes the files it imports into the server's local data folder.
      builder.environment().put("TMPDIR", server.localData().toString());
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 semantic similarity: all"));
    }
  }
}
