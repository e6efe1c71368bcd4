package io.tastemaker.bench;

import io.tastemaker.core.affinity.AffinityModel;
import io.tastemaker.core.affinity.AffinityTrainer;
import io.tastemaker.core.affinity.SegmentEvaluation;
import io.tastemaker.core.affinity.UserSegment;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code tastemaker bench segments}: aws-item-affinity and aws-item-attribute-affinity on
 * MovieLens-100K (ratings of 4 and 5, genres as Items metadata), on the split GetSolutionMetrics
 * uses for them (each user's newest 20% held out). Item segments: for every item, the N users
 * most likely to watch it among those who have not yet, scored by the share of the held-out
 * (user, item) pairs whose user is in the item's segment, against the most active users. Genre
 * segments: for every genre, the N users most likely to watch one of its movies next, scored by
 * the share of the users with a held-out movie of the genre that the segment holds, against the
 * most active users and against the users who watched the most of the genre in training.
 */
final class SegmentBenchmark {
  private SegmentBenchmark() {}

  static void run(Path data, Map<String, String> overrides, int seeds) throws Exception {
    MovieLens100k ml = MovieLens100k.load(data);
    SegmentEvaluation.Split split = SegmentEvaluation.Split.of(ml.interactions);
    InteractionData train = split.train();
    System.out.printf("MovieLens-100K, ratings 4-5: %d users, %d items, %d train and %d held-out interactions%n", train.userCount(), train.itemCount(),
        train.size(), split.test().values().stream().mapToInt(List::size).sum());
    for (int seed = 1; seed <= seeds; seed++) {
      Map<String, String> p = new LinkedHashMap<>(RecipeCatalog.byName(RecipeCatalog.ITEM_AFFINITY).orElseThrow().resolve(Map.of(), Map.of()));
      p.putAll(overrides);
      p.put("seed", Integer.toString(seed));
      long started = System.nanoTime();
      AffinityModel model = new AffinityTrainer(RecipeCatalog.ITEM_AFFINITY)
          .train(new TrainingInput(train, RecipeCatalog.byName(RecipeCatalog.ITEM_AFFINITY).orElseThrow().resolve(p, Map.of()), seed, ml.items,
              io.tastemaker.core.data.Metadata.EMPTY, Map.of(), 0), TrainingMonitor.NONE);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("seed %d: trained in %.1f s (%s)%n", seed, seconds, p);
      Truth truth = Truth.of(split, model);
      for (int n : new int[] {25, 100}) {
        System.out.printf("  item segments of %3d: held-out pairs found  model %.4f   most active users %.4f%n", n, itemHits(model, truth, n, false),
            itemHits(model, truth, n, true));
      }
      for (int n : new int[] {50, 100}) {
        double[] genre = genreRecall(model, truth, ml, n);
        System.out.printf("  genre segments of %3d: genre's next viewers found  model %.4f   most active %.4f   most of the genre %.4f%n", n, genre[0], genre[1], genre[2]);
      }
    }
  }

  /** Per item (model index): training users [0] and held-out users [1], as model user indices. */
  private record Truth(Map<Integer, BitSet[]> byItem, int[] activity) {
    static Truth of(SegmentEvaluation.Split split, AffinityModel model) {
      Map<Integer, BitSet[]> byItem = new TreeMap<>();
      InteractionData train = split.train();
      int[] activity = new int[model.userCount()];
      for (int u = 0; u < train.userCount(); u++) {
        int user = model.userIndexOf(train.userId(u)).orElseThrow();
        activity[user] = train.historyLength(u);
        for (int k = train.start(u); k < train.end(u); k++) {
          int item = model.items().indexOf(train.itemId(train.item(k))).orElseThrow();
          byItem.computeIfAbsent(item, x -> new BitSet[] {new BitSet(), new BitSet()})[0].set(user);
        }
      }
      split.test().forEach((userId, items) -> {
        int user = model.userIndexOf(userId).orElseThrow();
        for (String id : items) {
          int item = model.items().indexOf(id).orElseThrow();
          byItem.computeIfAbsent(item, x -> new BitSet[] {new BitSet(), new BitSet()})[1].set(user);
        }
      });
      return new Truth(byItem, activity);
    }
  }

  /** The share of held-out (user, item) pairs, the user new to the item, found in the item's segment of n. */
  private static double itemHits(AffinityModel model, Truth truth, int n, boolean byActivity) {
    long found = 0;
    long pairs = 0;
    for (Map.Entry<Integer, BitSet[]> e : truth.byItem().entrySet()) {
      BitSet trained = e.getValue()[0];
      BitSet held = (BitSet) e.getValue()[1].clone();
      held.andNot(trained);
      if (held.isEmpty()) {
        continue;
      }
      int[] segment = byActivity ? top(truth.activity(), n, trained) : model.segment(e.getKey(), n, user -> !trained.get(user)).users();
      for (int user : segment) {
        if (held.get(user)) {
          found++;
        }
      }
      pairs += held.cardinality();
    }
    return (double) found / pairs;
  }

  /** For each genre, the share of users with a held-out movie of it that its segment of n holds: model, activity, genre count. */
  private static double[] genreRecall(AffinityModel model, Truth truth, MovieLens100k ml, int n) {
    Map<String, List<Integer>> genres = new TreeMap<>();
    for (int item = 0; item < model.items().size(); item++) {
      int i = item;
      ml.items.featuresOf(model.items().id(item)).ifPresent(features -> {
        for (int f : features) {
          genres.computeIfAbsent(ml.items.vocabulary().get(f), x -> new ArrayList<>()).add(i);
        }
      });
    }
    double[] sums = new double[3];
    int counted = 0;
    for (Map.Entry<String, List<Integer>> g : genres.entrySet()) {
      BitSet viewers = new BitSet();
      int[] genreCount = new int[model.userCount()];
      for (int item : g.getValue()) {
        BitSet[] users = truth.byItem().get(item);
        if (users != null) {
          viewers.or(users[1]);
          users[0].stream().forEach(u -> genreCount[u]++);
        }
      }
      if (viewers.cardinality() < 10) {
        continue;
      }
      int[] items = g.getValue().stream().mapToInt(Integer::intValue).toArray();
      UserSegment segment = model.segment(items, n, user -> true);
      int[][] segments = {segment.users(), top(truth.activity(), n, new BitSet()), top(genreCount, n, new BitSet())};
      for (int s = 0; s < 3; s++) {
        int hits = 0;
        for (int user : segments[s]) {
          if (viewers.get(user)) {
            hits++;
          }
        }
        sums[s] += (double) hits / Math.min(n, viewers.cardinality());
      }
      counted++;
    }
    for (int s = 0; s < 3; s++) {
      sums[s] /= counted;
    }
    return sums;
  }

  /** The n users with the largest counts, leaving out some; ties to the smaller index. */
  private static int[] top(int[] counts, int n, BitSet excluded) {
    TopK top = new TopK(n);
    for (int u = 0; u < counts.length; u++) {
      if (!excluded.get(u)) {
        top.offer(u, counts[u]);
      }
    }
    return top.drainIndices(null);
  }
}
