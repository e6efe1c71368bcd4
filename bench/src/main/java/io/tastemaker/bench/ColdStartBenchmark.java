package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Cold items on MovieLens-1M: a seeded tenth of the movies is held out of training but stays in the
 * Items dataset (genres, decade). For the users whose next movie is one of them, it measures where
 * the model puts that movie among the cold ones and among all; over every user, how much of the top
 * 10 the cold movies take. aws-hrnn cannot know these movies; aws-hrnn-coldstart scores them from
 * their metadata.
 */
final class ColdStartBenchmark {
  static final List<String> DEFAULT_RECIPES = List.of("aws-hrnn", "aws-hrnn-coldstart");
  /** The share of movies held out of training. */
  static final double COLD_SHARE = 0.1;

  private ColdStartBenchmark() {}

  /** What one recipe achieved. */
  private record Result(
      int coldTargets, double coldHr, double coldNdcg, double fullHr, int coldCount, double coldShareOfTop10, int distinctColdInTop10, double warmSampledHr) {}

  static void run(Path dataDir, List<String> recipes, Map<String, String> overrides, int seeds) throws Exception {
    MovieLens1mSasrec ml = MovieLens1mSasrec.load(dataDir);
    MovieLens1mMetadata metadata = MovieLens1mMetadata.load(dataDir);
    SplittableRandom random = new SplittableRandom(7);
    BitSet cold = new BitSet();
    for (int item = 1; item <= ml.items; item++) {
      if (random.nextDouble() < COLD_SHARE) {
        cold.set(item);
      }
    }
    SasrecProtocol protocol = new SasrecProtocol(ml, SasrecProtocol.NEGATIVE_SEED);
    InteractionData warm = protocol.trainingData(item -> !cold.get(item));
    System.out.printf(
        "MovieLens-1M, SASRec protocol, %d of %d movies held out of training (in the Items dataset only); %,d training interactions; %d seed(s)%n%n",
        cold.cardinality(), ml.items, warm.size(), seeds);
    System.out.println("| Recipe | train s | users with a cold next movie | its HR@10 among cold movies | NDCG@10 among cold | HR@10 among all | cold share of top 10 | distinct cold in top 10 | sampled HR@10, warm next movie |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    RecipeRegistry registry = RecipeRegistry.standard();
    for (String name : recipes) {
      Recipe recipe = RecipeCatalog.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown recipe " + name));
      for (int s = 0; s < seeds; s++) {
        Map<String, String> given = new HashMap<>(overrides);
        given.keySet().removeIf(k -> recipe.parameter(k).isEmpty());
        given.put("seed", Long.toString(42 + s));
        Map<String, String> hp = recipe.resolve(given, Map.of());
        long t0 = System.nanoTime();
        Recommender model =
            registry.trainer(name).orElseThrow().train(new TrainingInput(warm, hp, 42 + s, metadata.items(), metadata.users(), Map.of(), 0), new StderrProgress());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Result r = evaluate(ml, (HrnnModel) model, cold);
        System.out.printf("| %s (seed %d) | %.1f | %d | %.4f | %.4f | %.4f | %.4f | %d of %d | %.4f |%n", name, 42 + s, seconds, r.coldTargets, r.coldHr, r.coldNdcg,
            r.fullHr, r.coldShareOfTop10, r.distinctColdInTop10, r.coldCount, r.warmSampledHr);
      }
    }
    System.out.printf("| Random order of the cold movies | | | %.4f | | | | | |%n", 10.0 / cold.cardinality());
  }

  private static Result evaluate(MovieLens1mSasrec ml, HrnnModel model, BitSet cold) {
    SplittableRandom negatives = new SplittableRandom(2018);
    int coldTargets = 0;
    double coldHr = 0;
    double coldNdcg = 0;
    double fullHr = 0;
    long coldSlots = 0;
    long slots = 0;
    Set<Integer> distinctCold = new HashSet<>();
    int warmTargets = 0;
    double warmHr = 0;
    for (Map.Entry<Integer, int[]> e : new TreeMap<>(ml.exact).entrySet()) {
      int[] seq = e.getValue();
      int target = seq[seq.length - 1];
      double[] scores = SasrecProtocol.scores(model, e.getKey(), seq);
      Set<Integer> history = new HashSet<>();
      for (int p = 0; p < seq.length - 1; p++) {
        history.add(seq[p]);
      }
      List<Integer> top = topTen(ml, model, scores, history);
      for (int item : top) {
        slots++;
        if (cold.get(item)) {
          coldSlots++;
          distinctCold.add(item);
        }
      }
      double targetScore = SasrecProtocol.score(model, scores, target);
      if (cold.get(target)) {
        coldTargets++;
        int coldRank = 0;
        int fullRank = 0;
        for (int item = 1; item <= ml.items; item++) {
          if (item != target && !history.contains(item) && SasrecProtocol.score(model, scores, item) > targetScore) {
            fullRank++;
            if (cold.get(item)) {
              coldRank++;
            }
          }
        }
        if (targetScore > Double.NEGATIVE_INFINITY && coldRank < 10) {
          coldHr++;
          coldNdcg += 1 / (Math.log(coldRank + 2) / Math.log(2));
        }
        if (targetScore > Double.NEGATIVE_INFINITY && fullRank < 10) {
          fullHr++;
        }
      } else {
        warmTargets++;
        int rank = 0;
        Set<Integer> seen = new HashSet<>(history);
        seen.add(target);
        for (int k = 0; k < 100; k++) {
          int negative;
          do {
            negative = 1 + negatives.nextInt(ml.items);
          } while (seen.contains(negative));
          if (SasrecProtocol.score(model, scores, negative) > targetScore) {
            rank++;
          }
        }
        if (rank < 10) {
          warmHr++;
        }
      }
    }
    return new Result(coldTargets, coldHr / coldTargets, coldNdcg / coldTargets, fullHr / coldTargets, cold.cardinality(),
        (double) coldSlots / slots, distinctCold.size(), warmHr / warmTargets);
  }

  /** The ten best-scored movies the user has not seen. */
  private static List<Integer> topTen(MovieLens1mSasrec ml, Recommender model, double[] scores, Set<Integer> history) {
    List<Integer> candidates = new ArrayList<>();
    for (int item = 1; item <= ml.items; item++) {
      if (!history.contains(item) && SasrecProtocol.score(model, scores, item) > Double.NEGATIVE_INFINITY) {
        candidates.add(item);
      }
    }
    candidates.sort((a, b) -> Double.compare(SasrecProtocol.score(model, scores, b), SasrecProtocol.score(model, scores, a)));
    return candidates.subList(0, Math.min(10, candidates.size()));
  }
}
