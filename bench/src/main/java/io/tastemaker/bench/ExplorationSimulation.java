package io.tastemaker.bench;

import io.tastemaker.core.data.Impressions;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import io.tastemaker.core.userpersonalization.ExplorationSettings;
import io.tastemaker.core.userpersonalization.UserPersonalizationModel;
import io.tastemaker.core.userpersonalization.UserPersonalizationTrainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A simulated shop with a known ground truth, for exploration and impressions. Users have a taste
 * vector, items a vector and a quality; a user shown a slate of items chooses one with the
 * probabilities of a multinomial logit, {@code exp(s_i) / (e^{s_0} + sum_j exp(s_j))} with {@code s_i =
 * SCALE u . v_i + q_i}, or none (the outside option {@code s_0}). An item's metadata is its genre, the
 * largest coordinate of its vector, so metadata tells a new item's audience but not its quality:
 * only showing it does. Every simulated day each user gets one answer of {@link #SLATE} items
 * (items they chose before are filtered out), new items arrive, and the shown items are recorded as
 * impressions; each morning the campaign takes in the new items and the evidence (as the server's
 * automatic update does), and every {@link #RETRAIN_DAYS} days the model is trained again.
 *
 * <p>Reports cumulative clicks per day for exploration weights 0, 0.3 and 0.9, and for weight 0.3
 * without impressions (the impressions are neither trained on nor counted by exploration).
 */
final class ExplorationSimulation {
  static final int USERS = 400;
  static final int DIM = 8;
  static final int INITIAL_ITEMS = 150;
  static final int NEW_PER_DAY = 15;
  static final int HISTORY_DAYS = 15;
  static final int DAYS = 14;
  static final int SLATE = 10;
  static final int RETRAIN_DAYS = 7;
  static final double SCALE = 3;
  static final double OUTSIDE = 3.0;
  static final long DAY = 86_400;
  static final long START = 1_700_000_000L;

  private record Variant(String name, double weight, boolean impressions) {}

  private final SplittableRandom truthRandom = new SplittableRandom(2026);
  private final double[][] users = new double[USERS][];
  private final List<double[]> items = new ArrayList<>();
  private final List<Double> quality = new ArrayList<>();
  private final List<Long> created = new ArrayList<>();

  private ExplorationSimulation() {
    for (int u = 0; u < USERS; u++) {
      users[u] = gaussian(truthRandom, 1 / Math.sqrt(DIM));
    }
  }

  static void run(Map<String, String> overrides) {
    List<Variant> variants = List.of(
        new Variant("weight 0", 0, true), new Variant("weight 0.3", 0.3, true), new Variant("weight 0.9", 0.9, true),
        new Variant("weight 0.3, no impressions", 0.3, false));
    System.out.printf(
        "Exploration simulation: %d users, %d items at the start plus %d new each day, %d days; slates of %d; retrain every %d days, new items and evidence daily%n%n",
        USERS, INITIAL_ITEMS, NEW_PER_DAY, DAYS, SLATE, RETRAIN_DAYS);
    List<int[]> clicks = new ArrayList<>();
    List<int[]> newClicks = new ArrayList<>();
    for (Variant v : variants) {
      long t0 = System.nanoTime();
      int[][] result = new ExplorationSimulation().simulate(v, overrides);
      clicks.add(result[0]);
      newClicks.add(result[1]);
      System.err.printf("%s: %.1f s%n", v.name(), (System.nanoTime() - t0) / 1e9);
    }
    StringBuilder header = new StringBuilder("| day |");
    StringBuilder line = new StringBuilder("|---|");
    for (Variant v : variants) {
      header.append(' ').append(v.name()).append(" |");
      line.append("---|");
    }
    System.out.println("Cumulative clicks (of " + USERS + " answers a day):");
    System.out.println();
    System.out.println(header);
    System.out.println(line);
    for (int d = 0; d < DAYS; d++) {
      StringBuilder row = new StringBuilder("| " + (d + 1) + " |");
      for (int[] c : clicks) {
        row.append(' ').append(c[d]).append(" |");
      }
      System.out.println(row);
    }
    System.out.println();
    System.out.println("Cumulative clicks on items that arrived during the simulation:");
    System.out.println();
    System.out.println(header);
    System.out.println(line);
    for (int d = 0; d < DAYS; d++) {
      StringBuilder row = new StringBuilder("| " + (d + 1) + " |");
      for (int[] c : newClicks) {
        row.append(' ').append(c[d]).append(" |");
      }
      System.out.println(row);
    }
  }

  private void addItems(int n, long time) {
    for (int k = 0; k < n; k++) {
      items.add(gaussian(truthRandom, 1 / Math.sqrt(DIM)));
      quality.add(truthRandom.nextGaussian() * 1.0);
      created.add(time);
    }
  }

  private static double[] gaussian(SplittableRandom random, double scale) {
    double[] v = new double[DIM];
    for (int d = 0; d < DIM; d++) {
      v[d] = random.nextGaussian() * scale;
    }
    return v;
  }

  private static String itemId(int i) {
    return "item-" + i;
  }

  private String genre(int i) {
    double[] v = items.get(i);
    int best = 0;
    for (int d = 1; d < DIM; d++) {
      if (v[d] > v[best]) {
        best = d;
      }
    }
    return "GENRE=g" + best;
  }

  private double utility(int u, int i) {
    double dot = 0;
    for (int d = 0; d < DIM; d++) {
      dot += users[u][d] * items.get(i)[d];
    }
    return SCALE * dot + quality.get(i);
  }

  /** The user's choice from a slate, or -1 for none. */
  private int choose(int u, int[] slate, SplittableRandom random) {
    double[] w = new double[slate.length];
    double total = Math.exp(OUTSIDE);
    for (int k = 0; k < slate.length; k++) {
      w[k] = Math.exp(utility(u, slate[k]));
      total += w[k];
    }
    double r = random.nextDouble() * total;
    for (int k = 0; k < slate.length; k++) {
      r -= w[k];
      if (r < 0) {
        return slate[k];
      }
    }
    return -1;
  }

  private record Choice(int user, int item, long time, int[] shown) {}

  /** Cumulative clicks per day, and cumulative clicks on items new in the simulation. */
  int[][] simulate(Variant variant, Map<String, String> overrides) {
    SplittableRandom behaviour = new SplittableRandom(7);
    addItems(INITIAL_ITEMS, START - 60 * DAY);
    List<Choice> log = new ArrayList<>();
    List<Set<Integer>> chosen = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      chosen.add(new HashSet<>());
    }
    // The history: random slates of the initial items, one a day per user.
    for (int day = 0; day < HISTORY_DAYS; day++) {
      long time = START - (HISTORY_DAYS - day) * DAY;
      for (int u = 0; u < USERS; u++) {
        int[] slate = behaviour.ints(SLATE, 0, INITIAL_ITEMS).distinct().toArray();
        int c = choose(u, slate, behaviour);
        if (c >= 0) {
          log.add(new Choice(u, c, time + u, slate));
          chosen.get(u).add(c);
        }
      }
    }
    int[] cumulative = new int[DAYS];
    int[] cumulativeNew = new int[DAYS];
    int total = 0;
    int totalNew = 0;
    UserPersonalizationModel trained = null;
    UserPersonalizationModel model = null;
    int trainedUpTo = 0;
    ExplorationSettings settings = new ExplorationSettings(variant.weight(), 30);
    for (int day = 0; day < DAYS; day++) {
      long dayStart = START + day * DAY;
      addItems(NEW_PER_DAY, dayStart);
      if (trained == null || day % RETRAIN_DAYS == 0) {
        trained = train(log, variant.impressions(), dayStart, overrides);
        model = trained;
        trainedUpTo = log.size();
      } else {
        // The morning's automatic update, from the trained model: new items from metadata, the evidence since training.
        List<Impressions.Shown> shown = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (Choice c : log.subList(trainedUpTo, log.size())) {
          if (variant.impressions()) {
            shown.add(new Impressions.Shown("u" + c.user(), itemId(c.item()), ids(c.shown()), c.time()));
          } else {
            without.add(itemId(c.item()));
          }
        }
        model = trained.withNewItems(metadata(), allIds(), creation()).withEvidence(new Impressions(shown), without, dayStart);
      }
      for (int u = 0; u < USERS; u++) {
        Set<Integer> seen = chosen.get(u);
        UserPersonalizationModel m = model;
        ItemMask mask = i -> !seen.contains(index(m.items().id(i)));
        UserPersonalizationModel.Explored answer = model.explore(query(model, u, log, trainedUpTo), SLATE, mask, settings, day * 1_000_003L + u);
        int[] slate = java.util.Arrays.stream(answer.ranking().items()).map(i -> index(m.items().id(i))).toArray();
        int c = choose(u, slate, behaviour);
        if (c >= 0) {
          log.add(new Choice(u, c, dayStart + 60 + u, slate));
          seen.add(c);
          total++;
          if (c >= INITIAL_ITEMS) {
            totalNew++;
          }
        }
      }
      cumulative[day] = total;
      cumulativeNew[day] = totalNew;
    }
    return new int[][] {cumulative, cumulativeNew};
  }

  private static int index(String id) {
    return Integer.parseInt(id.substring(5));
  }

  private static List<String> ids(int[] items) {
    List<String> ids = new ArrayList<>();
    for (int i : items) {
      ids.add(itemId(i));
    }
    return ids;
  }

  private List<String> allIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ids.add(itemId(i));
    }
    return ids;
  }

  private Metadata metadata() {
    Map<String, List<String>> features = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      features.put(itemId(i), List.of(genre(i)));
    }
    return Metadata.of(features);
  }

  private Map<String, Long> creation() {
    Map<String, Long> map = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      map.put(itemId(i), created.get(i));
    }
    return map;
  }

  /** The user as the model meets them: choices since its last training as recent events. */
  private static UserQuery query(UserPersonalizationModel model, int u, List<Choice> log, int trainedUpTo) {
    List<Integer> recent = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (Choice c : log.subList(trainedUpTo, log.size())) {
      if (c.user() == u) {
        var index = model.items().indexOf(itemId(c.item()));
        if (index.isPresent()) {
          recent.add(index.getAsInt());
          times.add(c.time());
        }
      }
    }
    History history = new History(recent.stream().mapToInt(Integer::intValue).toArray(), times.stream().mapToLong(Long::longValue).toArray());
    return new UserQuery(Optional.of("u" + u), history);
  }

  private UserPersonalizationModel train(List<Choice> log, boolean impressions, long now, Map<String, String> overrides) {
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    List<Impressions.Shown> shown = new ArrayList<>();
    for (Choice c : log) {
      b.add("u" + c.user(), itemId(c.item()), c.time(), Optional.empty(), Double.NaN);
      if (impressions) {
        shown.add(new Impressions.Shown("u" + c.user(), itemId(c.item()), ids(c.shown()), c.time()));
      }
    }
    Map<String, String> given = new HashMap<>(Map.of("hidden_dimension", "32", "epochs", "5", "bptt", "8", "threads", "2"));
    given.putAll(overrides);
    Map<String, String> hp = RecipeCatalog.byName(RecipeCatalog.USER_PERSONALIZATION).orElseThrow().resolve(given, Map.of());
    TrainingInput input = new TrainingInput(b.build(), hp, 42, metadata(), Metadata.EMPTY, creation(), now, new Impressions(shown));
    return (UserPersonalizationModel) new UserPersonalizationTrainer(RecipeCatalog.USER_PERSONALIZATION).train(input, TrainingMonitor.NONE);
  }
}
