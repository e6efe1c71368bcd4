package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.InteractionFilter;
import io.tastemaker.core.data.Segment;
import io.tastemaker.core.data.csv.CsvImporter;
import io.tastemaker.core.hrnn.HrnnTrainer;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import io.tastemaker.core.schema.AvroSchemaParser;
import io.tastemaker.core.schema.DatasetType;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.core.training.TrainingStopped;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a training batch costs with sparse and with dense updates, on the same power-law shop in the
 * same JVM, taking turns so that a shared machine's load falls on both alike: aws-hrnn's defaults,
 * timed from the first to the last of a fixed number of batches, and the seconds an epoch of that
 * many batches per interaction would take.
 */
final class UpdateCost {
  private static final int ROUNDS = 2;

  private UpdateCost() {}

  static void run(List<String> names, Map<String, String> overrides) throws Exception {
    long n = names.isEmpty() ? 10_000_000L : ScaleBenchmark.size(names.get(0));
    int batches = Integer.parseInt(overrides.getOrDefault("batches", "200"));
    PowerLawShop shop = PowerLawShop.sized(n, 21);
    Path dir = Files.createTempDirectory("tastemaker-update-cost");
    InteractionData data;
    try {
      Path csv = dir.resolve("interactions.csv");
      shop.write(csv);
      List<Segment> segments = new ArrayList<>();
      try (InputStream in = Files.newInputStream(csv)) {
        new CsvImporter(AvroSchemaParser.parse(PowerLawShop.SCHEMA), DatasetType.INTERACTIONS).importFile(csv.toString(), in, segments::add);
      }
      data = InteractionData.fromSegments(segments, InteractionFilter.ALL);
    } finally {
      BenchFiles.deleteTree(dir);
    }
    Map<String, String> hp = RecipeCatalog.byName(RecipeCatalog.HRNN).orElseThrow().resolve(Map.of(), Map.of());
    TrainingInput input = new TrainingInput(data, hp, 1);
    HrnnTrainer sparse = new HrnnTrainer(RecipeCatalog.HRNN, RecipeType.USER_PERSONALIZATION);
    HrnnTrainer dense = sparse.withDenseUpdates();
    double perEpoch = data.size() / 1024.0;
    System.out.printf("Update cost: %,d interactions x %,d items, aws-hrnn defaults (batch 32 x bptt 32), %d batches per run, %d cores%n%n", data.size(),
        data.itemCount(), batches, Runtime.getRuntime().availableProcessors());
    System.out.println("| Updates | round | ms per batch | seconds per epoch (about " + Math.round(perEpoch) + " batches) | load |");
    System.out.println("|---|---|---|---|---|");
    for (int round = 1; round <= ROUNDS; round++) {
      for (boolean isSparse : new boolean[] {false, true}) {
        double ms = time(isSparse ? sparse : dense, input, batches);
        System.out.printf("| %s | %d | %.1f | %.0f | %s |%n", isSparse ? "sparse" : "dense", round, ms, ms * perEpoch / 1000,
            Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
      }
    }
  }

  /** Milliseconds per batch over batches 2 to {@code batches + 1}, the first one starting the clock. */
  private static double time(HrnnTrainer trainer, TrainingInput input, int batches) {
    long[] clock = new long[2];
    int[] seen = new int[1];
    TrainingMonitor counter = new TrainingMonitor() {
      @Override
      public boolean stopRequested() {
        seen[0]++;
        if (seen[0] == 1) {
          clock[0] = System.nanoTime();
        }
        if (seen[0] > batches) {
          clock[1] = System.nanoTime();
          return true;
        }
        return false;
      }

      @Override
      public void progress(double fraction, String message) {}
    };
    try {
      trainer.train(input, counter);
      throw new IllegalStateException("training ended before " + batches + " batches");
    } catch (TrainingStopped expected) {
      return (clock[1] - clock[0]) / 1e6 / batches;
    }
  }
}
