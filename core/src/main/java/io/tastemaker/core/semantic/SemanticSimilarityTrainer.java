package io.tastemaker.core.semantic;

import io.tastemaker.core.cooccurrence.NeighbourModel;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.kernel.Vectors;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.DataRequirementException;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Trains aws-semantic-similarity: each item's neighbours are the items whose text lies closest in a
 * latent semantic space built from the catalogue ({@link TermDocuments}, {@link LatentSpace}), by
 * the cosine of their vectors. Interactions play no part in the similarity: they only order the
 * popular items that follow an item's neighbours (and stand in for an item without text), and break
 * equal similarities in favour of the more popular item. Every item of the Items dataset is in the
 * catalogue, with or without interactions.
 */
public final class SemanticSimilarityTrainer implements Trainer {
  /** The recipe, as ListRecipes shows it. */
  public static final Recipe FAMILY = RecipeCatalog.byName(RecipeCatalog.SEMANTIC_SIMILARITY).orElseThrow();
  static final int NEIGHBOURS = 500;
  /** Cosines below this are float noise of orthogonal vectors, not likeness. */
  static final float MIN_COSINE = 1e-3f;

  @Override
  public NeighbourModel train(TrainingInput input, TrainingMonitor monitor) {
    if (input.itemText().isEmpty()) {
      throw new DataRequirementException(
          "Create failed. aws-semantic-similarity finds similar items by the meaning of their text, and the Items dataset has no text: "
              + "its schema needs a string field marked \"textual\": true (such as DESCRIPTION) with values for the items.");
    }
    int dimension = HyperParameter.asInt(input.hyperparameters().getOrDefault("embedding_dimension", "64"));
    InteractionData data = input.interactions();
    Set<String> catalogue = new LinkedHashSet<>(data.itemIds());
    catalogue.addAll(input.items().ids());
    catalogue.addAll(input.itemText().ids());
    List<String> ids = new ArrayList<>(catalogue);
    TermDocuments docs = TermDocuments.of(ids, input.itemText(), input.items());
    if (docs.terms() == 0) {
      throw new DataRequirementException(
          "Create failed. aws-semantic-similarity needs words that two or more items share, and no word of the Items dataset's textual fields "
              + "appears in more than one item.");
    }
    monitor.progress(0.1, "terms of " + ids.size() + " items counted");
    float[][] vectors = LatentSpace.embed(docs, dimension, input.seed(), monitor);
    int[] byPopularity = byPopularity(data, ids);
    int[] rank = new int[ids.size()];
    for (int r = 0; r < rank.length; r++) {
      rank[byPopularity[r]] = r;
    }
    int[][] neighbours = new int[ids.size()][];
    TopK top = new TopK(NEIGHBOURS);
    int k = vectors.length == 0 ? 0 : vectors[0].length;
    for (int i = 0; i < ids.size(); i++) {
      top.clear();
      if (docs.hasTerms(i)) {
        for (int j = 0; j < ids.size(); j++) {
          if (j != i && docs.hasTerms(j)) {
            float cosine = Vectors.dot(vectors[i], vectors[j], k);
            if (cosine > MIN_COSINE) {
              top.offer(rank[j], cosine);
            }
          }
        }
      }
      int[] list = top.drainIndices(null);
      for (int n = 0; n < list.length; n++) {
        list[n] = byPopularity[list[n]];
      }
      neighbours[i] = list;
      if ((i & 255) == 0) {
        monitor.checkStop();
        monitor.progress(0.5 + 0.5 * i / ids.size(), "neighbours of " + i + " of " + ids.size() + " items");
      }
    }
    return new NeighbourModel(RecipeCatalog.SEMANTIC_SIMILARITY, ids, neighbours, byPopularity);
  }

  /** The catalogue by distinct users who interacted, most first, ties to the smaller id. */
  private static int[] byPopularity(InteractionData data, List<String> ids) {
    int[] users = new int[ids.size()];
    // The catalogue starts with the interaction data's items, in the data's order.
    for (int u = 0; u < data.userCount(); u++) {
      for (int item : Arrays.stream(data.itemsOf(u)).distinct().toArray()) {
        users[item]++;
      }
    }
    return IntStream.range(0, ids.size()).boxed()
        .sorted((a, b) -> users[a] != users[b] ? Integer.compare(users[b], users[a]) : ids.get(a).compareTo(ids.get(b)))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  @Override
  public String toString() {
    return "SemanticSimilarityTrainer";
  }
}
