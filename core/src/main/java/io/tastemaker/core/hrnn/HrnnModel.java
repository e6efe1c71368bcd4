package io.tastemaker.core.hrnn;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.kernel.FastMath;
import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.recipe.RecipeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained HRNN as it serves: each known user's state after their training history, and the item
 * vectors. A user's items are scored with Personalize's formula, a softmax over every item of the
 * model: {@code exp(u . v_i) / sum_j exp(u . v_j)}, with {@code u = [h, 1]} and {@code v_i = [e_i,
 * b_i]}; a ranking normalises over the given items only.
 *
 * <p>Someone the model has never seen gets the training popularity as scores, which is a
 * distribution over all items too, until their interactions give them a state.
 */
public final class HrnnModel implements Recommender {
  private final String recipe;
  private final RecipeType type;
  private final ItemCatalog items;
  private final HrnnWeights weights;
  private final HrnnInference inference;
  private final long sessionGapSeconds;
  private final float[][] embeddingsT;
  private final float[] bias;
  private final long[] itemCounts;
  private final double[] popularity;
  private final Map<String, Integer> userIndex;
  private final List<String> userIds;
  private final float[][] userH;
  private final float[][] userC;
  private final long[] userTime;

  HrnnModel(
      String recipe, RecipeType type, List<String> itemIds, HrnnWeights weights, long sessionGapSeconds, long[] itemCounts,
      List<String> userIds, float[][] userH, float[][] userC, long[] userTime) {
    this.recipe = recipe;
    this.type = type;
    this.items = new ItemCatalog(itemIds);
    this.weights = weights;
    this.sessionGapSeconds = sessionGapSeconds;
    this.inference = new HrnnInference(weights, sessionGapSeconds);
    this.embeddingsT = new float[weights.dim][weights.items];
    Gemm.transpose(weights.embeddings, embeddingsT, weights.items, weights.dim);
    this.bias = weights.outputBias[0];
    this.itemCounts = itemCounts.clone();
    double total = 0;
    for (long c : itemCounts) {
      total += c + 1;
    }
    this.popularity = new double[itemCounts.length];
    for (int i = 0; i < itemCounts.length; i++) {
      popularity[i] = (itemCounts[i] + 1) / total;
    }
    this.userIds = List.copyOf(userIds);
    this.userIndex = new HashMap<>(userIds.size() * 2);
    for (int u = 0; u < userIds.size(); u++) {
      userIndex.put(userIds.get(u), u);
    }
    this.userH = userH;
    this.userC = userC;
    this.userTime = userTime;
  }

  @Override
  public String recipe() {
    return recipe;
  }

  @Override
  public RecipeType type() {
    return type;
  }

  @Override
  public ItemCatalog items() {
    return items;
  }

  @Override
  public boolean scores() {
    return true;
  }

  public int dimension() {
    return weights.dim;
  }

  /** The user's state after their training history and the query's new interactions, if any. */
  Optional<UserState> state(UserQuery query) {
    UserState state = null;
    if (query.userId().isPresent()) {
      Integer u = userIndex.get(query.userId().get());
      if (u != null) {
        state = new UserState(weights.dim);
        System.arraycopy(userH[u], 0, state.h, 0, weights.dim);
        System.arraycopy(userC[u], 0, state.c, 0, weights.dim);
        state.lastTime = userTime[u];
        state.started = true;
      }
    }
    History recent = query.recent();
    for (int i = 0; i < recent.length(); i++) {
      if (state == null) {
        state = new UserState(weights.dim);
      }
      inference.advance(state, recent.item(i), recent.timestamp(i));
    }
    return Optional.ofNullable(state);
  }

  /** Every item's probability for the user: the softmax over all items, or popularity for strangers. */
  public double[] probabilities(UserQuery query) {
    Optional<UserState> state = state(query);
    double[] p = new double[items.size()];
    if (state.isEmpty()) {
      System.arraycopy(popularity, 0, p, 0, p.length);
      return p;
    }
    float[] logits = new float[items.size()];
    HrnnInference.logits(state.get().h, embeddingsT, bias, logits);
    float max = Float.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = FastMath.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  @Override
  public Ranking recommend(UserQuery query, int n, ItemMask mask) {
    double[] p = probabilities(query);
    TopK top = new TopK(Math.min(n, p.length));
    for (int i = 0; i < p.length; i++) {
      if ((float) p[i] >= top.threshold() && mask.allows(i)) {
        top.offer(i, (float) p[i]);
      }
    }
    int[] best = top.drainIndices(null);
    double[] scores = new double[best.length];
    for (int k = 0; k < best.length; k++) {
      scores[k] = p[best[k]];
    }
    return new Ranking(best, scores);
  }

  @Override
  public Ranking popular(int n, ItemMask mask) {
    return recommend(UserQuery.anonymous(History.EMPTY), n, mask);
  }

  @Override
  public Ranking rank(UserQuery query, int[] candidates) {
    int[] distinct = Arrays.stream(candidates).distinct().toArray();
    double[] logits = new double[distinct.length];
    Optional<UserState> state = state(query);
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < distinct.length; k++) {
      int item = distinct[k];
      logits[k] =
          state.isPresent()
              ? io.tastemaker.core.kernel.Vectors.dot(state.get().h, weights.embeddings[item], weights.dim) + bias[item]
              : Math.log(popularity[item]);
      max = Math.max(max, logits[k]);
    }
    double sum = 0;
    double[] p = new double[distinct.length];
    for (int k = 0; k < distinct.length; k++) {
      p[k] = Math.exp(logits[k] - max);
      sum += p[k];
    }
    Integer[] order = new Integer[distinct.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
      p[k] /= sum;
    }
    Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(distinct[a], distinct[b]));
    int[] ranked = new int[order.length];
    double[] scores = new double[order.length];
    for (int k = 0; k < order.length; k++) {
      ranked[k] = distinct[order[k]];
      scores[k] = p[order[k]];
    }
    return new Ranking(ranked, scores);
  }

  void writeTo(BinaryWriter out) throws IOException {
    out.writeString(type.name());
    out.writeInt(weights.items);
    out.writeInt(weights.dim);
    out.writeLong(sessionGapSeconds);
    for (String id : items.ids()) {
      out.writeString(id);
    }
    for (float[][] tensor : weights.tensors()) {
      for (float[] row : tensor) {
        out.writeFloats(row);
      }
    }
    out.writeLongs(itemCounts);
    out.writeInt(userIds.size());
    for (int u = 0; u < userIds.size(); u++) {
      out.writeString(userIds.get(u));
      out.writeFloats(userH[u]);
      out.writeFloats(userC[u]);
    }
    out.writeLongs(userTime);
  }

  static HrnnModel readFrom(String recipe, BinaryReader in) {
    RecipeType type = RecipeType.valueOf(in.readString());
    int itemCount = in.readInt();
    int dim = in.readInt();
    long gap = in.readLong();
    List<String> ids = new ArrayList<>(itemCount);
    for (int i = 0; i < itemCount; i++) {
      ids.add(in.readString());
    }
    HrnnWeights w = new HrnnWeights(itemCount, dim);
    for (float[][] tensor : w.tensors()) {
      for (int r = 0; r < tensor.length; r++) {
        float[] row = in.readFloats();
        System.arraycopy(row, 0, tensor[r], 0, tensor[r].length);
      }
    }
    long[] counts = in.readLongs();
    int users = in.readInt();
    List<String> userIds = new ArrayList<>(users);
    float[][] h = new float[users][];
    float[][] c = new float[users][];
    for (int u = 0; u < users; u++) {
      userIds.add(in.readString());
      h[u] = in.readFloats();
      c[u] = in.readFloats();
    }
    long[] times = in.readLongs();
    return new HrnnModel(recipe, type, ids, w, gap, counts, userIds, h, c, times);
  }
}
