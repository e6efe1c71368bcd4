package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.core.transformer.TransformerTrainer;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * aws-user-personalization-v2 from 10k to a million items (issue 15): for each catalogue size, the
 * same number of power-law interactions ({@link PowerLawShop}) over a catalogue of that many items,
 * every one of them in the model as an Items dataset would put it (items nobody met are cold rows),
 * trained in process with the recipe's defaults for a few epochs. Printed: seconds per epoch (wall
 * and process CPU), the peak heap in use (sampled, garbage included) and RSS of training, the model file's size, and one user's
 * GetRecommendations scoring on one thread (wall and thread CPU, p50 / p99), a softmax over every item.
 */
final class TransformerScale {
  private static final long SEED = 21;
  private static final int RESULTS = 25;
  private static final int CALLS = 300;
  private static final Pattern EPOCH = Pattern.compile("^epoch (\\d+): .*\\((\\d+(?:\\.\\d+)?) s\\)");

  private TransformerScale() {}

  static void run(List<String> names, Map<String, String> overrides) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String name : names) {
      sizes.add(Math.toIntExact(ScaleBenchmark.items(name)));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(10_000, 100_000, 1_000_000);
    }
    Map<String, String> hp = new HashMap<>(overrides);
    long interactions = ScaleBenchmark.size(hp.getOrDefault("interactions", "2M"));
    hp.remove("interactions");
    hp.putIfAbsent("epochs", "2");
    System.out.printf("aws-user-personalization-v2 at scale: %,d power-law interactions over each catalogue, recipe defaults with %s, %d cores, JVM max heap %,d MB%n%n",
        interactions, hp, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    System.out.println("| Items | users | s per epoch (wall / CPU) | peak heap in use (garbage included) | peak RSS | model | one user p50 / p99 wall | one user p50 / p99 thread CPU | load |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (int items : sizes) {
      System.out.println(measure(items, interactions, hp));
    }
    System.out.println();
    System.out.println("Target (issues 15 and 21): GetRecommendations p99 <= 20 ms on one core at 1M items; training memory fits this machine.");
  }

  private static String measure(int items, long interactions, Map<String, String> overrides) throws Exception {
    InteractionData data = shop(items, interactions);
    Map<String, String> hp = RecipeCatalog.byName(RecipeCatalog.USER_PERSONALIZATION_V2).orElseThrow().resolve(overrides, Map.of());
    System.gc();
    ScaleBenchmark.resetPeakRss();
    AtomicLong peakHeap = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
    List<Double> epochWall = new ArrayList<>();
    List<Double> epochCpu = new ArrayList<>();
    long[] cpuAtEpochStart = {processCpuNanos()};
    TrainingMonitor monitor = new TrainingMonitor() {
      @Override
      public boolean stopRequested() {
        return false;
      }

      @Override
      public void progress(double fraction, String message) {
        Matcher m = EPOCH.matcher(message);
        if (m.find()) {
          long now = processCpuNanos();
          epochWall.add(Double.parseDouble(m.group(2)));
          epochCpu.add((now - cpuAtEpochStart[0]) / 1e9);
          cpuAtEpochStart[0] = now;
          System.err.printf("v2-scale %,d items: %s%n", items, message);
        }
      }
    };
    Recommender model;
    try {
      model = new TransformerTrainer(RecipeCatalog.USER_PERSONALIZATION_V2, RecipeType.USER_PERSONALIZATION).train(new TrainingInput(data, hp, SEED), monitor);
    } finally {
      sampler.shutdownNow();
    }
    long rss = ScaleBenchmark.peakRss();
    long[] size = {0};
    RecipeRegistry.standard().codec().write(model, new OutputStream() {
      @Override
      public void write(int b) {
        size[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        size[0] += len;
      }
    });
    int stride = Math.max(1, data.userCount() / CALLS);
    List<UserQuery> queries = new ArrayList<>(CALLS);
    for (int i = 0; i < CALLS; i++) {
      queries.add(UserQuery.of(data.userId((i * stride) % data.userCount())));
    }
    double[] latency = ModelLatency.wallAndCpu(model, queries, RESULTS, CALLS);
    return String.format("| %s | %,d | %s / %s | %s | %s | %s | %.1f / %.1f ms | %.1f / %.1f ms | %s |", ScaleBenchmark.compact(items), data.userCount(),
        mean(epochWall), mean(epochCpu), ScaleBenchmark.bytes(peakHeap.get()), ScaleBenchmark.bytes(rss), ScaleBenchmark.bytes(size[0]), latency[0], latency[1],
        latency[2], latency[3], ScaleBenchmark.load());
  }

  /** The shop's interactions, over a catalogue that holds all {@code items} (in id order). */
  static InteractionData shop(int items, long interactions) throws Exception {
    List<String> catalogue = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      catalogue.add("i" + i);
    }
    InteractionData.Builder b = new InteractionData.Builder(catalogue);
    Path dir = Files.createTempDirectory("tastemaker-v2-scale");
    try {
      Path csv = dir.resolve("interactions.csv");
      new PowerLawShop(interactions, items, SEED).write(csv);
      try (BufferedReader r = Files.newBufferedReader(csv)) {
        r.readLine();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          int a = line.indexOf(',');
          int z = line.lastIndexOf(',');
          b.add(line.substring(0, a), line.substring(a + 1, z), Long.parseLong(line.substring(z + 1)), Optional.empty(), Double.NaN);
        }
      }
    } finally {
      BenchFiles.deleteTree(dir);
    }
    return b.build();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String mean(List<Double> values) {
    return values.isEmpty() ? "?" : String.format("%.0f", values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
  }
}
