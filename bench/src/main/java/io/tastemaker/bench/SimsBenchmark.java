package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.eval.SolutionEvaluation;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.sims.SimsModel;
import io.tastemaker.core.sims.SimsTrainer;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.sample.ShopSample;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * aws-sims against GetSolutionMetrics' protocol and by eye (issue 14): MovieLens-100K (ratings above
 * 3.6, and every rating) and MovieLens latest-small as Amazon Personalize's POC workshop prepared it,
 * with aws-popularity-count as the floor and the figures Personalize published for that workshop;
 * then how many of an item's 10 related movies share a genre with it, for Snow White in
 * MovieLens-100K and on average over every movie with related movies of its own. A generated shop
 * (the quickstart's) is measured too, so that no default is chosen for MovieLens alone.
 */
final class SimsBenchmark {
  private static final String[] METRICS = {"precision_at_5", "precision_at_25", "normalized_discounted_cumulative_gain_at_10", "mean_reciprocal_rank_at_25", "coverage"};
  private static final String SNOW_WHITE = "99";

  private SimsBenchmark() {}

  static void run(Path dataDir, Map<String, String> overrides, int seeds) throws Exception {
    MovieLens100k liked = MovieLens100k.load(dataDir);
    MovieLens100k all = MovieLens100k.load(dataDir, 0);
    MovieLensLatestSmall small = MovieLensLatestSmall.load(dataDir);
    Set<String> smallCatalogue = new HashSet<>(small.interactions.itemIds());
    smallCatalogue.addAll(small.items.ids());
    System.out.printf("GetSolutionMetrics' protocol, mean of %d split seed(s)%n%n", seeds);
    System.out.println("| Data | Recipe | precision@5 | precision@25 | NDCG@10 | MRR@25 | coverage |");
    System.out.println("|---|---|---|---|---|---|---|");
    metrics("MovieLens-100K, ratings > 3.6", liked.interactions, liked.interactions.itemCount(), overrides, seeds);
    metrics("MovieLens-100K, every rating", all.interactions, all.interactions.itemCount(), overrides, seeds);
    metrics("latest-small, POC workshop", small.interactions, smallCatalogue.size(), overrides, seeds);
    generatedShop(overrides, seeds);
    System.out.println("| latest-small, POC workshop | Amazon Personalize aws-sims (published) | 0.0824 | 0.0418 | 0.2234 | 0.1669 | 0.1861 |");
    System.out.println("| latest-small, POC workshop | Amazon Personalize aws-user-personalization (published) | 0.0750 | 0.0379 | 0.2687 | 0.2690 | 0.0791 |");
    System.out.println();
    System.out.println("What the protocol allows any related-items model (mean over the split seeds):");
    System.out.println();
    System.out.println("| Data | held-out users | coverage ceiling (users x 25 / catalogue) | queries whose own item is relevant |");
    System.out.println("|---|---|---|---|");
    limits("MovieLens-100K, ratings > 3.6", liked.interactions, liked.interactions.itemCount(), seeds);
    limits("MovieLens-100K, every rating", all.interactions, all.interactions.itemCount(), seeds);
    limits("latest-small, POC workshop", small.interactions, smallCatalogue.size(), seeds);
    System.out.println();
    System.out.println("Coverage read as the items the model might recommend (every item's 25 related items, model trained on every user):");
    System.out.println();
    System.out.printf("| latest-small, POC workshop | Tastemaker aws-sims | %.4f |%n", modelCoverage(small.interactions, smallCatalogue.size(), overrides));
    System.out.printf("| MovieLens-100K, ratings > 3.6 | Tastemaker aws-sims | %.4f |%n", modelCoverage(liked.interactions, liked.interactions.itemCount(), overrides));
    System.out.println();
    System.out.println("Related movies sharing a genre with the movie (models trained on every user):");
    System.out.println();
    System.out.println("| Data | Snow White's top 10 sharing a genre | mean over movies with 10 related movies | their top 10 by title |");
    System.out.println("|---|---|---|---|");
    genres("MovieLens-100K, every rating", all.interactions, all.genres, all.titles, overrides);
    genres("MovieLens-100K, ratings > 3.6", liked.interactions, liked.genres, liked.titles, overrides);
  }

  private static void metrics(String label, InteractionData data, int catalogue, Map<String, String> overrides, int seeds) {
    RecipeRegistry registry = RecipeRegistry.standard();
    for (String name : List.of(RecipeCatalog.SIMS, RecipeCatalog.POPULARITY_COUNT)) {
      Recipe recipe = RecipeCatalog.byName(name).orElseThrow();
      double[] sums = new double[METRICS.length];
      for (int s = 0; s < seeds; s++) {
        TrainingInput input = new TrainingInput(data, hyperparameters(recipe, overrides), 1 + s);
        Map<String, Double> m = SolutionEvaluation.run(registry.trainer(name).orElseThrow(), input, catalogue, new StderrProgress());
        for (int k = 0; k < METRICS.length; k++) {
          sums[k] += m.get(METRICS[k]);
        }
      }
      StringBuilder row = new StringBuilder("| " + label + " | Tastemaker " + name);
      for (double sum : sums) {
        row.append(String.format(" | %.4f", sum / seeds));
      }
      System.out.println(row.append(" |"));
    }
  }

  private static void limits(String label, InteractionData data, int catalogue, int seeds) {
    double users = 0;
    double ceiling = 0;
    double self = 0;
    for (int s = 0; s < seeds; s++) {
      RelatedItemsLimits l = RelatedItemsLimits.of(data, 1 + s, catalogue);
      users += l.queries();
      ceiling += l.coverageCeiling();
      self += l.queryItemRelevant();
    }
    System.out.printf("| %s | %.0f | %.4f | %.3f |%n", label, users / seeds, ceiling / seeds, self / seeds);
  }

  /**
   * The quickstart's generated shop (its default size: 2,000 users, 600 items), a new shop for each
   * seed, so that no default is tuned to MovieLens alone.
   */
  private static void generatedShop(Map<String, String> overrides, int seeds) throws IOException {
    RecipeRegistry registry = RecipeRegistry.standard();
    for (String name : List.of(RecipeCatalog.SIMS, RecipeCatalog.POPULARITY_COUNT)) {
      Recipe recipe = RecipeCatalog.byName(name).orElseThrow();
      double[] sums = new double[METRICS.length];
      for (int s = 0; s < seeds; s++) {
        InteractionData data = shop(ShopSample.Config.defaults().withSeed(1 + s));
        TrainingInput input = new TrainingInput(data, hyperparameters(recipe, overrides), 1 + s);
        Map<String, Double> m = SolutionEvaluation.run(registry.trainer(name).orElseThrow(), input, data.itemCount(), new StderrProgress());
        for (int k = 0; k < METRICS.length; k++) {
          sums[k] += m.get(METRICS[k]);
        }
      }
      StringBuilder row = new StringBuilder("| generated shop (quickstart) | Tastemaker " + name);
      for (double sum : sums) {
        row.append(String.format(" | %.4f", sum / seeds));
      }
      System.out.println(row.append(" |"));
    }
  }

  /** A generated shop's interactions, every event type. */
  private static InteractionData shop(ShopSample.Config config) throws IOException {
    StringWriter csv = new StringWriter();
    ShopSample.generate(config).writeInteractions(csv);
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    List<String> lines = csv.toString().lines().toList();
    List<String> header = List.of(lines.get(0).split(","));
    int user = header.indexOf("USER_ID");
    int item = header.indexOf("ITEM_ID");
    int type = header.indexOf("EVENT_TYPE");
    int time = header.indexOf("TIMESTAMP");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      b.add(f[user], f[item], Long.parseLong(f[time]), Optional.of(f[type]), Double.NaN);
    }
    return b.build();
  }

  private static void genres(String label, InteractionData data, Map<String, List<String>> genres, Map<String, String> titles, Map<String, String> overrides) {
    Recipe recipe = RecipeCatalog.byName(RecipeCatalog.SIMS).orElseThrow();
    SimsModel model = new SimsTrainer().train(new TrainingInput(data, hyperparameters(recipe, overrides), 1), new StderrProgress());
    double sum = 0;
    int movies = 0;
    for (int i = 0; i < model.items().size(); i++) {
      if (model.neighbours(i).length >= 10) {
        sum += sharing(model, i, genres);
        movies++;
      }
    }
    int snowWhite = model.items().indexOf(SNOW_WHITE).orElseThrow();
    StringBuilder list = new StringBuilder();
    for (int j : model.related(snowWhite, 10, ItemMask.ALL).items()) {
      list.append(list.isEmpty() ? "" : "; ").append(titles.get(model.items().id(j)));
    }
    System.out.printf("| %s | %d of 10 | %.2f of 10 (%d movies) | %s |%n", label, sharing(model, snowWhite, genres), sum / Math.max(1, movies), movies, list);
  }

  /** The share of the catalogue in the union of every item's 25 related items. */
  private static double modelCoverage(InteractionData data, int catalogue, Map<String, String> overrides) {
    Recipe recipe = RecipeCatalog.byName(RecipeCatalog.SIMS).orElseThrow();
    SimsModel model = new SimsTrainer().train(new TrainingInput(data, hyperparameters(recipe, overrides), 1), new StderrProgress());
    Set<Integer> covered = new HashSet<>();
    for (int i = 0; i < model.items().size(); i++) {
      for (int j : model.related(i, 25, ItemMask.ALL).items()) {
        covered.add(j);
      }
    }
    return (double) covered.size() / catalogue;
  }

  /** How many of an item's 10 related items share a genre with it. */
  private static int sharing(SimsModel model, int item, Map<String, List<String>> genres) {
    List<String> own = genres.getOrDefault(model.items().id(item), List.of());
    int n = 0;
    for (int j : model.related(item, 10, ItemMask.ALL).items()) {
      if (genres.getOrDefault(model.items().id(j), List.of()).stream().anyMatch(own::contains)) {
        n++;
      }
    }
    return n;
  }

  private static Map<String, String> hyperparameters(Recipe recipe, Map<String, String> overrides) {
    Map<String, String> given = new HashMap<>(overrides);
    given.keySet().removeIf(k -> recipe.parameter(k).isEmpty());
    return recipe.resolve(given, Map.of());
  }
}
