package io.tastemaker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.ServerConfig;
import io.tastemaker.server.TastemakerServer;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.objects.LocalObjectStore;
import io.tastemaker.server.serving.ModelFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Training at Personalize's scale (issue 21): for each size, a seeded power-law shop ({@link
 * PowerLawShop}) goes through the API of a server in this JVM as a growing shop's would: import,
 * aws-hrnn trained with its defaults (or {@code --set} values), a campaign asked for recommendations,
 * and a batch job; each figure printed next to the issue's.
 *
 * <p>Seconds per epoch come from the trainer's own epoch messages, read from the version's {@code
 * progress} member while it trains; peak RSS is the process's high-water mark ({@code VmHWM}, reset
 * before each size), and the live heap is what the collector kept after its latest collection.
 */
final class ScaleBenchmark {
  /** The issue's measurements, by interactions: import, s/epoch, RSS, model, p50 / p99, batch users/s. */
  private static final Map<Long, String> ISSUE = new LinkedHashMap<>();

  static {
    ISSUE.put(1_000_000L, "0.75M rows/s | 7 | 923 MB | 25 MB | 0.38 / 3.5 ms | 8,410");
    ISSUE.put(5_000_000L, "1.27M rows/s | 128 | 2.2 GB | 123 MB | 0.92 / 4.6 ms | 2,759");
    ISSUE.put(10_000_000L, "1.09M rows/s | 507 | 4.2 GB | 272 MB | 2.6 / 6.4 ms | 896");
  }

  private static final Pattern EPOCH = Pattern.compile("^epoch (\\d+): .*?\\((\\d+(?:\\.\\d+)?) s");
  private static final int RESULTS = 25;
  private static final int REQUESTS = 2_000;
  private static final int BATCH_USERS = 20_000;
  private static final long SEED = 21;

  private ScaleBenchmark() {}

  /** Parses a size such as {@code 1M}, {@code 500k} or {@code 10000000}. */
  static long size(String text) {
    String t = text.trim().toUpperCase(java.util.Locale.ROOT);
    long unit = t.endsWith("M") ? 1_000_000L : t.endsWith("K") ? 1_000L : 1L;
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    try {
      long n = Long.parseLong(digits) * unit;
      if (n < 1_000 || n > 3_000_000_000L) {
        throw new IllegalArgumentException("a size must be in [1k, 3000M] interactions, got " + text);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a size is a number of interactions such as 1M, 500k or 100M, got " + text, e);
    }
  }

  /** Parses a catalogue size such as {@code 20k}, {@code 1M} or {@code 265000}: 1 to 10M items. */
  static long items(String text) {
    String t = text.trim().toUpperCase(java.util.Locale.ROOT);
    long unit = t.endsWith("M") ? 1_000_000L : t.endsWith("K") ? 1_000L : 1L;
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    try {
      long n = Long.parseLong(digits) * unit;
      if (n < 1 || n > 10_000_000L) {
        throw new IllegalArgumentException("a catalogue size must be in [1, 10M] items, got " + text);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a catalogue size is a number of items such as 20k, 265k or 1M, got " + text, e);
    }
  }

  /** A catalogue size as the issue writes it: 20k, 265k, 1M. */
  static String compactItems(long n) {
    return compact(n);
  }

  static void run(List<String> names, Map<String, String> hyperparameters) throws Exception {
    if (!names.isEmpty() && names.get(0).equals("scoring")) {
      ScoringScale.run(names.subList(1, names.size()));
      return;
    }
    if (!names.isEmpty() && names.get(0).equals("latency")) {
      ScoringLatency.run(names.subList(1, names.size()));
      return;
    }
    List<Long> sizes = new ArrayList<>();
    for (String name : names) {
      sizes.add(size(name));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(1_000_000L, 10_000_000L);
    }
    // Without --add-modules jdk.incubator.vector the kernels fall back to scalar code, about 1.7x slower an epoch: say which ran.
    System.out.printf("Scale benchmark: power-law shops through the API, aws-hrnn %s, %d cores, JVM max heap %,d MB, kernels %s%n%n",
        hyperparameters.isEmpty() ? "defaults" : hyperparameters.toString(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        io.tastemaker.core.kernel.Gemm.kernels());
    System.out.println("| Interactions x items | Import | Seconds per epoch | Training s (epochs) | Peak RSS | Peak live heap (B/interaction) | Model | "
        + "GetRecommendations p50 / p99 | Batch users/s | load before / after | Issue: import, s/epoch, RSS, model, p50 / p99, batch |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    // Not a hyperparameter: seconds between the full collections of a LiveHeapSampler, to find where the live heap peaks.
    Map<String, String> knobs = new LinkedHashMap<>(hyperparameters);
    String every = knobs.remove("live_heap_seconds");
    double liveHeapSeconds = every == null ? 0 : Double.parseDouble(every);
    for (long n : sizes) {
      System.out.println(measure(n, knobs, liveHeapSeconds));
    }
  }

  private static String measure(long n, Map<String, String> hyperparameters, double liveHeapSeconds) throws Exception {
    String loadBefore = load();
    PowerLawShop shop = PowerLawShop.sized(n, SEED);
    Path dir = Files.createTempDirectory("tastemaker-scale");
    try {
      Path csv = dir.resolve("interactions.csv");
      long users = shop.write(csv);
      System.err.printf("scale: %,d interactions, %,d users, %,d items written (%,d MB)%n", n, users, shop.items(), Files.size(csv) >> 20);
      System.gc();
      resetPeakRss();
      AtomicLong peakHeap = new AtomicLong();
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peakHeap.accumulateAndGet(liveHeap(), Math::max);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "scale-heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
      LiveHeapSampler fullCollections = liveHeapSeconds > 0 ? new LiveHeapSampler(liveHeapSeconds) : null;
      Path state = dir.resolve("state");
      try (TastemakerServer server = TastemakerServer.start(ServerConfig.defaults(state).withPort(0).withLocalDataRoots(List.of(dir)))) {
        HttpApi api = new HttpApi(server.endpoint());
        String group = ApiSteps.group(api, "scale");
        String dataset = ApiSteps.dataset(api, group, "scale", "Interactions", PowerLawShop.SCHEMA);
        ObjectNode job = Json.object().put("jobName", "scale-import").put("datasetArn", dataset);
        job.putObject("dataSource").put("dataLocation", csv.toUri().toString());
        String importJob = api.call("CreateDatasetImportJob", job).get("datasetImportJobArn").asText();
        api.awaitActive("DatasetImportJob", importJob, Duration.ofHours(2));
        double importSeconds = jobSeconds(api.call("DescribeDatasetImportJob", Json.object().put("datasetImportJobArn", importJob)).get("datasetImportJob"));

        ObjectNode request = Json.object().put("name", "scale").put("datasetGroupArn", group).put("recipeArn", "arn:aws:personalize:::recipe/aws-hrnn");
        if (!hyperparameters.isEmpty()) {
          ObjectNode knobs = request.putObject("solutionConfig").putObject("algorithmHyperParameters");
          hyperparameters.forEach(knobs::put);
        }
        String solution = api.call("CreateSolution", request).get("solutionArn").asText();
        api.awaitActive("Solution", solution, ApiSteps.QUICK);
        String version = api.call("CreateSolutionVersion", Json.object().put("solutionArn", solution)).get("solutionVersionArn").asText();
        Map<Integer, Double> epochs = awaitTrained(api, version, Duration.ofHours(12));
        double trainingSeconds = jobSeconds(api.call("DescribeSolutionVersion", Json.object().put("solutionVersionArn", version)).get("solutionVersion"));
        long modelBytes = new LocalObjectStore(state.resolve("objects")).size(ModelFiles.keyFor(version));

        String campaign = ApiSteps.campaign(api, "scale", version);
        double[] latency = latency(api, campaign, users);
        double batchRate = batch(api, dir, version, users);
        sampler.interrupt();
        if (fullCollections != null) {
          fullCollections.close();
          LiveHeapSampler.Sample peak = fullCollections.peak();
          if (peak != null) {
            System.out.printf("Live heap after full collections every %.0f s: peak %s (%.0f B/interaction) at %.0f s, in %s%n",
                liveHeapSeconds, bytes(peak.liveBytes()), (double) peak.liveBytes() / n, peak.seconds(), peak.phase());
          }
        }
        double perEpoch = epochs.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return String.format("| %s x %s | %.2fM rows/s | %.1f | %.0f (%d) | %s | %s (%.0f) | %s | %.2f / %.2f ms | %,.0f | %s / %s | %s |",
            compact(n), compact(shop.items()), n / importSeconds / 1e6, perEpoch, trainingSeconds, epochs.size(), bytes(peakRss()), bytes(peakHeap.get()),
            (double) peakHeap.get() / n, bytes(modelBytes), latency[0], latency[1], batchRate, loadBefore, load(), ISSUE.getOrDefault(n, "-"));
      } finally {
        sampler.interrupt();
        if (fullCollections != null) {
          fullCollections.close();
        }
      }
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  /** Waits for the version to be ACTIVE, collecting each epoch's seconds from its progress messages. */
  private static Map<Integer, Double> awaitTrained(HttpApi api, String version, Duration limit) throws IOException, InterruptedException {
    Map<Integer, Double> epochs = new LinkedHashMap<>();
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      JsonNode v = api.call("DescribeSolutionVersion", Json.object().put("solutionVersionArn", version)).get("solutionVersion");
      String status = v.path("status").asText();
      Matcher m = EPOCH.matcher(v.path("progress").path("message").asText(""));
      if (m.find() && epochs.putIfAbsent(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2))) == null) {
        System.err.println("scale: " + v.path("progress").path("message").asText());
      }
      if (status.equals("ACTIVE")) {
        return epochs;
      }
      if (status.startsWith("CREATE FAILED") || status.equals("CREATE STOPPED")) {
        throw new IllegalStateException(version + " is " + status + ": " + v.path("failureReason").asText());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(version + " is still " + status + " after " + limit.toHours() + " hours");
      }
      Thread.sleep(200);
    }
  }

  /** GetRecommendations over HTTP, one request at a time, each for another user; p50 and p99 in ms. */
  private static double[] latency(HttpApi api, String campaign, long users) throws IOException, InterruptedException {
    SplittableRandom random = new SplittableRandom(SEED);
    long[] nanos = new long[REQUESTS];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < REQUESTS; i++) {
        String user = "u" + random.nextLong(users);
        long t0 = System.nanoTime();
        api.recommendations(campaign, user, RESULTS);
        nanos[i] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(nanos);
    return new double[] {nanos[(REQUESTS - 1) / 2] / 1e6, nanos[(int) Math.ceil(REQUESTS * 0.99) - 1] / 1e6};
  }

  /** A batch job of up to 20,000 users, 25 items each; users per second of the job's own time. */
  private static double batch(HttpApi api, Path dir, String version, long users) throws IOException, InterruptedException {
    Path input = dir.resolve("users.json");
    long lines = Math.min(users, BATCH_USERS);
    try (BufferedWriter w = Files.newBufferedWriter(input)) {
      for (long u = 0; u < lines; u++) {
        w.write("{\"userId\": \"u" + u + "\"}\n");
      }
    }
    ObjectNode request = Json.object().put("jobName", "scale-batch").put("solutionVersionArn", version).put("numResults", RESULTS)
        .put("roleArn", "arn:aws:iam::000000000000:role/batch");
    request.putObject("jobInput").putObject("s3DataSource").put("path", input.toString());
    request.putObject("jobOutput").putObject("s3DataDestination").put("path", dir.resolve("out").toString());
    String arn = api.call("CreateBatchInferenceJob", request).get("batchInferenceJobArn").asText();
    api.awaitActive("BatchInferenceJob", arn, Duration.ofHours(2));
    return lines / jobSeconds(api.call("DescribeBatchInferenceJob", Json.object().put("batchInferenceJobArn", arn)).get("batchInferenceJob"));
  }

  private static double jobSeconds(JsonNode resource) {
    return resource.get("lastUpdatedDateTime").decimalValue().doubleValue() - resource.get("creationDateTime").decimalValue().doubleValue();
  }

  /** Resets the process's peak RSS (Linux: writing 5 to clear_refs); elsewhere the peak stays since start. */
  static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | UnsupportedOperationException e) {
      System.err.println("scale: cannot reset the peak RSS (" + e.getMessage() + "); it counts from the JVM's start");
    }
  }

  static long peakRss() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  static long liveHeap() {
    long live = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterGc != null) {
        live += afterGc.getUsed();
      }
    }
    return live;
  }

  static String load() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static String compact(long n) {
    return n >= 1_000_000 && n % 100_000 == 0 ? (n % 1_000_000 == 0 ? n / 1_000_000 + "M" : String.format("%.1fM", n / 1e6))
        : n >= 1_000 ? Math.round(n / 1e3) + "k" : Long.toString(n);
  }

  static String bytes(long b) {
    return b < 0 ? "?" : b >= 1L << 30 ? String.format("%.1f GB", b / (double) (1L << 30)) : String.format("%,d MB", b >> 20);
  }
}
