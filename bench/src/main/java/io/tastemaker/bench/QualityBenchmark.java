package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.popularity.PopularityTrainer;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MovieLens-1M with the SASRec protocol: trains a recipe on {@code seq[:-2]} for several seeds and
 * prints sampled and full-ranking HR@10 and NDCG@10 next to the published figures. Recipes that
 * learn from metadata get MovieLens-1M's genres, decades and demographics.
 */
final class QualityBenchmark {
  private QualityBenchmark() {}

  /** The CPU time of every thread of this process, in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static void run(Path dataDir, List<String> recipes, Map<String, String> overrides, int seeds, int firstSeed) throws Exception {
    MovieLens1mSasrec ml = MovieLens1mSasrec.load(dataDir);
    SasrecProtocol protocol = new SasrecProtocol(ml, SasrecProtocol.NEGATIVE_SEED);
    InteractionData data = protocol.trainingData();
    // Metadata exists for MovieLens-1M only; other data sets in this format train without it.
    MovieLens1mMetadata metadata =
        ml.isMovieLens() ? MovieLens1mMetadata.load(dataDir) : new MovieLens1mMetadata(io.tastemaker.core.data.Metadata.EMPTY, io.tastemaker.core.data.Metadata.EMPTY);
    System.out.printf("%s, SASRec protocol: %d users, %d items, %,d training interactions; %d evaluated users; %d seed(s); %d cores, load %.2f%n",
        ml.name, data.userCount(), data.itemCount(), data.size(), ml.exact.size(), seeds, Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println();
    // On a shared machine the wall time says more about the neighbours than the recipe: CPU seconds too.
    System.out.println("| Data | Recipe | seed | train s | train CPU s | sampled HR@10 | sampled NDCG@10 | full HR@10 | full NDCG@10 | returning: sampled HR@10 | NDCG@10 |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    RecipeRegistry registry = RecipeRegistry.standard();
    List<String[]> summary = new ArrayList<>();
    for (String name : recipes) {
      double[] sums = new double[7];
      int runs = name.equals(RecipeCatalog.POPULARITY_COUNT) ? 1 : seeds;
      for (int s = 0; s < runs; s++) {
        Recipe recipe = RecipeCatalog.byName(name).orElseThrow();
        Map<String, String> given = new HashMap<>(overrides);
        given.keySet().removeIf(k -> recipe.parameter(k).isEmpty());
        if (recipe.parameter("seed").isPresent()) {
          given.put("seed", Long.toString(firstSeed + s));
        }
        Map<String, String> hp = recipe.resolve(given, Map.of());
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        Recommender model =
            name.equals(RecipeCatalog.POPULARITY_COUNT)
                ? PopularityTrainer.train(data)
                : registry.trainer(name).orElseThrow().train(new TrainingInput(data, hp, firstSeed + s, metadata.items(), metadata.users(), Map.of(), 0), new StderrProgress());
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        SasrecProtocol.Result r = protocol.evaluate(model);
        SasrecProtocol.Result back = protocol.evaluate(model, true);
        System.out.printf("| %s | %s | %d | %.1f | %.1f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |%n", ml.name, name, firstSeed + s, seconds, cpuSeconds, r.sampledHr(),
            r.sampledNdcg(), r.fullHr(), r.fullNdcg(), back.sampledHr(), back.sampledNdcg());
        sums[0] += seconds;
        sums[1] += r.sampledHr();
        sums[2] += r.sampledNdcg();
        sums[3] += r.fullHr();
        sums[4] += r.fullNdcg();
        sums[5] += back.sampledHr();
        sums[6] += back.sampledNdcg();
      }
      summary.add(new String[] {
        name, String.format("%.1f", sums[0] / runs), String.format("%.4f", sums[1] / runs), String.format("%.4f", sums[2] / runs),
        String.format("%.4f", sums[3] / runs), String.format("%.4f", sums[4] / runs), String.format("%.4f", sums[5] / runs),
        String.format("%.4f", sums[6] / runs)});
    }
    System.out.println();
    System.out.println(
        ml.isMovieLens()
            ? "Mean over seeds on MovieLens-1M, next to the published figures (../shared/docs/benchmarks.md):"
            : "Mean over seeds on " + ml.name + " (benchmarks.md has published figures for MovieLens-1M only):");
    System.out.println();
    System.out.println("| Data | Model | train s | sampled HR@10 | sampled NDCG@10 | full HR@10 | full NDCG@10 | returning: sampled HR@10 | NDCG@10 |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (String[] row : summary) {
      System.out.println("| " + ml.name + " | Tastemaker " + String.join(" | ", row) + " |");
    }
    if (!ml.isMovieLens()) {
      return;
    }
    String ml1m = "| MovieLens-1M ";
    System.out.println(ml1m + "| Popularity (SASRec paper) | | 0.4329 | 0.2377 | | |");
    System.out.println(ml1m + "| GRU4Rec+ (SASRec paper) | | 0.7501 | 0.5513 | | |");
    System.out.println(ml1m + "| SASRec (SASRec paper; 486 s on a GPU) | | 0.8245 | 0.5905 | 0.2500 | 0.1341 |");
    System.out.println(ml1m + "| SASRec, full softmax loss (Klenitskiy & Vasilev) | | | | 0.3152 | 0.1821 |");
    System.out.println(ml1m + "| Targets (issue 4) | 120 | 0.80 | 0.57 | 0.28 | |");
  }
}
