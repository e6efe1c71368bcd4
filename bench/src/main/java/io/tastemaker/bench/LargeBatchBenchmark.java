package io.tastemaker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.api.Json;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Batch inference on a 1 GB input: ranking lines of 400 MovieLens-1M items each, answered by an
 * aws-personalized-ranking model (one epoch: this measures memory and speed, not quality), while a
 * sampler records the heap the server holds after each garbage collection. A streaming job holds a
 * few blocks of lines, whatever the input's size.
 */
final class LargeBatchBenchmark {
  private static final long TARGET_BYTES = 1L << 30;
  private static final int LIST = 400;

  private LargeBatchBenchmark() {}

  static void run(Path dataDir) throws Exception {
    MovieLens1mSasrec data = MovieLens1mSasrec.load(dataDir);
    Path dir = Files.createTempDirectory("tastemaker-large-batch");
    try (TastemakerServer server = TastemakerServer.start(ServerConfig.defaults(dir.resolve("state")).withPort(0).withLocalDataRoots(List.of(dir)))) {
      HttpApi api = new HttpApi(server.endpoint());
      Path csv = dir.resolve("train.csv");
      data.writeTrainingCsv(csv);
      String group = ApiSteps.group(api, "ml-1m");
      ApiSteps.imported(api, group, "ml-1m", "Interactions", MovieLens1mSasrec.TRAINING_SCHEMA, csv);
      // One epoch: this measures memory and speed, not quality.
      String version = ApiSteps.trainedVersion(api, group, "ranking", "aws-personalized-ranking", Map.of("epochs", "1", "hidden_dimension", "43"));

      Path input = dir.resolve("rankings.json");
      long lines = writeInput(input, data);
      long inputBytes = Files.size(input);
      System.gc();
      long before = liveHeap();
      AtomicLong peak = new AtomicLong(before);
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak.accumulateAndGet(liveHeap(), Math::max);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      ObjectNode request = Json.object().put("jobName", "large").put("solutionVersionArn", version).put("roleArn", "arn:aws:iam::000000000000:role/batch");
      request.putObject("jobInput").putObject("s3DataSource").put("path", input.toString());
      request.putObject("jobOutput").putObject("s3DataDestination").put("path", dir.resolve("out").toString());
      String arn = api.call("CreateBatchInferenceJob", request).get("batchInferenceJobArn").asText();
      api.awaitActive("BatchInferenceJob", arn, Duration.ofMinutes(60));
      sampler.interrupt();
      JsonNode described = api.call("DescribeBatchInferenceJob", Json.object().put("batchInferenceJobArn", arn)).get("batchInferenceJob");
      double seconds = described.get("lastUpdatedDateTime").decimalValue().doubleValue() - described.get("creationDateTime").decimalValue().doubleValue();
      long outputBytes = Files.size(dir.resolve("out").resolve("rankings.json.out"));
      System.out.printf("Large batch benchmark: %d cores, JVM max heap %,d MB%n%n", Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
      System.out.println("| Input | lines | output | job seconds | lines/s | live heap before | live heap peak during the job |");
      System.out.println("|---|---|---|---|---|---|---|");
      System.out.printf("| %,d MB, %d items per ranking line | %,d | %,d MB | %.1f | %,.0f | %,d MB | %,d MB |%n", inputBytes >> 20, LIST, lines, outputBytes >> 20, seconds,
          lines / seconds, before >> 20, peak.get() >> 20);
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  /** Ranking lines of random known items until the file reaches 1 GB. */
  private static long writeInput(Path input, MovieLens1mSasrec data) throws Exception {
    SplittableRandom random = new SplittableRandom(9);
    long lines = 0;
    long bytes = 0;
    try (BufferedWriter w = Files.newBufferedWriter(input)) {
      StringBuilder line = new StringBuilder();
      while (bytes < TARGET_BYTES) {
        line.setLength(0);
        line.append("{\"userId\": \"").append(1 + random.nextInt(data.users())).append("\", \"itemList\": [");
        for (int k = 0; k < LIST; k++) {
          line.append(k == 0 ? "\"" : ", \"").append(1 + random.nextInt(data.items)).append('"');
        }
        line.append("]}\n");
        w.write(line.toString());
        bytes += line.length();
        lines++;
      }
    }
    return lines;
  }

  /** The heap held after the latest collection of each pool: what the program keeps alive. */
  private static long liveHeap() {
    long live = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterGc != null) {
        live += afterGc.getUsed();
      }
    }
    return live;
  }
}
