package io.tastemaker.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A seeded shop of power-law data, as a growing shop's interactions look: item popularity is
 * Zipf-like, and each user walks a random item graph (mostly to a neighbour of the last item, now
 * and then to a popular item), in sessions separated by days. Written as an Interactions CSV
 * ({@code USER_ID,ITEM_ID,TIMESTAMP}) one user after another, so any size streams to disk.
 *
 * @param interactions rows to write
 * @param items catalogue size
 * @param seed all randomness
 */
record PowerLawShop(long interactions, int items, long seed) {
  static final String SCHEMA =
      """
      {"type": "record", "name": "Interactions", "namespace": "com.amazonaws.personalize.schema", "fields": [
        {"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"}, {"name": "TIMESTAMP", "type": "long"}],
       "version": "1.0"}""";

  /** Zipf exponent of item popularity. */
  private static final double EXPONENT = 0.9;
  /** Neighbours per item in the walk's graph. */
  private static final int NEIGHBOURS = 10;
  /** The chance that a step follows the graph rather than jumping to a popular item. */
  private static final double FOLLOW = 0.7;
  /** Mean interactions per user. */
  static final int MEAN_HISTORY = 50;

  PowerLawShop {
    if (interactions < 1 || items < NEIGHBOURS + 1) {
      throw new IllegalArgumentException("a shop needs at least 1 interaction and " + (NEIGHBOURS + 1) + " items, got " + interactions + " and " + items);
    }
  }

  /**
   * A catalogue that grows with the data as the shops did (1M interactions over 20k items,
   * 5M over 96k, 10M over 265k), up to Personalize's 750k items per model of the custom recipes,
   * interpolated on log scales.
   */
  static PowerLawShop sized(long interactions, long seed) {
    double[][] anchors = {{1e6, 20_000}, {5e6, 96_000}, {1e7, 265_000}, {1e8, 750_000}};
    double items;
    if (interactions <= anchors[0][0]) {
      items = anchors[0][1] * interactions / anchors[0][0];
    } else {
      int k = 0;
      while (k < anchors.length - 2 && interactions > anchors[k + 1][0]) {
        k++;
      }
      double t = Math.log(interactions / anchors[k][0]) / Math.log(anchors[k + 1][0] / anchors[k][0]);
      items = Math.exp(Math.log(anchors[k][1]) + Math.min(1, t) * Math.log(anchors[k + 1][1] / anchors[k][1]));
    }
    return new PowerLawShop(interactions, (int) Math.max(NEIGHBOURS + 1, Math.round(items)), seed);
  }

  /** Writes the CSV and returns the number of users in it. */
  long write(Path csv) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    double[] cumulative = new double[items];
    double total = 0;
    for (int i = 0; i < items; i++) {
      total += Math.pow(i + 1, -EXPONENT);
      cumulative[i] = total;
    }
    int[] graph = new int[items * NEIGHBOURS];
    for (int i = 0; i < graph.length; i++) {
      graph[i] = popular(cumulative, random);
    }
    long written = 0;
    long users = 0;
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      out.write("USER_ID,ITEM_ID,TIMESTAMP\n");
      StringBuilder line = new StringBuilder(64);
      while (written < interactions) {
        // Exponential lengths with a floor of two: most users are short, a few very long.
        long length = Math.min(interactions - written, 2 + Math.round(-(MEAN_HISTORY - 2) * Math.log(1 - random.nextDouble())));
        long time = 1_600_000_000L + random.nextInt(30 * 86_400);
        int item = popular(cumulative, random);
        for (long k = 0; k < length; k++) {
          line.setLength(0);
          line.append('u').append(users).append(",i").append(item).append(',').append(time).append('\n');
          out.write(line.toString());
          time += random.nextDouble() < 0.1 ? 86_400 + random.nextInt(4 * 86_400) : 30 + random.nextInt(600);
          item = random.nextDouble() < FOLLOW ? graph[item * NEIGHBOURS + random.nextInt(NEIGHBOURS)] : popular(cumulative, random);
        }
        written += length;
        users++;
      }
    }
    return users;
  }

  private int popular(double[] cumulative, SplittableRandom random) {
    double u = random.nextDouble() * cumulative[items - 1];
    int lo = 0;
    int hi = items - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
