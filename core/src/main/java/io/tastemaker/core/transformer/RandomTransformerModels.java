package io.tastemaker.core.transformer;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.kernel.Matrices;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.recipe.RecipeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded aws-user-personalization-v2 models with random weights at any catalogue size, for
 * benchmarks of scoring: items {@code i0..}, the users of the data given with their newest items,
 * the default width, blocks and sequence length. Serving them costs what serving a trained model of
 * that size costs.
 */
public final class RandomTransformerModels {
  private static final int DIM = 64;
  private static final int BLOCKS = 2;
  private static final int MAX_LENGTH = 200;

  private RandomTransformerModels() {}

  /** A model of {@code items} items that knows the users of {@code users}. */
  public static TransformerModel model(int items, InteractionData users, long seed) {
    if (items < 1) {
      throw new IllegalArgumentException("a random model needs items >= 1, got " + items);
    }
    SplittableRandom random = new SplittableRandom(seed);
    TransformerWeights w = new TransformerWeights(items, DIM, BLOCKS, MAX_LENGTH, 0, 0, 0);
    w.initialise(random);
    // Wider than an initialisation, as trained vectors are: answers with a clear head and a long tail.
    Matrices.uniform(w.itemEmbedding, (float) (3 / Math.sqrt(DIM)), random);
    Matrices.uniform(w.outputBias, 1f, random);
    // As data where users seldom come back to an item teaches it: every path must add it alike.
    w.historyBias[0][0] = -2f;
    List<String> ids = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      ids.add("i" + i);
    }
    return TransformerModel.withUsers(RecipeCatalog.USER_PERSONALIZATION_V2, RecipeType.USER_PERSONALIZATION, ids, w, new int[items][0],
        new TransformerModel.Vocabularies(List.of(), List.of(), List.of()), Map.of(), users);
  }
}
