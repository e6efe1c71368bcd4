package io.tastemaker.core.hrnn;

import io.tastemaker.core.data.ContextVocabulary;
import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.data.Metadata;
import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.kernel.BlockScorer;
import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.Logits;
import io.tastemaker.core.kernel.PanelItems;
import io.tastemaker.core.kernel.QuantizedItems;
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
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * A trained HRNN as it serves: each known user's state after their training history, and the item
 * vectors. A user's items are scored with Personalize's formula, a softmax over every item of the
 * model: {@code exp(u . v_i) / sum_j exp(u . v_j)}, with {@code u = [h, 1]} and {@code v_i = [e_i,
 * b_i]}, plus the learned history bias for the items the user has read; a ranking normalises over
 * the given items only. {@code h} is the network's state plus the history mix of the items the user
 * has read ({@link HistoryMix}).
 *
 * <p>With contextual metadata, a request's context (such as {@code DEVICE=phone}) shifts the user
 * vector: {@code h} plus the mean of the context's feature vectors, as in training.
 *
 * <p>Someone the model has never seen gets the training popularity as scores, which is a
 * distribution over all items too, until their interactions give them a state.
 */
public final class HrnnModel implements Recommender, UserRefit {
  private final String recipe;
  private final RecipeType type;
  private final ItemCatalog items;
  private final HrnnWeights weights;
  private final float[][] itemVectors;
  private final HrnnInference inference;
  private final long sessionGapSeconds;
  private final int maxSequenceLength;
  /** The item table laid out for scoring every item ({@link PanelItems}), with the biases. */
  private final PanelItems table;
  private final float[] bias;
  private final long[] itemCounts;
  private final double[] popularity;
  /** The popularity as floats, the weights top-n picks strangers' items by. */
  private final float[] popularityWeights;
  private final boolean[] cold;
  private final List<String> itemVocabulary;
  private final List<String> userVocabulary;
  private final Map<String, int[]> userFeatures;
  private final ContextVocabulary contexts;
  private final KnownUsers users;
  /** Logits and exponentials lent to one request at a time, so that serving allocates nothing per item. */
  private final ScratchPool<float[][]> scratch;
  /** Catalogues above this many items are scored through the 8-bit table. */
  private final int quantizedAbove;
  /** The 8-bit item table of a large catalogue, for a one-user answer's first pass. */
  private final Optional<QuantizedItems> quantized;

  /**
   * Items above which GetRecommendations takes a first pass over the 8-bit table ({@link
   * QuantizedShortlist}): on one core the exact pass over a million items' floats takes about 20 ms
   * at p99, a quarter of a million well under 10.
   */
  public static final int QUANTIZED_ABOVE = 200_000;

  HrnnModel(
      String recipe, RecipeType type, List<String> itemIds, HrnnWeights weights, float[][] itemVectors, boolean[] cold, long sessionGapSeconds,
      int maxSequenceLength, long[] itemCounts, List<String> itemVocabulary, List<String> userVocabulary, Map<String, int[]> userFeatures,
      List<String> contextVocabulary, KnownUsers users, int quantizedAbove) {
    this.itemVocabulary = List.copyOf(itemVocabulary);
    this.contexts = new ContextVocabulary(contextVocabulary);
    this.recipe = recipe;
    this.type = type;
    this.items = new ItemCatalog(itemIds);
    this.weights = weights;
    this.itemVectors = itemVectors;
    this.cold = cold.clone();
    this.sessionGapSeconds = sessionGapSeconds;
    this.maxSequenceLength = maxSequenceLength;
    this.inference = new HrnnInference(weights, itemVectors, sessionGapSeconds);
    this.bias = weights.outputBias[0];
    this.table = PanelItems.of(itemVectors, bias, weights.dim);
    this.scratch = ScratchPool.floats(4, itemVectors.length);
    this.itemCounts = itemCounts.clone();
    double total = 0;
    for (long c : itemCounts) {
      total += c + 1;
    }
    this.popularity = new double[itemCounts.length];
    for (int i = 0; i < itemCounts.length; i++) {
      popularity[i] = (itemCounts[i] + 1) / total;
    }
    this.popularityWeights = new float[popularity.length];
    for (int i = 0; i < popularity.length; i++) {
      popularityWeights[i] = (float) popularity[i];
    }
    this.userVocabulary = List.copyOf(userVocabulary);
    this.userFeatures = Map.copyOf(userFeatures);
    this.users = users;
    this.quantizedAbove = quantizedAbove;
    this.quantized = itemVectors.length > quantizedAbove ? Optional.of(QuantizedItems.of(itemVectors, bias, weights.dim)) : Optional.empty();
  }

  /**
   * This model with the 8-bit first pass for catalogues above {@code items} items ({@link
   * Integer#MAX_VALUE}: never, every answer from the float table), for benchmarks and tests.
   */
  public HrnnModel quantizedAbove(int items) {
    return new HrnnModel(
        recipe, type, this.items.ids(), weights, itemVectors, cold, sessionGapSeconds, maxSequenceLength, itemCounts, itemVocabulary, userVocabulary,
        userFeatures, contexts.features(), users, items);
  }

  /**
   * The user's top n from the 8-bit first pass ({@link QuantizedShortlist}), or empty for a catalogue
   * at or below the threshold or when the bound cannot shortlist; {@code scratch} holds two items' worth of floats.
   */
  Optional<QuantizedShortlist.Answer> shortlist(UserState s, int n, ItemMask mask, float[][] scratch) {
    if (quantized.isEmpty()) {
      return Optional.empty();
    }
    double w = SessionBlend.weight(s);
    float[][] vectors = w == 0 ? new float[][] {s.h} : new float[][] {s.h, s.previous};
    double[] shares = w == 0 ? new double[] {1} : new double[] {1 - w, w};
    return QuantizedShortlist.top(vectors, shares, quantized.get(), itemVectors, bias, s.seen, weights.historyBias[0][0], n, mask, scratch);
  }

  /** Item i's exact logit for one of the state's user vectors h: the value the pass over the float table computes, and the history bias. */
  float logit(UserState s, float[] h, int item) {
    return Logits.one(h, itemVectors[item], bias[item]) + historyBias(s, item);
  }

  /** The learned bias on the logits of the items a user has read. */
  float historyBias() {
    return weights.historyBias[0][0];
  }

  /** Whether one-user answers take a first pass over the 8-bit table. */
  public boolean quantized() {
    return quantized.isPresent();
  }

  /**
   * A model with the given weights and every user of {@code data}, each in the state their newest
   * {@code maxSequenceLength} interactions lead to, and the popularity of {@code data}'s items; items
   * the model does not know are skipped.
   */
  static HrnnModel withUsers(
      String recipe, RecipeType type, List<String> itemIds, HrnnWeights w, float[][] itemVectors, boolean[] cold, long sessionGapSeconds,
      int maxSequenceLength, List<String> itemVocabulary, List<String> userVocabulary, Map<String, int[]> userFeatures, List<String> contextVocabulary,
      InteractionData data) {
    return withUsers(
        recipe, type, itemIds, w, itemVectors, cold, sessionGapSeconds, maxSequenceLength, itemVocabulary, userVocabulary, userFeatures, contextVocabulary,
        data, KnownUsers.NONE, u -> false);
  }

  /** As above, keeping the states {@code known} holds for the users {@code unchanged} names. */
  private static HrnnModel withUsers(
      String recipe, RecipeType type, List<String> itemIds, HrnnWeights w, float[][] itemVectors, boolean[] cold, long sessionGapSeconds,
      int maxSequenceLength, List<String> itemVocabulary, List<String> userVocabulary, Map<String, int[]> userFeatures, List<String> contextVocabulary,
      InteractionData data, KnownUsers known, IntPredicate unchanged) {
    HrnnInference inference = new HrnnInference(w, itemVectors, sessionGapSeconds);
    Map<String, Integer> index = new HashMap<>(itemIds.size() * 2);
    for (int i = 0; i < itemIds.size(); i++) {
      index.put(itemIds.get(i), i);
    }
    int[] toModel = new int[data.itemCount()];
    for (int i = 0; i < toModel.length; i++) {
      toModel[i] = index.getOrDefault(data.itemId(i), -1);
    }
    // Strangers get the popularity of everyone the model serves, not only of whom it trained on.
    long[] counts = new long[itemIds.size()];
    for (int i = 0; i < data.size(); i++) {
      int item = toModel[data.item(i)];
      if (item >= 0) {
        counts[item]++;
      }
    }
    KnownUsers users = KnownUsers.of(data, inference, w.dim, toModel, maxSequenceLength, userFeatures, known, unchanged);
    return new HrnnModel(
        recipe, type, itemIds, w, itemVectors, cold, sessionGapSeconds, maxSequenceLength, counts, itemVocabulary, userVocabulary, userFeatures,
        contextVocabulary, users, QUANTIZED_ABOVE);
  }

  @Override
  public Recommender withUsers(InteractionData all) {
    return withUsers(
        recipe, type, items.ids(), weights, itemVectors, cold, sessionGapSeconds, maxSequenceLength, itemVocabulary, userVocabulary, userFeatures,
        contexts.features(), all);
  }

  @Override
  public Recommender withUsers(InteractionData all, IntPredicate unchanged) {
    return withUsers(
        recipe, type, items.ids(), weights, itemVectors, cold, sessionGapSeconds, maxSequenceLength, itemVocabulary, userVocabulary, userFeatures,
        contexts.features(), all, users, unchanged);
  }

  @Override
  public Recommender withoutUsers(java.util.Set<String> removed) {
    if (removed.stream().noneMatch(u -> users.knows(u) || userFeatures.containsKey(u))) {
      return this;
    }
    Map<String, int[]> features = new HashMap<>(userFeatures);
    features.keySet().removeAll(removed);
    return new HrnnModel(
        recipe, type, items.ids(), weights, itemVectors, cold, sessionGapSeconds, maxSequenceLength, itemCounts, itemVocabulary, userVocabulary,
        features, contexts.features(), users.without(removed), quantizedAbove);
  }

  /**
   * This model with items it has not seen added from their metadata alone, as {@code trainingMode
   * UPDATE} does for aws-hrnn-coldstart: each new item's vector is the mean of its known features'
   * vectors. Items already in the model and features the model never learned are left as they are.
   */
  public HrnnModel withNewItems(Metadata metadata, List<String> itemIds) {
    List<String> known = items.ids();
    Map<String, Integer> vocabulary = new HashMap<>();
    for (int f = 0; f < itemVocabulary.size(); f++) {
      vocabulary.put(itemVocabulary.get(f), f);
    }
    List<String> all = new ArrayList<>(known);
    List<float[]> vectors = new ArrayList<>(Arrays.asList(itemVectors));
    for (String id : itemIds) {
      if (items.indexOf(id).isPresent() || all.contains(id)) {
        continue;
      }
      float[] v = new float[weights.dim];
      int[] features =
          metadata.featuresOf(id).map(f -> Arrays.stream(f).map(x -> vocabulary.getOrDefault(metadata.vocabulary().get(x), -1)).filter(x -> x >= 0).toArray())
              .orElse(new int[0]);
      for (int f : features) {
        Vectors.axpy(1f / features.length, weights.itemFeatures[f], v, weights.dim);
      }
      all.add(id);
      vectors.add(v);
    }
    int n = all.size();
    HrnnWeights grown = weights.withItems(n);
    boolean[] grownCold = Arrays.copyOf(cold, n);
    Arrays.fill(grownCold, known.size(), n, true);
    long[] counts = Arrays.copyOf(itemCounts, n);
    return new HrnnModel(
        recipe, type, all, grown, vectors.toArray(new float[0][]), grownCold, sessionGapSeconds, maxSequenceLength, counts, itemVocabulary, userVocabulary,
        userFeatures, contexts.features(), users, quantizedAbove);
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

  /** Whether an item is cold: it has no embedding of its own and is scored from its metadata. */
  public boolean isCold(int item) {
    return cold[item];
  }

  /** Whether requests' context changes this model's answers. */
  public boolean usesContext() {
    return !contexts.isEmpty();
  }

  /**
   * The user's state after their training history and the query's new interactions, if any, with
   * {@code h} shifted by the query's context.
   */
  Optional<UserState> state(UserQuery query) {
    Optional<UserState> state = historyState(query);
    state.ifPresent(s -> {
      SessionBlend.scoreFromBlendedState(s);
      HistoryMix.addTo(weights, s.seen, itemVectors, s.h, s.previous);
      int[] context = contexts.featuresOf(query.context());
      weights.addContext(context, s.h);
      if (s.previous.length > 0) {
        weights.addContext(context, s.previous);
      }
    });
    return state;
  }

  /** The user's state after their training history and the query's new interactions, if any. */
  private Optional<UserState> historyState(UserQuery query) {
    int[] features = query.userId().map(id -> userFeatures.getOrDefault(id, new int[0])).orElse(new int[0]);
    UserState state = query.userId().flatMap(id -> users.stateOf(id, features)).orElse(null);
    History recent = query.recent();
    for (int i = 0; i < recent.length(); i++) {
      if (state == null) {
        state = new UserState(weights.dim);
        state.features = features;
      }
      inference.advance(state, recent.item(i), recent.timestamp(i), recent.startsSession(i));
    }
    return Optional.ofNullable(state);
  }

  /**
   * Every item's probability for the user: the softmax over all items, blended with the previous
   * session's ({@link SessionBlend}), or popularity for strangers.
   */
  public double[] probabilities(UserQuery query) {
    Optional<UserState> state = state(query);
    double[] p = new double[items.size()];
    if (state.isEmpty()) {
      System.arraycopy(popularity, 0, p, 0, p.length);
      return p;
    }
    UserState s = state.get();
    double w = SessionBlend.weight(s);
    float[][] buffers = scratch.borrow();
    try {
      double z = exponentiate(s, s.h, buffers[0], buffers[1]);
      double zPrevious = w == 0 ? 1 : exponentiate(s, s.previous, buffers[0], buffers[2]);
      for (int i = 0; i < p.length; i++) {
        p[i] = (1 - w) * buffers[1][i] / z + (w == 0 ? 0 : w * buffers[2][i] / zPrevious);
      }
    } finally {
      scratch.release(buffers);
    }
    return p;
  }

  /**
   * {@link #probabilities(UserQuery)} up to a common factor, without an array of the catalogue's
   * size: fills {@code out} (at least the catalogue's size) with values whose product with the
   * factor returned is each item's probability. The values are normal floats (at least e^-80 of the
   * largest) or zero, never subnormal ({@link Vectors#normalOrZero}).
   */
  public double probabilities(UserQuery query, float[] out) {
    Optional<UserState> state = state(query);
    if (state.isEmpty()) {
      System.arraycopy(popularityWeights, 0, out, 0, popularityWeights.length);
      return 1;
    }
    UserState s = state.get();
    double w = SessionBlend.weight(s);
    int size = items.size();
    float[][] buffers = scratch.borrow();
    try {
      if (w == 0) {
        return 1 / exponentiate(s, s.h, buffers[0], out);
      }
      // Both states' logits in one pass over the table, as recommend takes them.
      table.logits(new float[][] {s.h, s.previous}, 2, new float[][] {buffers[0], buffers[2]});
      addHistoryBias(s, buffers[0]);
      addHistoryBias(s, buffers[2]);
      double a = (1 - w) / CatalogueSoftmax.exponentiate(buffers[0], out, size);
      double b = w / CatalogueSoftmax.exponentiate(buffers[2], buffers[2], size);
      float[] previous = buffers[2];
      for (int i = 0; i < size; i++) {
        out[i] = Vectors.normalOrZero(a * out[i] + b * previous[i]);
      }
      return 1;
    } finally {
      scratch.release(buffers);
    }
  }

  /** A user vector's unnormalised exponentials into {@code exps} ({@code logits} is scratch); returns their sum. */
  private double exponentiate(UserState s, float[] h, float[] logits, float[] exps) {
    table.logits(h, logits);
    addHistoryBias(s, logits);
    return CatalogueSoftmax.exponentiate(logits, exps, items.size());
  }

  /** Adds the learned history bias to the logits of the items the state has read, as in training. */
  private void addHistoryBias(UserState s, float[] logits) {
    s.addHistoryBias(weights.historyBias[0][0], logits);
  }

  /** The history bias of an item for the state: the learned bias if the state has read it, else 0. */
  private float historyBias(UserState s, int item) {
    return java.util.Arrays.binarySearch(s.seen, item) >= 0 ? weights.historyBias[0][0] : 0f;
  }

  /**
   * The top n of {@link #probabilities}, without materialising them: one pass keeps the best
   * exponentials (or blended shares), and only the winners' scores are worked out.
   */
  @Override
  public Ranking recommend(UserQuery query, int n, ItemMask mask) {
    Optional<UserState> state = state(query);
    if (state.isEmpty()) {
      return popularRanking(n, mask);
    }
    UserState s = state.get();
    float[][] buffers = scratch.borrow();
    try {
      return recommend(s, n, mask, buffers);
    } finally {
      scratch.release(buffers);
    }
  }

  private Ranking recommend(UserState s, int n, ItemMask mask, float[][] buffers) {
    int size = items.size();
    double w = SessionBlend.weight(s);
    Optional<QuantizedShortlist.Answer> shortlisted = shortlist(s, n, mask, new float[][] {buffers[1], buffers[2]});
    if (shortlisted.isPresent()) {
      return shortlisted.get().ranking();
    }
    if (w == 0) {
      table.logits(s.h, buffers[1]);
      addHistoryBias(s, buffers[1]);
      double z = CatalogueSoftmax.exponentiate(buffers[1], buffers[1], size);
      return ranked(s, buffers[1], z, buffers[2], 1, n, mask, buffers[3]);
    }
    // Both states' logits in one pass over the table, which is what a request's time goes on.
    table.logits(new float[][] {s.h, s.previous}, 2, new float[][] {buffers[1], buffers[2]});
    addHistoryBias(s, buffers[1]);
    addHistoryBias(s, buffers[2]);
    double z = CatalogueSoftmax.exponentiate(buffers[1], buffers[1], size);
    double zPrevious = CatalogueSoftmax.exponentiate(buffers[2], buffers[2], size);
    return ranked(s, buffers[1], z, buffers[2], zPrevious, n, mask, buffers[3]);
  }

  /**
   * {@link #recommend} for many users at once, with the same answers: the users' vectors (and the
   * previous sessions' where an answer blends one in) are scored against the item table in blocks
   * ({@link BlockScorer}), which reads the table once per block instead of once per user.
   */
  @Override
  public List<Ranking> recommendAll(List<UserQuery> queries, int n, List<ItemMask> masks) {
    if (queries.size() != masks.size()) {
      throw new IllegalArgumentException(queries.size() + " queries but " + masks.size() + " masks");
    }
    List<Optional<UserState>> states = new ArrayList<>(queries.size());
    List<float[][]> vectors = new ArrayList<>(queries.size());
    for (UserQuery query : queries) {
      Optional<UserState> state = state(query);
      states.add(state);
      vectors.add(state.map(s -> SessionBlend.weight(s) == 0 ? new float[][] {s.h} : new float[][] {s.h, s.previous}).orElse(new float[0][]));
    }
    int size = items.size();
    return new BlockScorer(table).score(vectors, (k, logits) -> {
      if (logits.length == 0) {
        return popularRanking(n, masks.get(k));
      }
      UserState s = states.get(k).orElseThrow();
      for (float[] row : logits) {
        addHistoryBias(s, row);
      }
      float[][] buffers = scratch.borrow();
      try {
        double z = CatalogueSoftmax.exponentiate(logits[0], buffers[1], size);
        double zPrevious = logits.length > 1 ? CatalogueSoftmax.exponentiate(logits[1], buffers[2], size) : 1;
        return ranked(s, buffers[1], z, buffers[2], zPrevious, n, masks.get(k), buffers[3]);
      } finally {
        scratch.release(buffers);
      }
    });
  }

  /** A stranger's answer: the items by training popularity, scored with it. */
  private Ranking popularRanking(int n, ItemMask mask) {
    TopK top = new TopK(Math.min(n, items.size()));
    offerAll(top, mask, popularityWeights);
    return ranking(top, i -> popularity[i]);
  }

  /**
   * A user's top n from the exponentials of their logits ({@code exps}, summing to {@code z}) and,
   * when the answer blends in the previous session, of the previous session's ({@code previous},
   * summing to {@code zPrevious}); {@code mix} is scratch.
   */
  private Ranking ranked(UserState s, float[] exps, double z, float[] previous, double zPrevious, int n, ItemMask mask, float[] mix) {
    TopK top = new TopK(Math.min(n, items.size()));
    double w = SessionBlend.weight(s);
    if (w == 0) {
      offerAll(top, mask, exps);
      return ranking(top, i -> exps[i] / z);
    }
    float a = (float) ((1 - w) / z);
    float b = (float) (w / zPrevious);
    for (int i = 0; i < mix.length; i++) {
      mix[i] = a * exps[i] + b * previous[i];
    }
    offerAll(top, mask, mix);
    return ranking(top, i -> (1 - w) * exps[i] / z + w * previous[i] / zPrevious);
  }

  private void offerAll(TopK top, ItemMask mask, float[] weights) {
    top.offerAll(weights, items.size(), mask::allows);
  }

  private static Ranking ranking(TopK top, IntToDoubleFunction score) {
    int[] best = top.drainIndices(null);
    double[] scores = new double[best.length];
    for (int k = 0; k < best.length; k++) {
      scores[k] = score.applyAsDouble(best[k]);
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
    Optional<UserState> state = state(query);
    double[] p = state.isEmpty() ? listShares(distinct, i -> Math.log(popularity[i])) : listShares(state.get(), distinct);
    Integer[] order = new Integer[distinct.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
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

  /**
   * The user's distribution restricted to the list and normalised over it. Without a previous
   * session that is a softmax over the list's logits alone; with one, the blend of the two
   * catalogue-wide softmaxes is restricted, so that any list comes in the order the whole catalogue
   * has (a list split in parts ranks the same), which takes one pass over the catalogue.
   */
  private double[] listShares(UserState s, int[] list) {
    double w = SessionBlend.weight(s);
    if (w == 0) {
      return listShares(list, i -> Vectors.dot(s.h, itemVectors[i], weights.dim) + bias[i] + historyBias(s, i));
    }
    double[] p = new double[list.length];
    double sum = 0;
    float[][] buffers = scratch.borrow();
    try {
      double z = exponentiate(s, s.h, buffers[0], buffers[1]);
      double zPrevious = exponentiate(s, s.previous, buffers[0], buffers[2]);
      for (int k = 0; k < list.length; k++) {
        p[k] = (1 - w) * buffers[1][list[k]] / z + w * buffers[2][list[k]] / zPrevious;
        sum += p[k];
      }
    } finally {
      scratch.release(buffers);
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  /** The softmax of the list's logits. */
  private static double[] listShares(int[] list, IntToDoubleFunction logit) {
    double[] logits = new double[list.length];
    for (int k = 0; k < list.length; k++) {
      logits[k] = logit.applyAsDouble(list[k]);
    }
    return softmax(logits);
  }

  private static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    double[] p = new double[logits.length];
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.exp(logits[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  void writeTo(BinaryWriter out) throws IOException {
    out.writeString(type.name());
    out.writeInt(weights.items);
    out.writeInt(weights.dim);
    out.writeInt(weights.itemFeatures.length);
    out.writeInt(weights.userFeatures.length);
    out.writeInt(weights.contextFeatures.length);
    out.writeLong(sessionGapSeconds);
    out.writeInt(maxSequenceLength);
    for (String id : items.ids()) {
      out.writeString(id);
    }
    for (float[][] tensor : weights.tensors()) {
      for (float[] row : tensor) {
        out.writeFloats(row);
      }
    }
    for (float[] row : itemVectors) {
      out.writeFloats(row);
    }
    byte[] coldBytes = new byte[cold.length];
    for (int i = 0; i < cold.length; i++) {
      coldBytes[i] = (byte) (cold[i] ? 1 : 0);
    }
    out.writeBytes(coldBytes);
    out.writeLongs(itemCounts);
    writeStrings(out, itemVocabulary);
    writeStrings(out, userVocabulary);
    writeStrings(out, contexts.features());
    out.writeInt(userFeatures.size());
    for (Map.Entry<String, int[]> e : new TreeMap<>(userFeatures).entrySet()) {
      out.writeString(e.getKey());
      out.writeInts(e.getValue());
    }
    users.writeTo(out);
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

  static HrnnModel readFrom(String recipe, BinaryReader in) {
    RecipeType type = RecipeType.valueOf(in.readString());
    int itemCount = in.readInt();
    int dim = in.readInt();
    int itemFeatureCount = in.readInt();
    int userFeatureCount = in.readInt();
    // Model files before version 2 have no contextual features.
    int contextFeatureCount = in.version() >= 2 ? in.readInt() : 0;
    long gap = in.readLong();
    int maxSequenceLength = in.readInt();
    List<String> ids = new ArrayList<>(itemCount);
    for (int i = 0; i < itemCount; i++) {
      ids.add(in.readString());
    }
    HrnnWeights w = new HrnnWeights(itemCount, dim, itemFeatureCount, userFeatureCount, contextFeatureCount);
    List<float[][]> stored = w.tensors();
    if (in.version() < 7) {
      // Before version 7 there was no history mix, before 6 no history bias: they stay 0, which
      // scores as those models did.
      stored = stored.subList(0, stored.size() - (in.version() < 6 ? 2 : 1));
    }
    for (float[][] tensor : stored) {
      for (int r = 0; r < tensor.length; r++) {
        float[] row = in.readFloats();
        System.arraycopy(row, 0, tensor[r], 0, tensor[r].length);
      }
    }
    float[][] vectors = new float[itemCount][];
    for (int i = 0; i < itemCount; i++) {
      vectors[i] = in.readFloats();
    }
    byte[] coldBytes = in.readBytes();
    boolean[] cold = new boolean[coldBytes.length];
    for (int i = 0; i < cold.length; i++) {
      cold[i] = coldBytes[i] == 1;
    }
    long[] counts = in.readLongs();
    List<String> itemVocabulary = readStrings(in);
    List<String> userVocabulary = readStrings(in);
    List<String> contextVocabulary = in.version() >= 2 ? readStrings(in) : List.of();
    int featured = in.readInt();
    Map<String, int[]> userFeatures = new HashMap<>();
    for (int u = 0; u < featured; u++) {
      userFeatures.put(in.readString(), in.readInts());
    }
    KnownUsers users = KnownUsers.readFrom(in, itemCount);
    return new HrnnModel(
        recipe, type, ids, w, vectors, cold, gap, maxSequenceLength, counts, itemVocabulary, userVocabulary, userFeatures, contextVocabulary, users, QUANTIZED_ABOVE);
  }
}
