package io.tastemaker.core.affinity;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.kernel.Vectors;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * aws-item-affinity and aws-item-attribute-affinity: each user has a distribution over the items
 * of the catalogue, {@code p(i | u) = exp(x_u . w_i + b_i) / Z_u}, the probability that the user's
 * next interaction is with item i, and an activity {@code n_u}, the number of interactions the user
 * had in training. The guide ranks segments "by the probability that each user will interact with
 * the item"; if user u interacts at a rate proportional to {@code n_u} and picks items by {@code
 * p(. | u)}, the chance that u interacts with item i within any time window is {@code 1 - exp(-c
 * n_u p(i | u))}, which orders users as their affinity {@code n_u p(i | u)} does, the expected number
 * of interactions with i among as many new ones as the user had so far. A segment for an item ranks
 * users by that affinity; for a set of items (those an attribute query selects) by {@code n_u sum_i
 * p(i | u)}. (Ranking by {@code p(i | u)} alone found 3 to 5 times fewer of MovieLens-100K's
 * held-out viewers than the most active users did; see the design notes.)
 */
public final class AffinityModel implements Recommender {
  private final String recipe;
  private final ItemCatalog items;
  private final List<String> userIds;
  private final Map<String, Integer> userIndex;
  private final int dimension;
  /** User vectors, users x dimension, row-major. */
  private final float[] userVectors;
  /** Item vectors (own embedding plus the mean of the item's metadata feature vectors), items x dimension. */
  private final float[] itemVectors;
  private final float[] itemBias;
  /** Each user's number of training interactions, the rate at which the user interacts. */
  private final int[] activity;
  /** Each user's log normaliser {@code log Z_u}, so that the user's probabilities sum to 1. */
  private final double[] logNormalisers;

  AffinityModel(
      String recipe, List<String> itemIds, List<String> userIds, int dimension, float[] userVectors, float[] itemVectors, float[] itemBias, int[] activity) {
    if (userVectors.length != userIds.size() * dimension || itemVectors.length != itemIds.size() * dimension || itemBias.length != itemIds.size()
        || activity.length != userIds.size()) {
      throw new IllegalArgumentException("vector sizes do not match " + userIds.size() + " users, " + itemIds.size() + " items and dimension " + dimension);
    }
    this.recipe = recipe;
    this.items = new ItemCatalog(itemIds);
    this.userIds = List.copyOf(userIds);
    this.userIndex = new HashMap<>(userIds.size() * 2);
    for (int u = 0; u < this.userIds.size(); u++) {
      if (userIndex.put(this.userIds.get(u), u) != null) {
        throw new IllegalArgumentException("user id " + this.userIds.get(u) + " appears twice");
      }
    }
    this.dimension = dimension;
    this.userVectors = userVectors.clone();
    this.itemVectors = itemVectors.clone();
    this.itemBias = itemBias.clone();
    this.activity = activity.clone();
    this.logNormalisers = new double[userIds.size()];
    double[] logits = new double[itemIds.size()];
    for (int u = 0; u < logNormalisers.length; u++) {
      for (int i = 0; i < logits.length; i++) {
        logits[i] = logit(u, i);
      }
      logNormalisers[u] = logSumExp(logits);
    }
  }

  @Override
  public String recipe() {
    return recipe;
  }

  @Override
  public RecipeType type() {
    return RecipeType.USER_SEGMENTATION;
  }

  @Override
  public ItemCatalog items() {
    return items;
  }

  /** Segments are lists of users without scores, as Personalize writes them. */
  @Override
  public boolean scores() {
    return false;
  }

  /** This model without the users named, so their vectors leave segments as a data deletion job asks. */
  @Override
  public Recommender withoutUsers(java.util.Set<String> removed) {
    if (removed.stream().noneMatch(userIndex::containsKey)) {
      return this;
    }
    List<String> kept = new ArrayList<>();
    float[] vectors = new float[userIds.size() * dimension];
    int[] counts = new int[userIds.size()];
    for (int u = 0; u < userIds.size(); u++) {
      if (!removed.contains(userIds.get(u))) {
        System.arraycopy(userVectors, u * dimension, vectors, kept.size() * dimension, dimension);
        counts[kept.size()] = activity[u];
        kept.add(userIds.get(u));
      }
    }
    return new AffinityModel(
        recipe, items.ids(), kept, dimension, java.util.Arrays.copyOf(vectors, kept.size() * dimension), itemVectors, itemBias,
        java.util.Arrays.copyOf(counts, kept.size()));
  }

  public int userCount() {
    return userIds.size();
  }

  public String userId(int user) {
    return userIds.get(user);
  }

  public OptionalInt userIndexOf(String id) {
    Integer u = userIndex.get(id);
    return u == null ? OptionalInt.empty() : OptionalInt.of(u);
  }

  /** {@code p(i | u)}. */
  public double probability(int user, int item) {
    return Math.exp(logit(user, item) - logNormalisers[user]);
  }

  /** A user's number of training interactions. */
  public int activity(int user) {
    return activity[user];
  }

  /** The {@code n} users the mask allows with the highest affinity for the item. */
  public UserSegment segment(int item, int n, UserMask users) {
    return segment(new int[] {item}, n, users);
  }

  /** The {@code n} users the mask allows with the highest affinity for the set of items, {@code n_u sum_i p(i | u)}. */
  public UserSegment segment(int[] itemSet, int n, UserMask users) {
    TopK top = new TopK(Math.min(n, userIds.size()));
    for (int u = 0; u < userIds.size(); u++) {
      if (users.allows(u)) {
        top.offer(u, (float) affinity(u, itemSet));
      }
    }
    int[] chosen = top.drainIndices(null);
    double[] affinities = new double[chosen.length];
    for (int k = 0; k < chosen.length; k++) {
      affinities[k] = affinity(chosen[k], itemSet);
    }
    return new UserSegment(chosen, affinities);
  }

  /** The items a mask allows, for a segment over an attribute expression. */
  public int[] itemsAllowed(ItemMask mask) {
    int[] chosen = new int[items.size()];
    int n = 0;
    for (int i = 0; i < chosen.length; i++) {
      if (mask.allows(i)) {
        chosen[n++] = i;
      }
    }
    return java.util.Arrays.copyOf(chosen, n);
  }

  /** {@code n_u sum_{i in set} p(i | u)}. */
  double affinity(int user, int[] itemSet) {
    return activity[user] * setProbability(user, itemSet);
  }

  /** {@code sum_{i in set} p(i | u)}, accumulated in double. */
  double setProbability(int user, int[] itemSet) {
    double sum = 0;
    for (int item : itemSet) {
      sum += Math.exp(logit(user, item) - logNormalisers[user]);
    }
    return sum;
  }

  private double logit(int user, int item) {
    return dot(userVectors, user * dimension, itemVectors, item * dimension, dimension) + itemBias[item];
  }

  static double dot(float[] a, int aFrom, float[] b, int bFrom, int n) {
    double s0 = 0;
    double s1 = 0;
    int k = 0;
    for (; k + 1 < n; k += 2) {
      s0 += a[aFrom + k] * b[bFrom + k];
      s1 += a[aFrom + k + 1] * b[bFrom + k + 1];
    }
    for (; k < n; k++) {
      s0 += a[aFrom + k] * b[bFrom + k];
    }
    return s0 + s1;
  }

  private static double logSumExp(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    if (logits.length == 0) {
      return 0;
    }
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - max);
    }
    return max + Math.log(sum);
  }

  static double logSumExp(float[] logits) {
    if (logits.length == 0) {
      return 0;
    }
    double max = Vectors.max(logits, logits.length);
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l - max);
    }
    return max + Math.log(sum);
  }

  void writeTo(BinaryWriter out) throws IOException {
    out.writeInt(dimension);
    out.writeInt(items.size());
    for (String id : items.ids()) {
      out.writeString(id);
    }
    out.writeInt(userIds.size());
    for (String id : userIds) {
      out.writeString(id);
    }
    out.writeFloats(userVectors);
    out.writeFloats(itemVectors);
    out.writeFloats(itemBias);
    out.writeInts(activity);
  }

  static AffinityModel readFrom(String recipe, BinaryReader in) {
    int dimension = in.readInt();
    List<String> itemIds = strings(in);
    List<String> userIds = strings(in);
    return new AffinityModel(recipe, itemIds, userIds, dimension, in.readFloats(), in.readFloats(), in.readFloats(), in.readInts());
  }

  private static List<String> strings(BinaryReader in) {
    int n = in.readInt();
    if (n < 0) {
      throw new IllegalArgumentException("negative count " + n);
    }
    List<String> ids = new ArrayList<>(Math.min(n, 1 << 20));
    for (int i = 0; i < n; i++) {
      ids.add(in.readString());
    }
    return ids;
  }
}
