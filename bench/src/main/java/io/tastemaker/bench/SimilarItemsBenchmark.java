package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.eval.SolutionEvaluation;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * aws-similar-items against aws-sims on cold items (issue 16): on a generated shop whose items belong
 * to planted groups (some items cold, known from a noisy categorical field and a description only),
 * and on MovieLens-100K with a tenth of the movies made cold (their ratings held out but for 0 to 4).
 * For the cold items as queries: the share of the top 10 in the query's group (sharing a genre, on
 * MovieLens); for the warm items as queries the same share, so that a gain on cold items is not
 * paid for on warm ones; and the share of cold items that are among some item's top 10. Then both
 * recipes by GetSolutionMetrics' protocol on all of MovieLens-100K, where behaviour is the truth.
 */
final class SimilarItemsBenchmark {
  private static final int TOP = 10;
  private static final List<String> RECIPES = List.of(RecipeCatalog.SIMILAR_ITEMS, RecipeCatalog.SIMS);

  private SimilarItemsBenchmark() {}

  /** One data set prepared for training, with the items whose behaviour was cut and the relation judged. */
  private record Case(InteractionData data, Metadata items, Metadata text, Set<String> cold, Set<String> catalogue, BiPredicate<String, String> alike) {}

  static void run(Path dataDir, Map<String, String> overrides, int seeds) throws Exception {
    System.out.printf("Similar items of cold items (fewer than five interactions), mean of %d seed(s)%n%n", seeds);
    System.out.println("| Data | Recipe | cold queries: top 10 alike | warm queries: top 10 alike | cold items in some top 10 |");
    System.out.println("|---|---|---|---|---|");
    report("planted groups (generated)", seed -> planted(seed), overrides, seeds);
    MovieLens100k ml = MovieLens100k.load(dataDir);
    report("MovieLens-100K, a tenth of the movies cold", seed -> movieLens(ml, seed), overrides, seeds);
    System.out.println();
    System.out.println("GetSolutionMetrics' protocol on all of MovieLens-100K (ratings > 3.6, genres as metadata), mean of the split seeds:");
    System.out.println();
    System.out.println("| Recipe | precision@5 | precision@25 | NDCG@10 | MRR@25 | coverage |");
    System.out.println("|---|---|---|---|---|---|");
    String[] metrics = {"precision_at_5", "precision_at_25", "normalized_discounted_cumulative_gain_at_10", "mean_reciprocal_rank_at_25", "coverage"};
    RecipeRegistry registry = RecipeRegistry.standard();
    for (String name : RECIPES) {
      var recipe = RecipeCatalog.byName(name).orElseThrow();
      Map<String, String> given = new HashMap<>(overrides);
      given.keySet().removeIf(k -> recipe.parameter(k).isEmpty());
      double[] sums = new double[metrics.length];
      for (int s = 0; s < seeds; s++) {
        TrainingInput input = new TrainingInput(ml.interactions, recipe.resolve(given, Map.of()), 1 + s, ml.items, Metadata.EMPTY, Map.of(), 0);
        Map<String, Double> m = SolutionEvaluation.run(registry.trainer(name).orElseThrow(), input, ml.interactions.itemCount(), new StderrProgress());
        for (int k = 0; k < metrics.length; k++) {
          sums[k] += m.get(metrics[k]);
        }
      }
      StringBuilder row = new StringBuilder("| " + name);
      for (double sum : sums) {
        row.append(String.format(" | %.4f", sum / seeds));
      }
      System.out.println(row.append(" |"));
    }
  }

  private interface CaseMaker {
    Case make(long seed) throws Exception;
  }

  private static void report(String label, CaseMaker maker, Map<String, String> overrides, int seeds) throws Exception {
    RecipeRegistry registry = RecipeRegistry.standard();
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (int s = 0; s < seeds; s++) {
      Case c = maker.make(1 + s);
      for (String name : RECIPES) {
        var recipe = RecipeCatalog.byName(name).orElseThrow();
        Map<String, String> given = new HashMap<>(overrides);
        given.keySet().removeIf(k -> recipe.parameter(k).isEmpty());
        TrainingInput input = new TrainingInput(c.data, recipe.resolve(given, Map.of()), 1 + s, c.items, Metadata.EMPTY, Map.of(), 0).withItemText(c.text);
        Recommender model = registry.trainer(name).orElseThrow().train(input, new StderrProgress());
        double[] m = measure(model, c);
        double[] sum = sums.computeIfAbsent(name, k -> new double[m.length]);
        for (int k = 0; k < m.length; k++) {
          sum[k] += m[k];
        }
      }
    }
    sums.forEach((name, sum) -> System.out.printf("| %s | %s | %.3f | %.3f | %.3f |%n", label, name, sum[0] / seeds, sum[1] / seeds, sum[2] / seeds));
  }

  /** Cold-query share alike, warm-query share alike, and the share of cold items in some item's top 10. */
  private static double[] measure(Recommender model, Case c) {
    double coldAlike = 0;
    int coldQueries = 0;
    double warmAlike = 0;
    int warmQueries = 0;
    Set<String> reached = new HashSet<>();
    for (String item : c.catalogue) {
      java.util.OptionalInt index = model.items().indexOf(item);
      int[] answer = index.isPresent() ? model.related(index.getAsInt(), TOP, ItemMask.ALL).items() : model.popular(TOP, ItemMask.ALL).items();
      int alike = 0;
      for (int j : answer) {
        String other = model.items().id(j);
        alike += c.alike.test(item, other) ? 1 : 0;
        if (c.cold.contains(other)) {
          reached.add(other);
        }
      }
      if (c.cold.contains(item)) {
        coldAlike += (double) alike / TOP;
        coldQueries++;
      } else {
        warmAlike += (double) alike / TOP;
        warmQueries++;
      }
    }
    return new double[] {coldAlike / Math.max(1, coldQueries), warmAlike / Math.max(1, warmQueries), (double) reached.size() / c.cold.size()};
  }

  /**
   * 10 groups of 60 items; 2,000 users who take 80% of their 10 to 30 items from their own group
   * (by a Zipf popularity within it) and the rest anywhere. A fifth of each group's items is cold:
   * half with no interaction, half with 1 to 4 from users of the group. Every item has a GENRE, its
   * own group with probability 0.7 and a random one otherwise, and a DESCRIPTION of three words of
   * its group's 20 and three of 200 words every group uses.
   */
  static Case planted(long seed) {
    int groups = 10;
    int perGroup = 60;
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>();
    Map<String, Integer> groupOf = new HashMap<>();
    Set<String> cold = new HashSet<>();
    Map<String, List<String>> genres = new LinkedHashMap<>();
    Map<String, List<String>> descriptions = new LinkedHashMap<>();
    List<List<String>> warmOf = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      List<String> warm = new ArrayList<>();
      for (int k = 0; k < perGroup; k++) {
        String id = String.format("item-%d-%02d", g, k);
        ids.add(id);
        groupOf.put(id, g);
        if (k % 5 == 4) {
          cold.add(id);
        } else {
          warm.add(id);
        }
        int genre = random.nextDouble() < 0.7 ? g : random.nextInt(groups);
        genres.put(id, List.of("GENRE=g" + genre));
        List<String> words = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
          words.add("DESCRIPTION~w" + g + "x" + random.nextInt(20));
          words.add("DESCRIPTION~common" + random.nextInt(200));
        }
        descriptions.put(id, words.stream().distinct().toList());
      }
      warmOf.add(warm);
    }
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    int users = 2000;
    for (int u = 0; u < users; u++) {
      int own = u % groups;
      int length = 10 + random.nextInt(21);
      for (int k = 0; k < length; k++) {
        List<String> pool = warmOf.get(random.nextDouble() < 0.8 ? own : random.nextInt(groups));
        // Zipf-like popularity within a group: rank r drawn with weight about 1 / (r + 1).
        int r = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(pool.size() + 1))) - 1;
        b.add("user-" + u, pool.get(Math.min(pool.size() - 1, r)), k, Optional.empty(), Double.NaN);
      }
    }
    int c = 0;
    for (String id : ids) {
      if (cold.contains(id) && c++ % 2 == 1) {
        int g = groupOf.get(id);
        int count = 1 + random.nextInt(4);
        for (int k = 0; k < count; k++) {
          b.add("user-" + (g + groups * random.nextInt(users / groups)), id, 100 + k, Optional.empty(), Double.NaN);
        }
      }
    }
    return new Case(b.build(), Metadata.of(genres), Metadata.of(descriptions), cold, new java.util.LinkedHashSet<>(ids),
        (a, other) -> groupOf.get(a).equals(groupOf.get(other)));
  }

  /**
   * MovieLens-100K (ratings 4 and 5) with a seeded tenth of the movies that have ten ratings or more
   * made cold: each keeps 0 to 4 of its ratings (seeded), the rest are dropped. Genres are the
   * categorical metadata; two movies are alike when they share a genre.
   */
  static Case movieLens(MovieLens100k ml, long seed) {
    InteractionData all = ml.interactions;
    Random random = new Random(seed);
    int[] counts = new int[all.itemCount()];
    for (int i = 0; i < all.size(); i++) {
      counts[all.item(i)]++;
    }
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] >= 10) {
        candidates.add(i);
      }
    }
    java.util.Collections.shuffle(candidates, random);
    int[] keep = new int[all.itemCount()];
    Arrays.fill(keep, Integer.MAX_VALUE);
    Set<String> cold = new HashSet<>();
    for (int i : candidates.subList(0, candidates.size() / 10)) {
      keep[i] = random.nextInt(5);
      cold.add(all.itemId(i));
    }
    int[] kept = new int[all.itemCount()];
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    // Users in a seeded order, so that which ratings of a cold movie survive does not follow user ids.
    List<Integer> users = new ArrayList<>();
    for (int u = 0; u < all.userCount(); u++) {
      users.add(u);
    }
    java.util.Collections.shuffle(users, random);
    for (int u : users) {
      for (int i = all.start(u); i < all.end(u); i++) {
        int item = all.item(i);
        if (kept[item]++ < keep[item]) {
          b.add(all.userId(u), all.itemId(item), all.timestamp(i), Optional.empty(), Double.NaN);
        }
      }
    }
    Set<String> catalogue = new java.util.LinkedHashSet<>(all.itemIds());
    return new Case(b.build(), ml.items, Metadata.EMPTY, cold, catalogue, (a, other) -> {
      List<String> own = ml.genres.getOrDefault(a, List.of());
      return ml.genres.getOrDefault(other, List.of()).stream().anyMatch(own::contains);
    });
  }
}
