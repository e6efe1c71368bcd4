package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.core.trending.LiveTrending;
import io.tastemaker.core.trending.TrendingModel;
import io.tastemaker.core.trending.TrendingTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code bench trending}: a shop whose 500 items keep a Zipf-shaped share of 3,000 interactions an
 * hour, and 5 planted items that nobody wanted (one interaction each in the first hour) and then
 * double their hourly interactions from 1 up to 400. aws-trending-now (1 hour windows) is trained on
 * the first 24 hours, then every later hour is streamed into its live counts; after each hour it is
 * asked for its top 10, and so is plain popularity (every interaction counted, as
 * aws-popularity-count). The figure is how many hours after the rise began each first shows one,
 * and all five, of the rising items in its top 10.
 */
final class TrendingBenchmark {
  private static final int STEADY_ITEMS = 500;
  private static final int RISING_ITEMS = 5;
  private static final int PER_HOUR = 3_000;
  private static final int TRAINED_HOURS = 24;
  private static final int STREAMED_HOURS = 24;
  private static final int RISING_CAP = 400;
  private static final long HOUR = 3600;
  private static final long START = 1_700_000_000L / HOUR * HOUR;

  private TrendingBenchmark() {}

  static void run(int seeds) {
    System.out.printf(
        "bench trending: %d steady items (Zipf, %,d interactions an hour), %d items rising from hour %d (1, 2, 4 ... up to %d an hour); top 10 after each streamed hour%n",
        STEADY_ITEMS, PER_HOUR, RISING_ITEMS, TRAINED_HOURS, RISING_CAP);
    System.out.printf("%-5s %-26s %-26s %-26s %-26s%n", "seed", "trending: first rising", "trending: all five", "popularity: first rising", "popularity: all five");
    double[] sums = new double[4];
    int[] counted = new int[4];
    for (int seed = 1; seed <= seeds; seed++) {
      int[] hours = once(seed);
      System.out.printf("%-5d %-26s %-26s %-26s %-26s%n", seed, label(hours[0]), label(hours[1]), label(hours[2]), label(hours[3]));
      for (int k = 0; k < 4; k++) {
        if (hours[k] > 0) {
          sums[k] += hours[k];
          counted[k]++;
        }
      }
    }
    System.out.printf("%-5s %-26s %-26s %-26s %-26s%n", "mean", mean(sums[0], counted[0], seeds), mean(sums[1], counted[1], seeds), mean(sums[2], counted[2], seeds),
        mean(sums[3], counted[3], seeds));
  }

  /** Hours after the rise began until trending shows one and all rising items, then the same for popularity; 0 for never. */
  static int[] once(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] cumulative = zipf(STEADY_ITEMS);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < STEADY_ITEMS; i++) {
      ids.add("item-" + i);
    }
    for (int r = 0; r < RISING_ITEMS; r++) {
      ids.add("rising-" + r);
    }
    int[] counts = new int[ids.size()];
    InteractionData.Builder trained = new InteractionData.Builder(List.of());
    int user = 0;
    for (int h = 0; h < TRAINED_HOURS; h++) {
      for (int e = 0; e < PER_HOUR; e++) {
        int item = steadyItem(cumulative, random);
        trained.add("u" + user++, ids.get(item), START + h * HOUR + random.nextLong(HOUR), Optional.of("Watch"), Double.NaN);
        counts[item]++;
      }
    }
    for (int r = 0; r < RISING_ITEMS; r++) {
      trained.add("u" + user++, ids.get(STEADY_ITEMS + r), START + random.nextLong(HOUR), Optional.of("Watch"), Double.NaN);
      counts[STEADY_ITEMS + r]++;
    }
    Map<String, String> parameters =
        RecipeCatalog.byName(RecipeCatalog.TRENDING_NOW).orElseThrow().resolve(Map.of(), Map.of("trend_discovery_frequency", "1h"));
    TrendingModel model = new TrendingTrainer().train(new TrainingInput(trained.build(), parameters, seed), TrainingMonitor.NONE);
    LiveTrending live = model.live();
    int[] found = new int[4];
    for (int k = 0; k < STREAMED_HOURS; k++) {
      long hourStart = START + (TRAINED_HOURS + k) * HOUR;
      for (int e = 0; e < PER_HOUR; e++) {
        int item = steadyItem(cumulative, random);
        live.record(ids.get(item), hourStart + random.nextLong(HOUR));
        counts[item]++;
      }
      int risingPerHour = (int) Math.min(RISING_CAP, 1L << Math.min(k, 30));
      for (int r = 0; r < RISING_ITEMS; r++) {
        for (int e = 0; e < risingPerHour; e++) {
          live.record(ids.get(STEADY_ITEMS + r), hourStart + random.nextLong(HOUR));
          counts[STEADY_ITEMS + r]++;
        }
      }
      // Asked at the start of the next hour: the hour just streamed is the newest window either way.
      Ranking trending = live.recommend(UserQuery.of("anyone"), 10, ItemMask.ALL);
      int byTrend = rising(trending.items());
      int byCount = rising(topByCount(counts, 10));
      note(found, 0, byTrend >= 1, k + 1);
      note(found, 1, byTrend == RISING_ITEMS, k + 1);
      note(found, 2, byCount >= 1, k + 1);
      note(found, 3, byCount == RISING_ITEMS, k + 1);
    }
    return found;
  }

  private static void note(int[] found, int slot, boolean reached, int hours) {
    if (reached && found[slot] == 0) {
      found[slot] = hours;
    }
  }

  private static int rising(int[] items) {
    return (int) Arrays.stream(items).filter(i -> i >= STEADY_ITEMS).count();
  }

  /** The indices of the n most counted items, ties by index, as a popularity count ranks them. */
  static int[] topByCount(int[] counts, int n) {
    return java.util.stream.IntStream.range(0, counts.length).boxed()
        .sorted((a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b))
        .limit(n).mapToInt(Integer::intValue).toArray();
  }

  private static double[] zipf(int n) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / (i + 1);
      cumulative[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
    return cumulative;
  }

  private static int steadyItem(double[] cumulative, SplittableRandom random) {
    int at = Arrays.binarySearch(cumulative, random.nextDouble());
    return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
  }

  private static String label(int hours) {
    return hours == 0 ? "not within " + STREAMED_HOURS + " h" : hours + " h";
  }

  private static String mean(double sum, int counted, int seeds) {
    return counted == seeds ? String.format("%.1f h", sum / counted) : counted + " of " + seeds + " seeds";
  }
}
