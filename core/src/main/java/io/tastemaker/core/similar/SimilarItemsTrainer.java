package io.tastemaker.core.similar;

import io.tastemaker.core.cooccurrence.NeighbourModel;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.recipe.HyperParameter;
import io.tastemaker.core.recipe.Recipe;
import io.tastemaker.core.recipe.RecipeCatalog;
import io.tastemaker.core.training.Trainer;
import io.tastemaker.core.training.TrainingInput;
import io.tastemaker.core.training.TrainingMonitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Trains aws-similar-items: how alike two items are by who interacted with them, shrunk towards what
 * their metadata predicts by how little behaviour there is to go on.
 *
 * <p>Behaviour: {@code b(i, j) = co(i, j) / sqrt(n_i n_j)}, the cosine of the two items' user sets
 * (aws-sims's similarity at its default discount; Linden, Smith and York 2003). Metadata: {@code m(i,
 * j)}, the TF-IDF cosine of their categorical values and the words of their textual fields ({@link
 * MetadataNeighbours}). The two live on different scales, so metadata enters as the behaviour it
 * predicts: {@code E[b | m]}, the mean behaviour similarity of the pairs of warm items (five users or
 * more each) whose metadata similarity falls in the same twentieth of [0, 1], made non-decreasing in
 * {@code m}. An item pair then scores
 *
 * <pre>  s(i, j) = c b(i, j) + (1 - c) E[b | m(i, j)],   c = n / (n + 5),  n = min(n_i, n_j)</pre>
 *
 * the shrinkage of an observed similarity towards its prior by the evidence behind it (as Koren's
 * shrunk neighbourhood similarities, KDD 2008), with the guide's cold-item bound of five interactions
 * as the point where the two weigh the same. A cold item (fewer than five users, or none: items of
 * the Items dataset nobody interacted with join the catalogue) thus gets similar items from its
 * metadata and is a similar item of the items its metadata resembles; warm pairs follow behaviour.
 * {@code popularity_discount_factor} {@code f} divides scores by {@code (1 + n_j)^f} (0, the
 * documented default, leaves them). Ties go to the more popular item, then the smaller index.
 *
 * <p>The guide's {@code item_id_hidden_dim} and {@code item_metadata_hidden_dim} size Personalize's
 * neural embeddings; this model keeps neighbour lists instead of embeddings, so they are checked and
 * tunable but change nothing.
 */
public final class SimilarItemsTrainer implements Trainer {
  /** The name models of the "More like X" family were stored under before it became aws-similar-items; such files still load. */
  public static final String FORMER_NAME = "item-similarity";
  /** The recipe, as ListRecipes shows it; also the family behind VIDEO_ON_DEMAND "More like X". */
  public static final Recipe FAMILY = RecipeCatalog.byName(RecipeCatalog.SIMILAR_ITEMS).orElseThrow();
  /** Fewer interactions than this make an item cold, as the guide counts them. */
  static final int COLD_INTERACTIONS = 5;
  static final int NEIGHBOURS = 500;
  static final int BINS = 20;
  /** Warm items whose pairs estimate {@code E[b | m]}; more add little but time. */
  static final int CALIBRATION_ITEMS = 2000;
  /** Users with more distinct items than this share of users are left out of co-occurrence, as aws-sims's default. */
  static final double MAX_HISTORY_PERCENTILE = 0.995;

  private final String recipe;

  public SimilarItemsTrainer() {
    this(RecipeCatalog.SIMILAR_ITEMS);
  }

  /** @param recipe the name its models carry, which names their file format */
  public SimilarItemsTrainer(String recipe) {
    this.recipe = recipe;
  }

  @Override
  public NeighbourModel train(TrainingInput input, TrainingMonitor monitor) {
    Map<String, String> p = input.hyperparameters();
    double discount = HyperParameter.asDouble(p.getOrDefault("popularity_discount_factor", "0"));
    InteractionData data = input.interactions();
    Set<String> catalogue = new LinkedHashSet<>(data.itemIds());
    catalogue.addAll(input.items().ids());
    catalogue.addAll(input.itemText().ids());
    List<String> ids = new ArrayList<>(catalogue);
    int size = ids.size();

    Behaviour behaviour = Behaviour.of(data, size);
    monitor.progress(0.1, "co-occurrence counted");
    monitor.checkStop();
    MetadataNeighbours metadata = MetadataNeighbours.of(ids, List.of(input.items(), input.itemText()), NEIGHBOURS);
    monitor.progress(0.3, "metadata neighbours found");
    monitor.checkStop();
    float[] prior = calibration(behaviour, metadata, input.seed(), monitor);

    int[] byPopularity = behaviour.byPopularity(ids);
    int[] rank = new int[size];
    for (int r = 0; r < size; r++) {
      rank[byPopularity[r]] = r;
    }
    float[] b = new float[size];
    float[] m = new float[size];
    int[] touched = new int[size];
    int[] stamp = new int[size];
    TopK top = new TopK(NEIGHBOURS);
    int[][] neighbours = new int[size][];
    for (int i = 0; i < size; i++) {
      int count = behaviour.similarities(i, b, touched, stamp);
      int[] byMeta = metadata.items()[i];
      for (int k = 0; k < byMeta.length; k++) {
        int j = byMeta[k];
        if (stamp[j] != i + 1) {
          stamp[j] = i + 1;
          touched[count++] = j;
        }
        m[j] = metadata.scores()[i][k];
      }
      top.clear();
      for (int k = 0; k < count; k++) {
        int j = touched[k];
        double n = Math.min(behaviour.users(i), behaviour.users(j));
        double c = n / (n + COLD_INTERACTIONS);
        double s = c * b[j] + (1 - c) * prior(prior, m[j]);
        if (discount > 0) {
          s /= Math.pow(1 + behaviour.users(j), discount);
        }
        if (s > 0) {
          top.offer(rank[j], (float) s);
        }
        b[j] = 0;
        m[j] = 0;
      }
      int[] list = top.drainIndices(null);
      for (int k = 0; k < list.length; k++) {
        list[k] = byPopularity[list[k]];
      }
      neighbours[i] = list;
      if ((i & 255) == 0) {
        monitor.checkStop();
        monitor.progress(0.4 + 0.6 * i / size, "neighbours of " + i + " of " + size + " items");
      }
    }
    return new NeighbourModel(recipe, ids, neighbours, byPopularity);
  }

  /** {@code E[b | m]} for a metadata similarity; 0 without shared metadata. */
  private static double prior(float[] prior, float m) {
    return m <= 0 ? 0 : prior[Math.min(BINS - 1, (int) (m * BINS))];
  }

  /**
   * The mean behaviour similarity of warm item pairs in each twentieth of metadata similarity, over
   * the metadata neighbours of at most {@link #CALIBRATION_ITEMS} warm items (a seeded sample), made
   * non-decreasing; an empty bin takes the one below. Without any warm pair sharing metadata the
   * prior is the metadata similarity itself.
   */
  static float[] calibration(Behaviour behaviour, MetadataNeighbours metadata, long seed, TrainingMonitor monitor) {
    int size = metadata.items().length;
    List<Integer> warm = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (behaviour.users(i) >= COLD_INTERACTIONS && metadata.items()[i].length > 0) {
        warm.add(i);
      }
    }
    java.util.Collections.shuffle(warm, new Random(seed));
    double[] sum = new double[BINS];
    long[] pairs = new long[BINS];
    float[] b = new float[size];
    int[] touched = new int[size];
    int[] stamp = new int[size];
    for (int w = 0; w < Math.min(CALIBRATION_ITEMS, warm.size()); w++) {
      int i = warm.get(w);
      int count = behaviour.similarities(i, b, touched, stamp);
      int[] byMeta = metadata.items()[i];
      for (int k = 0; k < byMeta.length; k++) {
        int j = byMeta[k];
        if (behaviour.users(j) >= COLD_INTERACTIONS) {
          int bin = Math.min(BINS - 1, (int) (metadata.scores()[i][k] * BINS));
          sum[bin] += stamp[j] == i + 1 ? b[j] : 0;
          pairs[bin]++;
        }
      }
      for (int k = 0; k < count; k++) {
        b[touched[k]] = 0;
      }
      if ((w & 255) == 0) {
        monitor.checkStop();
      }
    }
    float[] prior = new float[BINS];
    boolean any = Arrays.stream(pairs).anyMatch(c -> c > 0);
    float below = 0;
    for (int bin = 0; bin < BINS; bin++) {
      if (!any) {
        prior[bin] = (bin + 0.5f) / BINS;
        continue;
      }
      float mean = pairs[bin] == 0 ? below : (float) (sum[bin] / pairs[bin]);
      prior[bin] = Math.max(below, mean);
      below = prior[bin];
    }
    return prior;
  }

  @Override
  public String toString() {
    return "SimilarItemsTrainer[" + recipe + "]";
  }
}
