package io.tastemaker.core.hrnn;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.kernel.Matrices;
import io.tastemaker.core.recipe.RecipeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded aws-hrnn models with random weights at any catalogue size, for benchmarks and tests of
 * scoring: items {@code i0..}, users {@code u0..} with a few interactions each, spread over one or
 * two sessions so that some answers blend in a previous session. Serving them costs what serving a
 * trained model of that size costs.
 */
public final class RandomHrnnModels {
  private static final long SESSION_GAP_SECONDS = 1_800;

  private RandomHrnnModels() {}

  /** A model of {@code items} items and {@code users} known users, each vector of {@code dim} values. */
  public static HrnnModel model(int items, int dim, int users, long seed) {
    return model(items, dim, users, 0, seed);
  }

  /**
   * As {@link #model(int, int, int, long)}; with {@code tiedEvery > 0}, every {@code tiedEvery}-th
   * item copies the vector and bias of the item before it, so their scores tie for every user.
   */
  static HrnnModel model(int items, int dim, int users, int tiedEvery, long seed) {
    if (items < 1 || dim < 1 || users < 0) {
      throw new IllegalArgumentException("a random model needs items >= 1, dim >= 1 and users >= 0, got " + items + ", " + dim + ", " + users);
    }
    SplittableRandom random = new SplittableRandom(seed);
    HrnnWeights w = new HrnnWeights(items, dim);
    w.initialise(random);
    // Wider than an initialisation, as trained vectors are: answers with a clear head and a long tail.
    Matrices.uniform(w.embeddings, (float) (3 / Math.sqrt(dim)), random);
    Matrices.uniform(w.outputBias, 1f, random);
    // A user's own items score higher, as on data where users come back to them: every path must add it alike.
    w.historyBias[0][0] = 0.7f;
    if (tiedEvery > 0) {
      for (int i = tiedEvery; i < items; i += tiedEvery) {
        System.arraycopy(w.embeddings[i - 1], 0, w.embeddings[i], 0, dim);
        w.outputBias[0][i] = w.outputBias[0][i - 1];
      }
    }
    List<String> ids = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      ids.add("i" + i);
    }
    return HrnnModel.withUsers(
        "aws-hrnn", RecipeType.USER_PERSONALIZATION, ids, w, w.embeddings, new boolean[items], SESSION_GAP_SECONDS, 32, List.of(), List.of(), Map.of(),
        List.of(), users(items, users, random));
  }

  /**
   * Seeded users {@code u0..} with 1 to 12 interactions each over items {@code i0..}, now and then a
   * gap longer than a session between two of them, so that some answers blend in a previous session.
   */
  public static InteractionData users(int items, int users, long seed) {
    return users(items, users, new SplittableRandom(seed));
  }

  private static InteractionData users(int items, int users, SplittableRandom random) {
    InteractionData.Builder data = new InteractionData.Builder(List.of());
    for (int u = 0; u < users; u++) {
      long time = 1_700_000_000L + random.nextInt(1_000_000);
      int length = 1 + random.nextInt(12);
      for (int k = 0; k < length; k++) {
        data.add("u" + u, "i" + random.nextInt(items), time, Optional.empty(), 0);
        // Now and then a gap longer than a session: the user comes back in a new one.
        time += random.nextInt(8) == 0 ? SESSION_GAP_SECONDS + random.nextInt(86_400) : 1 + random.nextInt(600);
      }
    }
    return data.build();
  }
}
