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

  static void run(Path dataDir, List<String> recipes, Map<String, String> overrides, int seeds) throws Exception {
    MovieLens1mSasrec ml = MovieLens1mSasrec.load(dataDir);
    SasrecProtocol protocol = new SasrecProtocol(ml, SasrecProtocol.NEGATIVE_SEED);
    InteractionData data = protocol.trainingData();
    MovieLens1mMetadata metadata = MovieLens1mMetadata.load(dataDir);
    System.out.printf("MovieLens-1M, SASRec protocol: %d users, %d items, %,d training interactions; %d evaluated users; %d seed(s)%n",
        data.userCount(), data.itemCount(), data.size(), ml.exact.size(), seeds);
    System.out.println();
    System.out.println("| Recipe | seed | train s | sampled HR@10 | sampled NDCG@10 | full HR@10 | full NDCG@10 | returning: sampled HR@10 | NDCG@10 |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
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
          given.put("seed", Long.toString(42 + s));
        }
        Map<String, String> hp = recipe.resolve(given, Map.of());
        long t0 = System.nanoTime();
        Recommender model =
            name.equals(RecipeCatalog.POPULARITY_COUNT)
                ? PopularityTrainer.train(data)
                : registry.trainer(name).orElseThrow().train(new TrainingInput(data, hp, 42 + s, metadata.items(), metadata.users(), Map.of(), 0), new StderrProgress());
        double seconds = (System.nanoTime() - t0) / 1e9;
        SasrecProtocol.Result r = protocol.evaluate(model);
        SasrecProtocol.Result back = protocol.evaluate(model, true);
        System.out.printf("| %s | %d | %.1f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |%n", name, 42 + s, seconds, r.sampledHr(), r.sampledNdcg(), r.fullHr(),
            r.fullNdcg(), back.sampledHr(), back.sampledNdcg());
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
    System.out.println("Mean over seeds, next to the published figures (../shared/docs/benchmarks.md):");
    System.out.println();
    System.out.println("| Model | train s | sampled HR@10 | sampled NDCG@10 | full HR@10 | full NDCG@10 | returning: sampled HR@10 | NDCG@10 |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String[] row : summary) {
      System.out.println("| Tastemaker " + String.join(" | ", row) + " |");
    }
    System.out.println("| Popularity (SASRec paper) | | 0.4329 | 0.2377 | | |");
    System.out.println("| GRU4Rec+ (SASRec paper) | | 0.7501 | 0.5513 | | |");
    System.out.println("| SASRec (SASRec paper; 486 s on a GPU) | | 0.8245 | 0.5905 | 0.2500 | 0.1341 |");
    System.out.println("| SASRec, full softmax loss (Klenitskiy & Vasilev) | | | | 0.3152 | 0.1821 |");
    System.out.println("| Targets (issue 4) | 120 | 0.80 | 0.57 | 0.28 | |");
  }
}
