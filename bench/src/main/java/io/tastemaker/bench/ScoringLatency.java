package io.tastemaker.bench;

import io.tastemaker.core.hrnn.HrnnModel;
import io.tastemaker.core.hrnn.RandomHrnnModels;
import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import io.tastemaker.core.userpersonalization.RandomUserPersonalizationModels;
import io.tastemaker.core.userpersonalization.UserPersonalizationModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Issue 21's GetRecommendations latency target (p99 at most 20 ms on one core at a million items):
 * one user's {@code recommend} at a time on one thread, on generated aws-hrnn models (hidden size 43,
 * top 25, users with one or two sessions), p50 and p99 of the thread's CPU time (the primary figure:
 * the machine is shared) and of the wall time, from the float table (exact) and with the 8-bit
 * first pass at every size; and how far the latter's answers are from the exact ones. Then
 * aws-user-personalization on the same HRNN: alone, and with a generated transformer expert (the v2
 * network's defaults), whose answers combine both networks' probabilities over every item.
 */
final class ScoringLatency {
  private static final int DIM = 43;
  private static final int RESULTS = 25;
  private static final long SEED = 21;
  private static final int USERS = 400;
  private static final double TARGET_MILLIS = 20;

  private ScoringLatency() {}

  static void run(List<String> names) {
    List<Integer> sizes = new ArrayList<>();
    for (String name : names) {
      sizes.add(Math.toIntExact(ScaleBenchmark.items(name)));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(10_000, 100_000, 1_000_000);
    }
    System.out.printf("Scoring latency: generated aws-hrnn models (hidden size %d), top %d, %d users, one thread, kernels %s%n%n", DIM, RESULTS, USERS,
        Gemm.kernels());
    System.out.println("| Items | Path | p50 / p99 CPU time | p50 / p99 wall | Target p99 CPU | Same top 25 as exact | Max relative score error | "
        + "load before / after |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (int items : sizes) {
      HrnnModel generated = RandomHrnnModels.model(items, DIM, USERS, SEED);
      HrnnModel exact = generated.quantizedAbove(Integer.MAX_VALUE);
      HrnnModel quantized = generated.quantizedAbove(0);
      row(items, "exact (float table)", exact, "-", "-");
      double[] agreement = agreement(exact, quantized);
      row(items, "8-bit first pass, exact rescoring" + (items > HrnnModel.QUANTIZED_ABOVE ? " (served)" : ""), quantized,
          String.format("%.0f of %d users", agreement[0], USERS), String.format("%.1e", agreement[1]));
      for (boolean expert : new boolean[] {false, true}) {
        UserPersonalizationModel up = RandomUserPersonalizationModels.model(items, DIM, USERS, expert, SEED);
        String name = expert ? "aws-user-personalization, HRNN and transformer expert" : "aws-user-personalization, HRNN alone (transformer_expert false)";
        row(items, name, up, "-", "-");
        row(items, name + ", exploration " + ExplorationSettings.DEFAULT.weight(),
            query -> up.explore(query, RESULTS, ItemMask.ALL, ExplorationSettings.DEFAULT, query.userId().orElseThrow().hashCode()));
      }
    }
    System.out.printf("%nThe 8-bit first pass serves catalogues above %,d items; below, answers come from the float table.%n", HrnnModel.QUANTIZED_ABOVE);
  }

  private static void row(int items, String path, Recommender model, String same, String error) {
    row(items, path, query -> model.recommend(query, RESULTS, ItemMask.ALL), same, error);
  }

  private static void row(int items, String path, Consumer<UserQuery> call) {
    row(items, path, call, "-", "-");
  }

  private static void row(int items, String path, Consumer<UserQuery> call, String same, String error) {
    String loadBefore = ScaleBenchmark.load();
    List<UserQuery> queries = new java.util.ArrayList<>(USERS);
    for (int i = 0; i < USERS; i++) {
      queries.add(UserQuery.of("u" + i));
    }
    double[] t = ModelLatency.wallAndCpu(call, queries, USERS);
    System.out.printf("| %s | %s | %.2f / %.2f ms | %.2f / %.2f ms | %.0f ms | %s | %s | %s / %s |%n", ScaleBenchmark.compactItems(items), path, t[2], t[3],
        t[0], t[1], TARGET_MILLIS, same, error, loadBefore, ScaleBenchmark.load());
  }

  /** How many users get the exact top 25 (items and order) from the 8-bit path, and the largest relative difference of a score. */
  private static double[] agreement(HrnnModel exact, HrnnModel quantized) {
    int same = 0;
    double worst = 0;
    for (int u = 0; u < USERS; u++) {
      UserQuery query = UserQuery.of("u" + u);
      Ranking a = exact.recommend(query, RESULTS, ItemMask.ALL);
      Ranking b = quantized.recommend(query, RESULTS, ItemMask.ALL);
      if (Arrays.equals(a.items(), b.items())) {
        same++;
      }
      for (int k = 0; k < Math.min(a.scores().length, b.scores().length); k++) {
        if (a.items()[k] == b.items()[k]) {
          worst = Math.max(worst, Math.abs(a.scores()[k] - b.scores()[k]) / a.scores()[k]);
        }
      }
    }
    return new double[] {same, worst};
  }

}
