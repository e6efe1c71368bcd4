package io.tastemaker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.SparkSettings;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.api.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch inference job of a million user lines (MovieLens-1M's 6,040 users over and over, 25
 * scored items each, aws-hrnn with one epoch) run by the server in process, then by the same
 * server restarted with {@code --spark-master local[N]} (the Spark application in a child JVM):
 * each job's own time (created to ACTIVE, as the server stamps it) and CPU seconds (this process's,
 * plus its reaped children's for Spark), and whether the two {@code .out} files are the same bytes.
 */
final class SparkBatchBenchmark {
  private static final int RESULTS = 25;
  private static final Duration LIMIT = Duration.ofMinutes(60);

  private SparkBatchBenchmark() {}

  /**
   * @param classpath Spark's jars and tastemaker-spark's, as {@code --spark-classpath} takes them
   */
  static void run(Path dataDir, String classpath, Map<String, String> overrides) throws Exception {
    int users = Integer.parseInt(overrides.getOrDefault("users", "1000000"));
    String master = overrides.getOrDefault("master", "local[" + Runtime.getRuntime().availableProcessors() + "]");
    MovieLens1mSasrec data = MovieLens1mSasrec.load(dataDir);
    Path dir = Files.createTempDirectory("tastemaker-spark-bench");
    try {
      ServerConfig config = ServerConfig.defaults(dir.resolve("state")).withPort(0).withLocalDataRoots(List.of(dir));
      Path input = Files.createDirectories(dir.resolve("in")).resolve("users.json");
      try (BufferedWriter w = Files.newBufferedWriter(input)) {
        for (int k = 0; k < users; k++) {
          w.write("{\"userId\": \"" + (k % data.users() + 1) + "\"}\n");
        }
      }
      String version;
      Run inProcess;
      try (TastemakerServer server = TastemakerServer.start(config)) {
        HttpApi api = new HttpApi(server.endpoint());
        Path csv = dir.resolve("train.csv");
        data.writeTrainingCsv(csv);
        String group = ApiSteps.group(api, "ml-1m");
        ApiSteps.imported(api, group, "ml-1m", "Interactions", MovieLens1mSasrec.TRAINING_SCHEMA, csv);
        // One epoch: this measures the batch job, not the model's quality.
        version = ApiSteps.trainedVersion(api, group, "hrnn", "aws-hrnn", Map.of("epochs", "1"));
        inProcess = job(api, version, input, dir.resolve("out-in-process"));
      }
      Run spark;
      try (TastemakerServer server = TastemakerServer.start(config.withSpark(Optional.of(new SparkSettings(master, classpath))))) {
        spark = job(new HttpApi(server.endpoint()), version, input, dir.resolve("out-spark"));
      }
      boolean same = sha256(dir.resolve("out-in-process").resolve("users.json.out")).equals(sha256(dir.resolve("out-spark").resolve("users.json.out")));
      System.out.printf("Spark batch benchmark: %,d user lines (MovieLens-1M users), aws-hrnn 1 epoch, %d scored items, %d cores, Spark %s, load %.1f%n%n",
          users, RESULTS, Runtime.getRuntime().availableProcessors(), master, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println("| Job | job seconds (created to ACTIVE) | CPU seconds | users per second |");
      System.out.println("|---|---|---|---|");
      System.out.printf("| in process | %.1f | %.1f | %,.0f |%n", inProcess.seconds, inProcess.cpuSeconds, users / inProcess.seconds);
      System.out.printf("| Spark %s (child JVM) | %.1f | %.1f | %,.0f |%n", master, spark.seconds, spark.cpuSeconds, users / spark.seconds);
      System.out.printf("%nSpark / in process: %.2f of the rate; .out files %s%n", inProcess.seconds / spark.seconds, same ? "identical (SHA-256)" : "DIFFERENT");
      if (!same) {
        System.exit(1);
      }
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  private record Run(double seconds, double cpuSeconds) {}

  private static Run job(HttpApi api, String version, Path input, Path output) throws Exception {
    ObjectNode request = Json.object().put("jobName", "million-" + output.getFileName()).put("solutionVersionArn", version).put("numResults", RESULTS)
        .put("roleArn", "arn:aws:iam::000000000000:role/batch");
    request.putObject("jobInput").putObject("s3DataSource").put("path", input.getParent().toString());
    request.putObject("jobOutput").putObject("s3DataDestination").put("path", output.toString());
    double cpuBefore = cpuSeconds();
    String arn = api.call("CreateBatchInferenceJob", request).get("batchInferenceJobArn").asText();
    api.awaitActive("BatchInferenceJob", arn, LIMIT);
    double cpu = cpuSeconds() - cpuBefore;
    JsonNode described = api.call("DescribeBatchInferenceJob", Json.object().put("batchInferenceJobArn", arn)).get("batchInferenceJob");
    double seconds = described.get("lastUpdatedDateTime").decimalValue().doubleValue() - described.get("creationDateTime").decimalValue().doubleValue();
    return new Run(seconds, cpu);
  }

  /** This process's CPU seconds plus those of its children that have exited (the Spark JVM), from /proc. */
  private static double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    // The fields after the command name (which may hold spaces) start at field 3.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = 0;
    for (int field = 14; field <= 17; field++) {
      ticks += Long.parseLong(fields[field - 3]);
    }
    // Linux reports these in USER_HZ, 100 a second on every common kernel.
    return ticks / 100.0;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
