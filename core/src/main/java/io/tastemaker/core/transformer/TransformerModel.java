package io.tastemaker.core.transformer;

import io.tastemaker.core.data.ContextVocabulary;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.kernel.BlockScorer;
import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.PanelItems;
import io.tastemaker.core.kernel.ScratchPool;
import io.tastemaker.core.kernel.TopK;
import io.tastemaker.core.kernel.Vectors;
import io.tastemaker.core.model.History;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Ranking;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.model.UserQuery;
import io.tastemaker.core.model.UserRefit;
import io.tastemaker.core.recipe.RecipeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A trained v2 model as it serves: the network, each known user's newest items, and the item
 * vectors. A user's state is the network's output at their newest item, over their training history
 * followed by the events streamed since (whatever session they arrive in: the model reads a
 * sequence of items, not sessions). Scores are Personalize's: {@code exp(h . v_i + b_i)} over the
 * sum for every item of the model; a ranking normalises over the given items only. A request's
 * {@code context} shifts the state as the target's interaction context did in training. Someone the
 * model has never seen gets the training popularity, also a distribution over every item.
 */
public final class TransformerModel implements Recommender, UserRefit {
  private final String recipe;
  private final RecipeType type;
  private final ItemCatalog items;
  private final TransformerWeights weights;
  private final int[][] itemFeatures;
  private final Vocabularies vocabularies;
  private final ContextVocabulary contexts;
  private final Map<String, int[]> userFeatures;
  private final Encoder encoder;
  private final float[][] vectors;
  /** The item table laid out for scoring every item ({@link PanelItems}), with the output biases. */
  private final PanelItems table;
  private final long[] itemCounts;
  private final double[] popularity;
  private final float[] popularityWeights;
  private final List<String> userIds;
  private final Map<String, Integer> userIndex;
  private final int[][] histories;
  /** Logits and exponentials lent to one request at a time, so that serving allocates nothing per item. */
  private final ScratchPool<float[][]> scratch;
  /** The first-order transition expert on the newest item; {@link TransitionBias#NONE} for none. */
  private final TransitionBias transitions;

  /**
   * The names of a model's metadata features, in the order of its vectors.
   *
   * @param items the Items dataset's features
   * @param users the Users dataset's features
   * @param contexts the Interactions dataset's contextual features ({@code DEVICE=phone})
   */
  record Vocabularies(List<String> items, List<String> users, List<String> contexts) {
    Vocabularies {
      items = List.copyOf(items);
      users = List.copyOf(users);
      contexts = List.copyOf(contexts);
    }
  }

  TransformerModel(
      String recipe, RecipeType type, List<String> itemIds, TransformerWeights weights, int[][] itemFeatures, Vocabularies vocabularies,
      Map<String, int[]> userFeatures, long[] itemCounts, List<String> userIds, int[][] histories) {
    this(recipe, type, itemIds, weights, itemFeatures, vocabularies, userFeatures, itemCounts, userIds, histories, TransitionBias.NONE);
  }

  private TransformerModel(
      String recipe, RecipeType type, List<String> itemIds, TransformerWeights weights, int[][] itemFeatures, Vocabularies vocabularies,
      Map<String, int[]> userFeatures, long[] itemCounts, List<String> userIds, int[][] histories, TransitionBias transitions) {
    this.transitions = transitions;
    this.recipe = recipe;
    this.type = type;
    this.items = new ItemCatalog(itemIds);
    this.weights = weights;
    this.itemFeatures = itemFeatures;
    this.vocabularies = vocabularies;
    this.contexts = new ContextVocabulary(vocabularies.contexts());
    this.userFeatures = Map.copyOf(userFeatures);
    this.encoder = new Encoder(weights, itemFeatures);
    int n = itemIds.size();
    this.vectors = new float[n][weights.dim];
    for (int i = 0; i < n; i++) {
      encoder.itemVector(i, vectors[i]);
    }
    this.table = PanelItems.of(vectors, weights.outputBias[0], weights.dim);
    this.itemCounts = itemCounts.clone();
    double total = 0;
    for (long c : itemCounts) {
      total += c + 1;
    }
    this.popularity = new double[n];
    this.popularityWeights = new float[n];
    for (int i = 0; i < n; i++) {
      popularity[i] = (itemCounts[i] + 1) / total;
      popularityWeights[i] = (float) popularity[i];
    }
    this.userIds = List.copyOf(userIds);
    this.userIndex = new HashMap<>(userIds.size() * 2);
    for (int u = 0; u < userIds.size(); u++) {
      userIndex.put(userIds.get(u), u);
    }
    this.histories = histories;
    this.scratch = ScratchPool.floats(2, n);
  }

  /** A model with the given network and every user of {@code data} with their newest items; unknown items are skipped. */
  static TransformerModel withUsers(
      String recipe, RecipeType type, List<String> itemIds, TransformerWeights w, int[][] itemFeatures, Vocabularies vocabularies,
      Map<String, int[]> userFeatures, InteractionData data) {
    return withUsers(recipe, type, itemIds, w, itemFeatures, vocabularies, userFeatures, data, TransitionBias.NONE);
  }

  /** {@link #withUsers(String, RecipeType, List, TransformerWeights, int[][], Vocabularies, Map, InteractionData)} with a transition expert. */
  static TransformerModel withUsers(
      String recipe, RecipeType type, List<String> itemIds, TransformerWeights w, int[][] itemFeatures, Vocabularies vocabularies,
      Map<String, int[]> userFeatures, InteractionData data, TransitionBias transitions) {
    Map<String, Integer> index = new HashMap<>(itemIds.size() * 2);
    for (int i = 0; i < itemIds.size(); i++) {
      index.put(itemIds.get(i), i);
    }
    int[] toModel = new int[data.itemCount()];
    for (int i = 0; i < toModel.length; i++) {
      toModel[i] = index.getOrDefault(data.itemId(i), -1);
    }
    long[] counts = new long[itemIds.size()];
    int[][] histories = new int[data.userCount()][];
    for (int u = 0; u < data.userCount(); u++) {
      int[] h = new int[Math.min(w.maxLength, data.historyLength(u))];
      int k = h.length;
      for (int i = data.end(u) - 1; i >= data.start(u) && k > 0; i--) {
        int item = toModel[data.item(i)];
        if (item >= 0) {
          h[--k] = item;
        }
      }
      histories[u] = Arrays.copyOfRange(h, k, h.length);
    }
    for (int i = 0; i < data.size(); i++) {
      int item = toModel[data.item(i)];
      if (item >= 0) {
        counts[item]++;
      }
    }
    return new TransformerModel(recipe, type, itemIds, w, itemFeatures, vocabularies, userFeatures, counts, data.userIds(), histories, transitions);
  }

  /** This model without the users named: their histories and features, as a data deletion job asks. */
  @Override
  public Recommender withoutUsers(Set<String> removed) {
    if (removed.stream().noneMatch(u -> userIndex.containsKey(u) || userFeatures.containsKey(u))) {
      return this;
    }
    List<String> kept = new java.util.ArrayList<>();
    List<int[]> keptHistories = new java.util.ArrayList<>();
    for (int u = 0; u < userIds.size(); u++) {
      if (!removed.contains(userIds.get(u))) {
        kept.add(userIds.get(u));
        keptHistories.add(histories[u]);
      }
    }
    Map<String, int[]> features = new HashMap<>(userFeatures);
    features.keySet().removeAll(removed);
    return new TransformerModel(
        recipe, type, items.ids(), weights, itemFeatures, vocabularies, features, itemCounts, kept, keptHistories.toArray(new int[0][]), transitions);
  }

  @Override
  public Recommender withUsers(InteractionData all) {
    return withUsers(recipe, type, items.ids(), weights, itemFeatures, vocabularies, userFeatures, all, transitions);
  }

  /** The same model with another transition expert. */
  TransformerModel withTransitions(TransitionBias table) {
    return new TransformerModel(recipe, type, items.ids(), weights, itemFeatures, vocabularies, userFeatures, itemCounts, userIds, histories, table);
  }

  /** Whether the model carries a transition expert (its held-out users chose one). */
  boolean hasTransitions() {
    return !transitions.isEmpty();
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

  /** The number of positions the network reads. */
  public int maxSequenceLength() {
    return weights.maxLength;
  }

  /** Whether requests' context changes this model's answers. */
  public boolean usesContext() {
    return !contexts.isEmpty();
  }

  /** The items the network reads for a query: the user's newest training items, then the query's, at most the maximum length. */
  int[] sequence(UserQuery query) {
    int[] known = query.userId().map(userIndex::get).map(u -> histories[u]).orElse(new int[0]);
    History recent = query.recent();
    int total = known.length + recent.length();
    int length = Math.min(weights.maxLength, total);
    int[] seq = new int[length];
    for (int k = 0; k < length; k++) {
      int p = total - length + k;
      seq[k] = p < known.length ? known[p] : recent.item(p - known.length);
    }
    return seq;
  }

  /** The state items are scored from, or empty for someone the model knows nothing of. */
  Optional<float[]> state(UserQuery query) {
    return state(query, sequence(query));
  }

  private Optional<float[]> state(UserQuery query, int[] seq) {
    if (seq.length == 0) {
      return Optional.empty();
    }
    int[] features = query.userId().map(id -> userFeatures.getOrDefault(id, new int[0])).orElse(new int[0]);
    Encoder.Pass pass = encoder.forward(seq, features, 0f, null);
    float[] h = pass.h[pass.length - 1];
    weights.addContext(contexts.featuresOf(query.context()), h);
    return Optional.of(h);
  }

  /** Every item's probability for the user: the softmax over all items, or popularity for strangers. */
  public double[] probabilities(UserQuery query) {
    int[] seq = sequence(query);
    Optional<float[]> state = state(query, seq);
    double[] p = new double[items.size()];
    if (state.isEmpty()) {
      System.arraycopy(popularity, 0, p, 0, p.length);
      return p;
    }
    float[][] buffers = scratch.borrow();
    try {
      double z = exponentiate(state.get(), seq, buffers);
      for (int i = 0; i < p.length; i++) {
        p[i] = buffers[1][i] / z;
      }
    } finally {
      scratch.release(buffers);
    }
    return p;
  }

  /**
   * Every item's probability up to a common factor, into {@code out} (at least the catalogue's
   * size), and returns their sum: {@code e^(logit - max)}, or the training popularity (summing to 1)
   * for someone the model knows nothing of. No array of the catalogue's size is allocated.
   */
  public double exponentials(UserQuery query, float[] out) {
    int[] seq = sequence(query);
    Optional<float[]> state = state(query, seq);
    if (state.isEmpty()) {
      System.arraycopy(popularityWeights, 0, out, 0, popularityWeights.length);
      return 1;
    }
    float[][] buffers = scratch.borrow();
    try {
      float[] logits = buffers[0];
      table.logits(state.get(), logits);
      addHistoryBias(seq, logits);
      return exponentials(logits, out);
    } finally {
      scratch.release(buffers);
    }
  }

  /** Every item's {@code e^(logit - max)} into {@code buffers[1]} (logits in [0]); returns their sum. */
  private double exponentiate(float[] h, int[] seq, float[][] buffers) {
    table.logits(h, buffers[0]);
    addHistoryBias(seq, buffers[0]);
    return exponentials(buffers[0], buffers[1]);
  }

  /** The learned bias on the logits of the items a user's sequence holds. */
  float historyBias() {
    return weights.historyBias[0][0];
  }

  /**
   * The learned history bias on the logit of each item the sequence holds, once per item, and the
   * transition expert's boosts of the items that followed its newest item.
   */
  private void addHistoryBias(int[] seq, float[] logits) {
    float beta = weights.historyBias[0][0];
    for (int item : Arrays.stream(seq).distinct().toArray()) {
      logits[item] += beta;
    }
    transitions.addTo(newest(seq), logits);
  }

  private static int newest(int[] seq) {
    return seq.length == 0 ? -1 : seq[seq.length - 1];
  }

  /** {@code exps[i] = e^(logits[i] - max)} for every item, in one vectorised pass; returns their sum. */
  private double exponentials(float[] logits, float[] exps) {
    int n = items.size();
    return Gemm.expShiftedSum(logits, Vectors.max(logits, n), exps, n);
  }

  @Override
  public Ranking recommend(UserQuery query, int n, ItemMask mask) {
    int[] seq = sequence(query);
    Optional<float[]> state = state(query, seq);
    if (state.isEmpty()) {
      return ranked(popularityWeights, 1, true, n, mask);
    }
    float[][] buffers = scratch.borrow();
    try {
      return ranked(buffers[1], exponentiate(state.get(), seq, buffers), false, n, mask);
    } finally {
      scratch.release(buffers);
    }
  }

  /**
   * {@link #recommend} for many users at once, with the same answers: the users' vectors are scored
   * against the item table in blocks ({@link BlockScorer}), which reads the table once per block.
   */
  @Override
  public List<Ranking> recommendAll(List<UserQuery> queries, int n, List<ItemMask> masks) {
    if (queries.size() != masks.size()) {
      throw new IllegalArgumentException(queries.size() + " queries but " + masks.size() + " masks");
    }
    List<float[][]> vectors = new ArrayList<>(queries.size());
    List<int[]> sequences = new ArrayList<>(queries.size());
    for (UserQuery query : queries) {
      int[] seq = sequence(query);
      sequences.add(seq);
      vectors.add(state(query, seq).map(h -> new float[][] {h}).orElse(new float[0][]));
    }
    return new BlockScorer(table).score(vectors, (k, logits) -> {
      if (logits.length == 0) {
        return ranked(popularityWeights, 1, true, n, masks.get(k));
      }
      addHistoryBias(sequences.get(k), logits[0]);
      float[][] buffers = scratch.borrow();
      try {
        return ranked(buffers[1], exponentials(logits[0], buffers[1]), false, n, masks.get(k));
      } finally {
        scratch.release(buffers);
      }
    });
  }

  /** The top n by {@code weightsOfItems}, scored {@code weight / z}, or by popularity for a stranger. */
  private Ranking ranked(float[] weightsOfItems, double z, boolean stranger, int n, ItemMask mask) {
    TopK top = new TopK(Math.min(n, items.size()));
    int size = items.size();
    // Once the heap is full few items reach its threshold: a vector scan skips to the next that does.
    float threshold = top.threshold();
    for (int i = Gemm.nextAtLeast(weightsOfItems, threshold, 0, size); i < size; i = Gemm.nextAtLeast(weightsOfItems, threshold, i + 1, size)) {
      if (mask.allows(i)) {
        top.offer(i, weightsOfItems[i]);
        threshold = top.threshold();
      }
    }
    int[] best = top.drainIndices(null);
    double[] scores = new double[best.length];
    for (int k = 0; k < best.length; k++) {
      scores[k] = stranger ? popularity[best[k]] : weightsOfItems[best[k]] / z;
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
    int[] seq = sequence(query);
    Optional<float[]> state = state(query, seq);
    Set<Integer> held = Arrays.stream(seq).boxed().collect(Collectors.toSet());
    double[] logits = new double[distinct.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < distinct.length; k++) {
      int item = distinct[k];
      logits[k] = state.isPresent()
          ? Vectors.dot(state.get(), vectors[item], weights.dim) + weights.outputBias[0][item] + (held.contains(item) ? weights.historyBias[0][0] : 0)
              + transitions.boost(newest(seq), item)
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
    out.writeInt(weights.blocks);
    out.writeInt(weights.maxLength);
    out.writeInt(weights.itemFeatures.length);
    out.writeInt(weights.userFeatures.length);
    out.writeInt(weights.contextFeatures.length);
    for (String id : items.ids()) {
      out.writeString(id);
    }
    for (int[] f : itemFeatures) {
      out.writeInts(f);
    }
    for (float[][] tensor : weights.all()) {
      for (float[] row : tensor) {
        out.writeFloats(row);
      }
    }
    out.writeLongs(itemCounts);
    writeStrings(out, vocabularies.items());
    writeStrings(out, vocabularies.users());
    writeStrings(out, vocabularies.contexts());
    out.writeInt(userFeatures.size());
    for (Map.Entry<String, int[]> e : new TreeMap<>(userFeatures).entrySet()) {
      out.writeString(e.getKey());
      out.writeInts(e.getValue());
    }
    out.writeInt(userIds.size());
    for (int u = 0; u < userIds.size(); u++) {
      out.writeString(userIds.get(u));
      out.writeInts(histories[u]);
    }
    transitions.writeTo(out);
  }

  private static void writeStrings(BinaryWriter out, List<String> strings) throws IOException {
    out.writeInt(strings.size());
    for (String s : strings) {
      out.writeString(s);
    }
  }

  private static List<String> readStrings(BinaryReader in) {
    int n = in.readInt();
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add(in.readString());
    }
    return strings;
  }

  static TransformerModel readFrom(String recipe, BinaryReader in) {
    RecipeType type = RecipeType.valueOf(in.readString());
    int itemCount = in.readInt();
    int dim = in.readInt();
    int blocks = in.readInt();
    int maxLength = in.readInt();
    int itemFeatureCount = in.readInt();
    int userFeatureCount = in.readInt();
    // Model files before version 9 have no interaction contexts.
    int contextFeatureCount = in.version() >= 9 ? in.readInt() : 0;
    List<String> ids = new ArrayList<>(itemCount);
    for (int i = 0; i < itemCount; i++) {
      ids.add(in.readString());
    }
    int[][] itemFeatures = new int[itemCount][];
    for (int i = 0; i < itemCount; i++) {
      itemFeatures[i] = in.readInts();
      for (int f : itemFeatures[i]) {
        if (f < 0 || f >= itemFeatureCount) {
          throw new IllegalArgumentException("item feature " + f + " outside [0, " + itemFeatureCount + ")");
        }
      }
    }
    TransformerWeights w = new TransformerWeights(itemCount, dim, blocks, maxLength, itemFeatureCount, userFeatureCount, contextFeatureCount);
    List<float[][]> stored = w.all();
    if (in.version() < 9) {
      // The context vectors come last; before version 9 there are none.
      stored = stored.subList(0, stored.size() - 1);
    }
    if (in.version() < 8) {
      // Before version 8 there was no distance bias, before 5 no history bias: they stay 0, which scores as those models did.
      stored = stored.subList(0, stored.size() - (in.version() < 5 ? 2 : 1));
    }
    for (float[][] tensor : stored) {
      for (float[] row : tensor) {
        float[] read = in.readFloats();
        if (read.length != row.length) {
          throw new IllegalArgumentException("a weight row of " + read.length + " values where " + row.length + " belong");
        }
        System.arraycopy(read, 0, row, 0, row.length);
      }
    }
    long[] counts = in.readLongs();
    List<String> itemVocabulary = readStrings(in);
    List<String> userVocabulary = readStrings(in);
    List<String> contextVocabulary = in.version() >= 9 ? readStrings(in) : List.of();
    if (contextVocabulary.size() != contextFeatureCount) {
      throw new IllegalArgumentException(contextVocabulary.size() + " context features named where " + contextFeatureCount + " have vectors");
    }
    int featured = in.readInt();
    Map<String, int[]> userFeatures = new HashMap<>();
    for (int u = 0; u < featured; u++) {
      userFeatures.put(in.readString(), in.readInts());
    }
    int users = in.readInt();
    List<String> userIds = new ArrayList<>(users);
    int[][] histories = new int[users][];
    for (int u = 0; u < users; u++) {
      userIds.add(in.readString());
      histories[u] = in.readInts();
      for (int item : histories[u]) {
        if (item < 0 || item >= itemCount || histories[u].length > maxLength) {
          throw new IllegalArgumentException("user " + userIds.get(u) + " has a history outside the model's " + itemCount + " items");
        }
      }
    }
    // Model files before version 11 have no transition expert.
    TransitionBias transitions = in.version() >= 11 ? TransitionBias.readFrom(in, itemCount) : TransitionBias.NONE;
    return new TransformerModel(
        recipe, type, ids, w, itemFeatures, new Vocabularies(itemVocabulary, userVocabulary, contextVocabulary), userFeatures, counts, userIds, histories,
        transitions);
  }
}
