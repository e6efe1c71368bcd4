package io.tastemaker.core.transformer;

import io.tastemaker.core.data.ContextTable;
import io.tastemaker.core.data.InteractionData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training sequences of the v2 recipes: each user's newest {@code maxLength + 1} items (the
 * model reads up to {@code maxLength} and predicts each next one), the loss weight of each target,
 * the interaction context of each item (when the data has contextual fields), and the users whose
 * last item is held out to choose the epoch.
 */
final class UserSequences {
  /** Item indices per trained user, oldest first. */
  final int[][] items;
  /** The weight of predicting position p + 1, per sequence. */
  final float[][] weights;
  /** Data user index per sequence. */
  final int[] users;
  /** Held out: the sequence read (at most maxLength items), and the item that followed. */
  final int[][] validationInputs;
  final int[] validationTargets;
  final int[] validationUsers;
  /** How often each item is a target: the popularity negatives are drawn by. */
  final long[] targetCounts;
  /** The context of each item's interaction, per sequence ({@link ContextTable#NONE} for none); null when no interaction has one. */
  final int[][] contexts;
  /** The context of each held-out item's interaction; null when no interaction has one. */
  final int[] validationContexts;
  /** The features of each context. */
  final ContextTable contextTable;

  private UserSequences(
      int[][] items, float[][] weights, int[] users, int[][] validationInputs, int[] validationTargets, int[] validationUsers, long[] targetCounts,
      int[][] contexts, int[] validationContexts, ContextTable contextTable) {
    this.contexts = contexts;
    this.validationContexts = validationContexts;
    this.contextTable = contextTable;
    this.items = items;
    this.weights = weights;
    this.users = users;
    this.validationInputs = validationInputs;
    this.validationTargets = validationTargets;
    this.validationUsers = validationUsers;
    this.targetCounts = targetCounts;
  }

  /** The history length of every user who can be trained on (two interactions or more). */
  static int[] trainableLengths(InteractionData data) {
    return java.util.stream.IntStream.range(0, data.userCount()).map(data::historyLength).filter(n -> n >= 2).toArray();
  }

  static UserSequences of(InteractionData data, TransformerConfig config) {
    int maxLength = config.maxSequenceLength();
    List<Integer> kept = new ArrayList<>();
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;
    for (int u = 0; u < data.userCount(); u++) {
      if (data.historyLength(u) >= 2) {
        kept.add(u);
        minTime = Math.min(minTime, data.timestamp(data.start(u)));
        maxTime = Math.max(maxTime, data.timestamp(data.end(u) - 1));
      }
    }
    List<Integer> eligible = new ArrayList<>();
    for (int s = 0; s < kept.size(); s++) {
      if (data.historyLength(kept.get(s)) >= 3) {
        eligible.add(s);
      }
    }
    SplittableRandom random = new SplittableRandom(config.seed() ^ 0x5EEDL);
    for (int i = eligible.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer t = eligible.get(i);
      eligible.set(i, eligible.get(j));
      eligible.set(j, t);
    }
    int validation = Math.min(config.validationUsers(), eligible.size() / 5);
    boolean[] heldOut = new boolean[kept.size()];
    for (int v = 0; v < validation; v++) {
      heldOut[eligible.get(v)] = true;
    }
    int n = kept.size();
    int[][] items = new int[n][];
    float[][] weights = new float[n][];
    int[] users = new int[n];
    int[][] validationInputs = new int[validation][];
    int[] validationTargets = new int[validation];
    int[] validationUsers = new int[validation];
    boolean withContexts = data.contexts().size() > 0;
    int[][] contexts = withContexts ? new int[n][] : null;
    int[] validationContexts = withContexts ? new int[validation] : null;
    long[] targetCounts = new long[data.itemCount()];
    double halfLife = Math.max(1, (maxTime - minTime) / 4.0);
    int v = 0;
    for (int s = 0; s < n; s++) {
      int user = kept.get(s);
      int end = data.end(user);
      if (heldOut[s]) {
        end--;
        validationTargets[v] = data.item(end);
        validationInputs[v] = range(data, Math.max(data.start(user), end - maxLength), end);
        validationUsers[v] = user;
        if (withContexts) {
          validationContexts[v] = data.context(end);
        }
        v++;
      }
      int from = Math.max(data.start(user), end - maxLength - 1);
      items[s] = range(data, from, end);
      users[s] = user;
      if (withContexts) {
        int start = from;
        contexts[s] = new int[end - from];
        Arrays.setAll(contexts[s], k -> data.context(start + k));
      }
      weights[s] = new float[items[s].length - 1];
      for (int p = 1; p < items[s].length; p++) {
        long time = data.timestamp(from + p);
        // apply_recency_bias: the newest interactions count fully, the oldest about half.
        weights[s][p - 1] = config.recencyBias() ? (float) (0.5 + 0.5 * Math.pow(2, -(maxTime - time) / halfLife)) : 1f;
        targetCounts[items[s][p]]++;
      }
    }
    return new UserSequences(
        items, weights, users, validationInputs, validationTargets, validationUsers, targetCounts, contexts, validationContexts, data.contexts());
  }

  private static int[] range(InteractionData data, int from, int to) {
    int[] r = new int[to - from];
    Arrays.setAll(r, k -> data.item(from + k));
    return r;
  }

  /** The context features of each target of sequence s (its items after the first); null when the data has no contexts. */
  int[][] targetContexts(int s) {
    if (contexts == null) {
      return null;
    }
    int[][] features = new int[contexts[s].length - 1][];
    for (int p = 1; p < contexts[s].length; p++) {
      features[p - 1] = contextTable.features(contexts[s][p]);
    }
    return features;
  }

  /** The number of context features; 0 when the data has no contexts. */
  int contextFeatureCount() {
    return contexts == null ? 0 : contextTable.featureCount();
  }

  int size() {
    return items.length;
  }

  long positions() {
    long total = 0;
    for (int[] s : items) {
      total += s.length - 1;
    }
    return total;
  }
}
