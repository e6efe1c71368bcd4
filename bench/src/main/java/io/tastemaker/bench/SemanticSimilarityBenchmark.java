package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.data.TextFeatures;
import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.semantic.TermDocuments;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * aws-semantic-similarity (issue 16) against a plain bag-of-words cosine and against aws-similar-items
 * on items known only from their text. Planted topics (generated): 20 topics of 50 items, each
 * description five of its topic's ten ideas, each idea said with one of three synonyms, four of 300
 * words every topic uses, and with probability 0.3 a word of another topic; 2,000 users interact with
 * the first 30 items of each topic (80% in their own topic), the other 20 have no interaction. The
 * queries are those 400 cold items; a top 10 is judged by the share in the query's topic. Then
 * MovieLens latest-small with each movie's title (without its year) as its only text and sharing a
 * genre as the truth, beside the share of all pairs that share one.
 */
final class SemanticSimilarityBenchmark {
  private static final int TOP = 10;

  private SemanticSimilarityBenchmark() {}

  /** A catalogue's text, the interactions, the queries and the relation judged. */
  private record Case(InteractionData data, Metadata text, List<String> queries, List<String> catalogue, BiPredicate<String, String> alike) {}

  static void run(Path dataDir, Map<String, String> overrides, int seeds) throws IOException {
    System.out.printf("Similar items by text, share of the top %d alike, mean of %d seed(s)%n%n", TOP, seeds);
    System.out.println("| Data | aws-semantic-similarity | bag-of-words cosine | aws-similar-items | chance |");
    System.out.println("|---|---|---|---|---|");
    double[] planted = new double[4];
    for (int s = 0; s < seeds; s++) {
      Case c = planted(1 + s);
      add(planted, measureAll(c, overrides, 1 + s, true));
    }
    print("planted topics, 400 cold queries", planted, seeds, true);
    Case movies = movieTitles(dataDir);
    double[] ml = new double[4];
    for (int s = 0; s < seeds; s++) {
      add(ml, measureAll(movies, overrides, 1 + s, false));
    }
    print("MovieLens latest-small, titles only, shares a genre", ml, seeds, false);
  }

  private static void add(double[] sum, double[] m) {
    for (int k = 0; k < m.length; k++) {
      sum[k] += m[k];
    }
  }

  private static void print(String label, double[] sum, int seeds, boolean withSimilarItems) {
    System.out.printf("| %s | %.3f | %.3f | %s | %.3f |%n", label, sum[0] / seeds, sum[1] / seeds, withSimilarItems ? String.format("%.3f", sum[2] / seeds) : "n/a", sum[3] / seeds);
  }

  /** Semantic, bag of words, similar-items (or 0) and chance, each the mean share of a query's top 10 alike. */
  private static double[] measureAll(Case c, Map<String, String> overrides, long seed, boolean withSimilarItems) {
    RecipeRegistry registry = RecipeRegistry.standard();
    double semantic = measure(train(registry, RecipeCatalog.SEMANTIC_SIMILARITY, c, overrides, seed), c);
    double similar = withSimilarItems ? measure(train(registry, RecipeCatalog.SIMILAR_ITEMS, c, overrides, seed), c) : 0;
    return new double[] {semantic, bagOfWords(c), similar, chance(c)};
  }

  private static Recommender train(RecipeRegistry registry, String name, Case c, Map<String, String> overrides, long seed) {
    var recipe = RecipeCatalog.byName(name).orElseThrow();
    Map<String, String> given = new HashMap<>(overrides);
    given.keySet().removeIf(k -> recipe.parameter(k).isEmpty());
    TrainingInput input = new TrainingInput(c.data, recipe.resolve(given, Map.of()), seed, Metadata.EMPTY, Metadata.EMPTY, Map.of(), 0).withItemText(c.text);
    return registry.trainer(name).orElseThrow().train(input, new StderrProgress());
  }

  private static double measure(Recommender model, Case c) {
    double sum = 0;
    for (String query : c.queries) {
      int[] answer = model.related(model.items().indexOf(query).orElseThrow(), TOP, ItemMask.ALL).items();
      int alike = 0;
      for (int j : answer) {
        alike += c.alike.test(query, model.items().id(j)) ? 1 : 0;
      }
      sum += (double) alike / TOP;
    }
    return sum / c.queries.size();
  }

  /**
   * The TF-IDF rows' own cosine, the representation before its reduction: items that share no term
   * are not neighbours, so a top 10 may be shorter; it is judged on the items it holds.
   */
  private static double bagOfWords(Case c) {
    List<String> ids = c.catalogue;
    TermDocuments docs = TermDocuments.of(ids, c.text, Metadata.EMPTY);
    List<List<Integer>> postings = new ArrayList<>();
    for (int t = 0; t < docs.terms(); t++) {
      postings.add(new ArrayList<>());
    }
    for (int i = 0; i < ids.size(); i++) {
      for (int t : docs.columns(i)) {
        postings.get(t).add(i);
      }
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    double[] dot = new double[ids.size()];
    double sum = 0;
    int answered = 0;
    TopK top = new TopK(TOP);
    for (String query : c.queries) {
      int q = index.get(query);
      int[] cols = docs.columns(q);
      float[] vals = docs.values(q);
      for (int k = 0; k < cols.length; k++) {
        for (int j : postings.get(cols[k])) {
          int[] jc = docs.columns(j);
          float[] jv = docs.values(j);
          dot[j] += vals[k] * jv[java.util.Arrays.binarySearch(jc, cols[k])];
        }
      }
      top.clear();
      for (int j = 0; j < ids.size(); j++) {
        if (j != q && dot[j] > 0) {
          top.offer(j, (float) dot[j]);
        }
        dot[j] = 0;
      }
      int[] answer = top.drainIndices(null);
      int alike = 0;
      for (int j : answer) {
        alike += c.alike.test(query, ids.get(j)) ? 1 : 0;
      }
      // Judged on what it answers: a query that shares no word with anything has no answer and is left out.
      if (answer.length > 0) {
        sum += (double) alike / answer.length;
        answered++;
      }
    }
    return sum / Math.max(1, answered);
  }

  /** The share of all other catalogue items alike to a query, averaged over the queries. */
  private static double chance(Case c) {
    double sum = 0;
    for (String query : c.queries) {
      long alike = c.catalogue.stream().filter(o -> !o.equals(query) && c.alike.test(query, o)).count();
      sum += (double) alike / (c.catalogue.size() - 1);
    }
    return sum / c.queries.size();
  }

  static Case planted(long seed) {
    int topics = 20;
    int perTopic = 50;
    int ideas = 10;
    Random random = new Random(seed);
    Map<String, List<String>> text = new LinkedHashMap<>();
    Map<String, Integer> topicOf = new HashMap<>();
    List<String> queries = new ArrayList<>();
    List<List<String>> warm = new ArrayList<>();
    for (int t = 0; t < topics; t++) {
      List<String> own = new ArrayList<>();
      for (int k = 0; k < perTopic; k++) {
        String id = String.format("item-%02d-%02d", t, k);
        topicOf.put(id, t);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ideas; i++) {
          order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        List<String> words = new ArrayList<>();
        for (int i : order.subList(0, 5)) {
          words.add("DESCRIPTION~t" + t + "i" + i + "s" + random.nextInt(3));
        }
        for (int w = 0; w < 4; w++) {
          words.add("DESCRIPTION~common" + random.nextInt(300));
        }
        if (random.nextDouble() < 0.3) {
          words.add("DESCRIPTION~t" + random.nextInt(topics) + "i" + random.nextInt(ideas) + "s" + random.nextInt(3));
        }
        text.put(id, words.stream().distinct().toList());
        if (k < 30) {
          own.add(id);
        } else {
          queries.add(id);
        }
      }
      warm.add(own);
    }
    InteractionData.Builder b = new InteractionData.Builder(List.of());
    for (int u = 0; u < 2000; u++) {
      int own = u % topics;
      int length = 10 + random.nextInt(21);
      for (int k = 0; k < length; k++) {
        List<String> pool = warm.get(random.nextDouble() < 0.8 ? own : random.nextInt(topics));
        b.add("user-" + u, pool.get(random.nextInt(pool.size())), k, Optional.empty(), Double.NaN);
      }
    }
    return new Case(b.build(), Metadata.of(text), queries, new ArrayList<>(text.keySet()), (a, o) -> topicOf.get(a).equals(topicOf.get(o)));
  }

  /** MovieLens latest-small's movies: the title's words without the year as text, genres as the truth; no interactions. */
  static Case movieTitles(Path dataDir) throws IOException {
    Map<String, List<String>> text = new LinkedHashMap<>();
    Map<String, Set<String>> genres = new HashMap<>();
    List<String> lines = Files.readAllLines(dataDir.resolve("movielens-latest-small").resolve("movies.csv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      int first = line.indexOf(',');
      int last = line.lastIndexOf(',');
      String title = line.substring(first + 1, last).replace("\"", "").replaceAll("\\(\\d{4}\\)\\s*$", "").trim();
      String id = line.substring(0, first);
      List<String> words = TextFeatures.words(title).stream().map(w -> "TITLE~" + w).toList();
      text.put(id, words);
      genres.put(id, Set.of(line.substring(last + 1).split("\\|")));
    }
    List<String> ids = new ArrayList<>(text.keySet());
    List<String> queries = ids.stream().filter(id -> !genres.get(id).contains("(no genres listed)")).toList();
    return new Case(new InteractionData.Builder(List.of()).build(), Metadata.of(text), queries, ids,
        (a, o) -> genres.get(o).stream().anyMatch(g -> genres.get(a).contains(g) && !g.equals("(no genres listed)")));
  }
}
