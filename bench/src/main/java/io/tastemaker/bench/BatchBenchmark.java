package io.tastemaker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.api.Json;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;

/**
 * Batch inference speed: MovieLens-1M (all 6,040 users, as ml-1m-sasrec holds them) imported and
 * aws-hrnn trained with its defaults through the API, then batch jobs asking 25 scored items for
 * every user: once (6,040 lines) and ten times over in one file (60,400 lines). The rate is lines
 * over the job's own time, from its creation to ACTIVE as the server stamps them.
 */
final class BatchBenchmark {
  private static final int RESULTS = 25;
  private static final int TARGET = 10_000;
  private static final Duration QUICK = Duration.ofMinutes(5);

  private BatchBenchmark() {}

  static void run(Path dataDir) throws Exception {
    MovieLens1mSasrec data = MovieLens1mSasrec.load(dataDir);
    Path dir = Files.createTempDirectory("tastemaker-batch-bench");
    try (TastemakerServer server = TastemakerServer.start(ServerConfig.defaults(dir.resolve("state")).withPort(0).withLocalDataRoots(List.of(dir)))) {
      HttpApi api = new HttpApi(server.endpoint());
      Path csv = dir.resolve("train.csv");
      data.writeTrainingCsv(csv);
      String group = ApiSteps.group(api, "ml-1m");
      ApiSteps.imported(api, group, "ml-1m", "Interactions", MovieLens1mSasrec.TRAINING_SCHEMA, csv);
      String version = ApiSteps.trainedVersion(api, group, "hrnn", "aws-hrnn", Map.of());

      System.out.printf("Batch inference benchmark: MovieLens-1M, %d users, aws-hrnn defaults, %d scored items per line, %d cores%n%n", data.users(), RESULTS,
          Runtime.getRuntime().availableProcessors());
      System.out.println("| Job | lines | job seconds (created to ACTIVE) | lines per second | target |");
      System.out.println("|---|---|---|---|---|");
      for (int copies : new int[] {1, 10}) {
        Path input = dir.resolve("users-x" + copies + ".json");
        try (BufferedWriter w = Files.newBufferedWriter(input)) {
          for (int c = 0; c < copies; c++) {
            for (int u = 1; u <= data.users(); u++) {
              w.write("{\"userId\": \"" + u + "\"}\n");
            }
          }
        }
        ObjectNode request = Json.object().put("jobName", "all-users-x" + copies).put("solutionVersionArn", version).put("numResults", RESULTS)
            .put("roleArn", "arn:aws:iam::000000000000:role/batch");
        request.putObject("jobInput").putObject("s3DataSource").put("path", input.toString());
        request.putObject("jobOutput").putObject("s3DataDestination").put("path", dir.resolve("out-x" + copies).toString());
        String arn = api.call("CreateBatchInferenceJob", request).get("batchInferenceJobArn").asText();
        api.awaitActive("BatchInferenceJob", arn, QUICK);
        JsonNode described = api.call("DescribeBatchInferenceJob", Json.object().put("batchInferenceJobArn", arn)).get("batchInferenceJob");
        double seconds = seconds(described.get("lastUpdatedDateTime")) - seconds(described.get("creationDateTime"));
        long lines = Files.lines(dir.resolve("out-x" + copies).resolve(input.getFileName() + ".out")).count();
        System.out.printf("| all users x%d | %,d | %.2f | %,.0f | %,d |%n", copies, lines, seconds, lines / seconds, TARGET);
      }
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  private static double seconds(JsonNode epochSeconds) {
    return epochSeconds.decimalValue().doubleValue();
  }
}
