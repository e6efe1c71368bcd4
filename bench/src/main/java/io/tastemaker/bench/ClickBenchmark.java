package io.tastemaker.bench;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.RecipeRegistry;
import io.tastemaker.core.training.TrainingInput;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What a click does to a user's 25 items (issue 14). A model trained on every user answers for some
 * users; then, as Amazon Personalize's "POC in a box" workshop does, each user clicks three movies
 * drawn at random from the catalogue, one after the other in one new session (a day after their
 * history, as a click streamed today after a history of years ago is), and asks again after each.
 * Also a click on one of the user's own 25 items, a minute after the history (the same session) or
 * a day later in a new session (a returning user).
 *
 * <p>Printed per click: how many of the 25 items before it stay, how often the clicked item is in
 * the list after, and how many of the clicked item's 25 nearest items (by the cosine of their
 * co-occurrence in the data) are in the list before and after.
 */
final class ClickBenchmark {
  private static final int USERS = 300;
  private static final int N = 25;
  private static final int RANDOM_CLICKS = 3;
  private static final long DAY = 86_400;

  private ClickBenchmark() {}

  /** One data set and the recipes to try on it. */
  private record Case(String label, InteractionData data, Metadata items, Metadata users, List<String> recipes) {}

  /** Sums over users and seeds of one click kind. */
  private static final class Tally {
    double kept;
    double clickedListed;
    double neighboursBefore;
    double neighboursAfter;
    int clicks;

    void add(int[] before, int[] after, int clicked, int[] near) {
      kept += common(before, after);
      clickedListed += Arrays.stream(after).anyMatch(i -> i == clicked) ? 1 : 0;
      neighboursBefore += common(before, near);
      neighboursAfter += common(after, near);
      clicks++;
    }

    String row() {
      return String.format("%.2f | %.2f | %.2f -> %.2f", kept / clicks, clickedListed / clicks, neighboursBefore / clicks, neighboursAfter / clicks);
    }
  }

  static void run(Path dataDir, List<String> recipes, Map<String, String> overrides, int seeds) throws Exception {
    MovieLens100k ml = MovieLens100k.load(dataDir);
    MovieLensLatestSmall small = MovieLensLatestSmall.load(dataDir);
    List<Case> cases = List.of(
        new Case("MovieLens-100K", ml.interactions, ml.items, ml.users, recipes.isEmpty() ? List.of("aws-hrnn", "aws-hrnn-metadata") : recipes),
        new Case("latest-small, POC workshop", small.interactions, small.items, Metadata.EMPTY, recipes.isEmpty() ? List.of("aws-hrnn-metadata") : recipes));
    System.out.printf("One click at a time by %d users; models trained on every user; mean of %d seed(s)%n%n", USERS, seeds);
    System.out.println("| Data | Recipe | click | items kept of 25 | clicked item listed after | its neighbours in the list, before -> after |");
    System.out.println("|---|---|---|---|---|---|");
    RecipeRegistry registry = RecipeRegistry.standard();
    for (Case c : cases) {
      Neighbourhoods neighbours = new Neighbourhoods(c.data);
      for (String name : c.recipes) {
        Recipe recipe = RecipeCatalog.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown recipe " + name));
        Tally[] randomClicks = new Tally[RANDOM_CLICKS];
        Arrays.setAll(randomClicks, k -> new Tally());
        Tally sameSession = new Tally();
        Tally returning = new Tally();
        for (int s = 0; s < seeds; s++) {
          Map<String, String> given = new HashMap<>(overrides);
          given.keySet().removeIf(k -> recipe.parameter(k).isEmpty());
          if (recipe.parameter("seed").isPresent()) {
            given.put("seed", Long.toString(42 + s));
          }
          TrainingInput input = new TrainingInput(c.data, recipe.resolve(given, Map.of()), 42 + s, c.items, c.users, Map.of(), 0);
          Recommender model = registry.trainer(name).orElseThrow().train(input, new StderrProgress());
          clicks(model, c.data, neighbours, 42 + s, randomClicks, sameSession, returning);
        }
        for (int k = 0; k < RANDOM_CLICKS; k++) {
          System.out.printf("| %s | %s | random movie, click %d of %d, new session | %s |%n", c.label, name, k + 1, RANDOM_CLICKS, randomClicks[k].row());
        }
        System.out.printf("| %s | %s | listed movie, same session | %s |%n", c.label, name, sameSession.row());
        System.out.printf("| %s | %s | listed movie, returning a day later | %s |%n", c.label, name, returning.row());
      }
    }
    System.out.println("| latest-small, POC workshop | Amazon Personalize aws-user-personalization (issue 14) | random movie, 3 clicks | 5-6 | yes | |");
  }

  private static void clicks(Recommender model, InteractionData data, Neighbourhoods neighbours, long seed, Tally[] randomClicks, Tally sameSession, Tally returning) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] dataToModel = new int[data.itemCount()];
    Map<String, Integer> dataIndex = new HashMap<>();
    for (int i = 0; i < dataToModel.length; i++) {
      dataToModel[i] = model.items().indexOf(data.itemId(i)).orElse(-1);
      dataIndex.put(data.itemId(i), i);
    }
    for (int k = 0; k < USERS; k++) {
      int user = random.nextInt(data.userCount());
      Optional<String> userId = Optional.of(data.userId(user));
      long last = data.timestamp(data.end(user) - 1);
      int[] start = model.recommend(new UserQuery(userId, History.EMPTY), N, ItemMask.ALL).items();

      int[] before = start;
      int[] items = new int[RANDOM_CLICKS];
      long[] times = new long[RANDOM_CLICKS];
      for (int c = 0; c < RANDOM_CLICKS; c++) {
        int clicked = random.nextInt(data.itemCount());
        items[c] = dataToModel[clicked];
        times[c] = last + DAY + 5L * c;
        History history = new History(Arrays.copyOf(items, c + 1), Arrays.copyOf(times, c + 1));
        int[] after = model.recommend(new UserQuery(userId, history), N, ItemMask.ALL).items();
        randomClicks[c].add(before, after, items[c], toModel(dataToModel, neighbours.nearest(clicked, N)));
        before = after;
      }

      int listed = start[random.nextInt(start.length)];
      int[] near = toModel(dataToModel, neighbours.nearest(dataIndex.get(model.items().id(listed)), N));
      int[] after = model.recommend(new UserQuery(userId, new History(new int[] {listed}, new long[] {last + 60})), N, ItemMask.ALL).items();
      sameSession.add(start, after, listed, near);
      History back = new History(new int[] {listed}, new long[] {last + DAY}, new boolean[] {true});
      returning.add(start, model.recommend(new UserQuery(userId, back), N, ItemMask.ALL).items(), listed, near);
    }
  }

  private static int[] toModel(int[] dataToModel, int[] items) {
    return Arrays.stream(items).map(i -> dataToModel[i]).filter(i -> i >= 0).toArray();
  }

  private static int common(int[] a, int[] b) {
    int n = 0;
    for (int x : a) {
      for (int y : b) {
        if (x == y) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /** Each item's nearest items by the cosine of their co-occurrence in users' histories, worked out when asked. */
  private static final class Neighbourhoods {
    private final InteractionData data;
    private final int[][] usersOf;
    private final int[][] baskets;

    Neighbourhoods(InteractionData data) {
      this.data = data;
      baskets = new int[data.userCount()][];
      int[] counts = new int[data.itemCount()];
      for (int u = 0; u < baskets.length; u++) {
        baskets[u] = Arrays.stream(data.itemsOf(u)).distinct().toArray();
        for (int i : baskets[u]) {
          counts[i]++;
        }
      }
      usersOf = new int[data.itemCount()][];
      for (int i = 0; i < usersOf.length; i++) {
        usersOf[i] = new int[counts[i]];
      }
      int[] filled = new int[data.itemCount()];
      for (int u = 0; u < baskets.length; u++) {
        for (int i : baskets[u]) {
          usersOf[i][filled[i]++] = u;
        }
      }
    }

    /** The k items nearest to data item i, in data indices. */
    int[] nearest(int i, int k) {
      int[] co = new int[data.itemCount()];
      for (int u : usersOf[i]) {
        for (int j : baskets[u]) {
          co[j]++;
        }
      }
      co[i] = 0;
      return java.util.stream.IntStream.range(0, co.length).filter(j -> co[j] > 0).boxed()
          .sorted((x, y) -> {
            double sx = co[x] / Math.sqrt(usersOf[x].length);
            double sy = co[y] / Math.sqrt(usersOf[y].length);
            return sx != sy ? Double.compare(sy, sx) : Integer.compare(x, y);
          })
          .limit(k).mapToInt(Integer::intValue).toArray();
    }
  }
}
