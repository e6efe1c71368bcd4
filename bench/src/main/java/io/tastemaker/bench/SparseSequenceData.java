package io.tastemaker.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes sparse sequence data with a known structure in the ml-1m-sasrec format, so that {@code bench
 * sasrec --data DIR} runs the SASRec protocol on it: 30,000 users, 20,000 items, about 7 actions per
 * user (3 plus a geometric number, mean 4), power-law popularity (Zipf, exponent 1), and sequential
 * dependencies: items fall into 200 clusters of 100, each item has 3 successors in its cluster, and
 * each next action is one of the current item's successors (half the time), an item of the user's
 * home cluster by popularity (30%), or any item by popularity (20%). A user never repeats an item.
 * The full sequences of 3,000 seeded users are the evaluated ones, as 3,261 are on MovieLens-1M.
 */
final class SparseSequenceData {
  static final int USERS = 30_000;
  static final int ITEMS = 20_000;
  static final int CLUSTERS = 200;
  static final int SUCCESSORS = 3;
  static final int EVALUATED = 3_000;
  static final long SEED = 15;
  static final String NAME = "Sparse synthetic (30,000 users, 20,000 items, ~7 actions each)";

  private SparseSequenceData() {}

  /** Writes the data set under {@code dir/ml-1m-sasrec}; returns the total number of actions. */
  static long write(Path dir, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int perCluster = ITEMS / CLUSTERS;
    // Item i + 1 (ids are 1-based) has popularity rank rank[i]; its cluster is i / perCluster.
    int[] rank = new int[ITEMS];
    Arrays.setAll(rank, i -> i);
    shuffle(rank, random);
    double[] weight = new double[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      weight[i] = 1.0 / (rank[i] + 10);
    }
    Cumulative global = new Cumulative(weight, 0, ITEMS);
    Cumulative[] cluster = new Cumulative[CLUSTERS];
    double[] clusterWeight = new double[CLUSTERS];
    for (int c = 0; c < CLUSTERS; c++) {
      cluster[c] = new Cumulative(weight, c * perCluster, (c + 1) * perCluster);
      clusterWeight[c] = cluster[c].total();
    }
    Cumulative clusters = new Cumulative(clusterWeight, 0, CLUSTERS);
    int[][] successors = new int[ITEMS][SUCCESSORS];
    for (int i = 0; i < ITEMS; i++) {
      for (int s = 0; s < SUCCESSORS; s++) {
        successors[i][s] = cluster[i / perCluster].draw(random);
      }
    }
    List<int[]> sequences = new ArrayList<>(USERS);
    long actions = 0;
    for (int u = 0; u < USERS; u++) {
      int home = clusters.draw(random);
      int length = 3;
      while (random.nextDouble() < 0.8) {
        length++;
      }
      int[] seq = new int[length];
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      int current = cluster[home].draw(random);
      for (int p = 0; p < length; p++) {
        int next = current;
        for (int attempt = 0; attempt < 20 && (p == 0 ? false : seen.contains(next)); attempt++) {
          double r = random.nextDouble();
          next = r < 0.5 ? successors[current][random.nextInt(SUCCESSORS)] : r < 0.8 ? cluster[home].draw(random) : global.draw(random);
        }
        if (seen.contains(next)) {
          next = global.draw(random);
          while (seen.contains(next)) {
            next = random.nextInt(ITEMS);
          }
        }
        seen.add(next);
        seq[p] = next;
        current = next;
      }
      sequences.add(seq);
      actions += length;
    }
    int[] users = new int[USERS];
    Arrays.setAll(users, i -> i);
    shuffle(users, random);
    int[] evaluated = Arrays.copyOf(users, EVALUATED);
    Arrays.sort(evaluated);
    Path out = Files.createDirectories(dir.resolve("ml-1m-sasrec"));
    try (Writer train = writer(out.resolve("train_input.txt"));
        Writer test = writer(out.resolve("test_output.txt"));
        Writer exact = writer(out.resolve("exact_sequences_3261_users.txt"))) {
      for (int u = 0; u < USERS; u++) {
        int[] seq = sequences.get(u);
        StringBuilder line = new StringBuilder();
        for (int p = 0; p < seq.length - 2; p++) {
          line.append(p == 0 ? "" : " ").append(seq[p] + 1);
        }
        train.write(line + "\n");
        test.write((seq[seq.length - 1] + 1) + "\n");
      }
      for (int u : evaluated) {
        for (int item : sequences.get(u)) {
          exact.write((u + 1) + " " + (item + 1) + "\n");
        }
      }
    }
    Files.writeString(
        out.resolve("dataset_stats.json"),
        String.format("{\"name\": \"%s\", \"num_users\": %d, \"num_items\": %d, \"num_interactions\": %d, \"seed\": %d}%n", NAME, USERS, ITEMS, actions, seed));
    return actions;
  }

  private static Writer writer(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Draws indices in [from, to) in proportion to their weights. */
  private static final class Cumulative {
    private final double[] sums;
    private final int from;

    Cumulative(double[] weight, int from, int to) {
      this.from = from;
      this.sums = new double[to - from];
      double s = 0;
      for (int i = from; i < to; i++) {
        s += weight[i];
        sums[i - from] = s;
      }
    }

    double total() {
      return sums[sums.length - 1];
    }

    int draw(SplittableRandom random) {
      int k = Arrays.binarySearch(sums, random.nextDouble() * total());
      return from + (k >= 0 ? k : Math.min(sums.length - 1, -k - 1));
    }
  }
}
