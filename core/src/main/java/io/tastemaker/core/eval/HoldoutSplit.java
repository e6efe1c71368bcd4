package io.tastemaker.core.eval;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.model.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Personalize's offline evaluation split (personalize-api.md section 6.2): a random 10% of the users
 * are held out; the model trains on the rest. Each held-out user's oldest 90% of interactions are the
 * query, the newest 10% (at least one) the truth.
 *
 * <p>Only users with two or more interactions can be held out, since a query needs both parts.
 */
public final class HoldoutSplit {
  public static final double TEST_FRACTION = 0.1;

  private final int[] trainUsers;
  private final int[] testUsers;

  private HoldoutSplit(int[] trainUsers, int[] testUsers) {
    this.trainUsers = trainUsers;
    this.testUsers = testUsers;
  }

  /** Splits the users of {@code data} with a seeded shuffle. */
  public static HoldoutSplit of(InteractionData data, long seed) {
    List<Integer> eligible = new ArrayList<>();
    for (int user = 0; user < data.userCount(); user++) {
      if (data.historyLength(user) >= 2) {
        eligible.add(user);
      }
    }
    int[] shuffled = eligible.stream().mapToInt(Integer::intValue).toArray();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    int testCount = (int) Math.ceil(shuffled.length * TEST_FRACTION);
    int[] test = Arrays.copyOf(shuffled, testCount);
    Arrays.sort(test);
    boolean[] isTest = new boolean[data.userCount()];
    for (int user : test) {
      isTest[user] = true;
    }
    int[] train = new int[data.userCount() - testCount];
    int n = 0;
    for (int user = 0; user < data.userCount(); user++) {
      if (!isTest[user]) {
        train[n++] = user;
      }
    }
    return new HoldoutSplit(train, test);
  }

  public int[] trainUsers() {
    return trainUsers.clone();
  }

  public int[] testUsers() {
    return testUsers.clone();
  }

  /** How many of a user's {@code length} interactions form the truth: the newest 10%, at least one. */
  public static int truthLength(int length) {
    return Math.max(1, (int) Math.floor(length * TEST_FRACTION));
  }

  /** The queries of the held-out users, with item indices as in {@code data}. */
  public List<EvalQuery> queries(InteractionData data) {
    List<EvalQuery> queries = new ArrayList<>(testUsers.length);
    for (int user : testUsers) {
      int[] items = data.itemsOf(user);
      long[] times = data.timestampsOf(user);
      int cut = items.length - truthLength(items.length);
      Set<Integer> truth = new LinkedHashSet<>();
      for (int i = cut; i < items.length; i++) {
        truth.add(items[i]);
      }
      History history = new History(Arrays.copyOf(items, cut), Arrays.copyOf(times, cut));
      queries.add(new EvalQuery(user, history, truth.stream().mapToInt(Integer::intValue).toArray()));
    }
    return queries;
  }
}
