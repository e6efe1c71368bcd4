package io.tastemaker.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.testing.MotoServer;
import io.tastemaker.server.testing.RunningServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boto3 runs batch inference jobs for every recipe type from local files and from moto's S3 ({@code boto3_batch.py}). */
class Boto3BatchIT {
  @TempDir Path dir;

  @Test
  void boto3_runs_batch_jobs_whose_lines_match_the_real_time_answers() throws Exception {
    try (MotoServer moto = MotoServer.start()) {
      System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);
      try (RunningServer server = RunningServer.start(RunningServer.config(dir.resolve("data")).withS3Endpoint(Optional.of(moto.endpoint())))) {
        ProcessBuilder builder =
            new ProcessBuilder(List.of("python3", Path.of("src/test/python/boto3_batch.py").toString(), server.endpoint().toString(), moto.endpoint().toString()))
                .redirectErrorStream(true);
        // The script's temporary folder, where it writes what it imports, is in the server's local data folder.
        builder.environment().put("TMPDIR", server.localData().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines()).noneMatch(line -> line.startsWith("FAIL")).anyMatch(line -> line.startsWith("boto3 batch: all"));
      } finally {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
      }
    }
  }
}
