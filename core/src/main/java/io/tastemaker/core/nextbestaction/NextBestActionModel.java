package io.tastemaker.core.nextbestaction;

import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import io.tastemaker.core.model.ItemCatalog;
import io.tastemaker.core.model.ItemMask;
import io.tastemaker.core.model.Recommender;
import io.tastemaker.core.recipe.RecipeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained aws-next-best-action model: each user's propensity to take each action is
 * {@code sigmoid(b_a + w_a . c_u)}, where the user's context {@code c_u} is the mean embedding of
 * the items they interacted with plus the mean embedding of the other actions they took. Actions
 * with too few interactions to learn from score 0.0 and come after the scored ones; expired actions
 * and actions taken within their REPEAT_FREQUENCY are left out.
 */
public final class NextBestActionModel implements Recommender {
  private static final long DAY = 86_400;

  private final String recipe;
  private final ActionCatalog catalog;
  private final ItemCatalog actionsAsItems;
  private final boolean[] scored;
  private final int dimension;
  private final double[] bias;
  private final float[] weights;
  private final float[] actionEmbeddings;
  private final List<String> itemIds;
  private final float[] itemEmbeddings;
  private final Map<String, Integer> users;
  private final int[] itemOffsets;
  private final int[] userItems;
  private final int[] takenOffsets;
  private final int[] takenActions;
  private final long[] takenTimes;

  NextBestActionModel(
      String recipe, ActionCatalog catalog, boolean[] scored, int dimension, double[] bias, float[] weights, float[] actionEmbeddings, List<String> itemIds,
      float[] itemEmbeddings, List<String> userIds, int[] itemOffsets, int[] userItems, int[] takenOffsets, int[] takenActions, long[] takenTimes) {
    int a = catalog.size();
    if (scored.length != a || bias.length != a || weights.length != a * dimension || actionEmbeddings.length != a * dimension
        || itemEmbeddings.length != itemIds.size() * dimension || itemOffsets.length != userIds.size() + 1 || takenOffsets.length != userIds.size() + 1
        || takenActions.length != takenTimes.length) {
      throw new IllegalArgumentException("the model's arrays do not fit " + a + " actions, " + itemIds.size() + " items and " + userIds.size() + " users");
    }
    this.recipe = recipe;
    this.catalog = catalog;
    this.actionsAsItems = new ItemCatalog(catalog.ids());
    this.scored = scored;
    this.dimension = dimension;
    this.bias = bias;
    this.weights = weights;
    this.actionEmbeddings = actionEmbeddings;
    this.itemIds = List.copyOf(itemIds);
    this.itemEmbeddings = itemEmbeddings;
    this.users = new HashMap<>(userIds.size() * 2);
    for (int u = 0; u < userIds.size(); u++) {
      users.put(userIds.get(u), u);
    }
    this.itemOffsets = itemOffsets;
    this.userItems = userItems;
    this.takenOffsets = takenOffsets;
    this.takenActions = takenActions;
    this.takenTimes = takenTimes;
  }

  @Override
  public String recipe() {
    return recipe;
  }

  @Override
  public RecipeType type() {
    return RecipeType.PERSONALIZED_ACTIONS;
  }

  /** The actions, as the catalog filters and masks index. */
  @Override
  public ItemCatalog items() {
    return actionsAsItems;
  }

  @Override
  public boolean scores() {
    return true;
  }

  public ActionCatalog actions() {
    return catalog;
  }

  /** Whether an action had enough interactions to be scored. */
  public boolean scored(int action) {
    return scored[action];
  }

  /**
   * The best {@code n} actions for a user at a time, among those the mask allows.
   *
   * @param streamedTaken when the user took actions after training (action index to the latest
   *     time), which count for REPEAT_FREQUENCY and as context
   * @param now the time of the request, epoch seconds: expirations and repeat frequencies are
   *     measured from it
   */
  public List<RecommendedAction> recommendActions(String userId, Map<Integer, Long> streamedTaken, long now, int n, ItemMask mask) {
    long[] lastTaken = new long[catalog.size()];
    Arrays.fill(lastTaken, Long.MIN_VALUE);
    Integer u = users.get(userId);
    if (u != null) {
      for (int t = takenOffsets[u]; t < takenOffsets[u + 1]; t++) {
        lastTaken[takenActions[t]] = Math.max(lastTaken[takenActions[t]], takenTimes[t]);
      }
    }
    streamedTaken.forEach((a, time) -> lastTaken[a] = Math.max(lastTaken[a], time));
    float[] context = context(u, lastTaken, -1);
    List<RecommendedAction> candidates = new ArrayList<>();
    for (int a = 0; a < catalog.size(); a++) {
      boolean expired = catalog.expiration(a) <= now;
      boolean tooSoon = catalog.repeatDays(a) > 0 && lastTaken[a] != Long.MIN_VALUE && now - lastTaken[a] < catalog.repeatDays(a) * DAY;
      if (!expired && !tooSoon && mask.allows(a)) {
        candidates.add(new RecommendedAction(a, scored[a] ? propensity(a, context) : 0.0));
      }
    }
    // Scored actions first; equal propensities go to the greater VALUE, as the guide says, then by id order.
    candidates.sort((x, y) -> {
      int c = Double.compare(y.score(), x.score());
      c = c != 0 ? c : Boolean.compare(scored[y.action()], scored[x.action()]);
      c = c != 0 ? c : Double.compare(catalog.value(y.action()), catalog.value(x.action()));
      return c != 0 ? c : Integer.compare(x.action(), y.action());
    });
    return List.copyOf(candidates.subList(0, Math.min(n, candidates.size())));
  }

  /**
   * Takings by action id (PutActionInteractions' since training) as {@link #recommendActions} takes
   * them, by action index; actions the model does not know are left out.
   */
  public Map<Integer, Long> takenIndexes(Map<String, Long> takenById) {
    Map<Integer, Long> taken = new HashMap<>();
    takenById.forEach((action, time) -> {
      int a = catalog.indexOf(action);
      if (a >= 0) {
        taken.put(a, time);
      }
    });
    return taken;
  }

  /** A user's propensity to take an action, from the user's context as trained (for evaluation). */
  double propensity(String userId, int action) {
    Integer u = users.get(userId);
    long[] lastTaken = new long[catalog.size()];
    Arrays.fill(lastTaken, Long.MIN_VALUE);
    if (u != null) {
      for (int t = takenOffsets[u]; t < takenOffsets[u + 1]; t++) {
        lastTaken[takenActions[t]] = takenTimes[t];
      }
    }
    return propensity(action, context(u, lastTaken, action));
  }

  private double propensity(int action, float[] context) {
    double s = bias[action];
    for (int k = 0; k < dimension; k++) {
      s += weights[action * dimension + k] * context[k];
    }
    return NextBestActionTrainer.sigmoid(s);
  }

  /** The user's items' mean embedding plus their taken actions' mean embedding, leaving one action out. */
  private float[] context(Integer u, long[] lastTaken, int leftOut) {
    float[] c = new float[dimension];
    if (u != null && itemOffsets[u + 1] > itemOffsets[u]) {
      float scale = 1f / (itemOffsets[u + 1] - itemOffsets[u]);
      for (int i = itemOffsets[u]; i < itemOffsets[u + 1]; i++) {
        int base = userItems[i] * dimension;
        for (int k = 0; k < dimension; k++) {
          c[k] += scale * itemEmbeddings[base + k];
        }
      }
    }
    int taken = 0;
    for (int a = 0; a < lastTaken.length; a++) {
      taken += a != leftOut && lastTaken[a] != Long.MIN_VALUE ? 1 : 0;
    }
    for (int a = 0; a < lastTaken.length && taken > 0; a++) {
      if (a != leftOut && lastTaken[a] != Long.MIN_VALUE) {
        for (int k = 0; k < dimension; k++) {
          c[k] += actionEmbeddings[a * dimension + k] / taken;
        }
      }
    }
    return c;
  }

  @Override
  public Recommender withoutUsers(Set<String> userIds) {
    if (userIds.stream().noneMatch(users::containsKey)) {
      return this;
    }
    List<String> kept = new ArrayList<>();
    List<Integer> keptIndex = new ArrayList<>();
    users.forEach((id, u) -> {
      if (!userIds.contains(id)) {
        kept.add(id);
        keptIndex.add(u);
      }
    });
    int[] io = new int[kept.size() + 1];
    int[] to = new int[kept.size() + 1];
    List<Integer> items = new ArrayList<>();
    List<Integer> actions = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (int k = 0; k < kept.size(); k++) {
      int u = keptIndex.get(k);
      for (int i = itemOffsets[u]; i < itemOffsets[u + 1]; i++) {
        items.add(userItems[i]);
      }
      for (int t = takenOffsets[u]; t < takenOffsets[u + 1]; t++) {
        actions.add(takenActions[t]);
        times.add(takenTimes[t]);
      }
      io[k + 1] = items.size();
      to[k + 1] = actions.size();
    }
    return new NextBestActionModel(
        recipe, catalog, scored, dimension, bias, weights, actionEmbeddings, itemIds, itemEmbeddings, kept, io,
        items.stream().mapToInt(Integer::intValue).toArray(), to, actions.stream().mapToInt(Integer::intValue).toArray(),
        times.stream().mapToLong(Long::longValue).toArray());
  }

  void writeTo(BinaryWriter out) throws IOException {
    out.writeInt(catalog.size());
    for (String id : catalog.ids()) {
      out.writeString(id);
    }
    out.writeDoubles(catalog.values());
    out.writeLongs(catalog.expirations());
    out.writeInts(catalog.repeatDays());
    byte[] flags = new byte[scored.length];
    for (int a = 0; a < scored.length; a++) {
      flags[a] = (byte) (scored[a] ? 1 : 0);
    }
    out.writeBytes(flags);
    out.writeInt(dimension);
    out.writeDoubles(bias);
    out.writeFloats(weights);
    out.writeFloats(actionEmbeddings);
    out.writeInt(itemIds.size());
    for (String id : itemIds) {
      out.writeString(id);
    }
    out.writeFloats(itemEmbeddings);
    String[] userIds = new String[users.size()];
    users.forEach((id, u) -> userIds[u] = id);
    out.writeInt(userIds.length);
    for (String id : userIds) {
      out.writeString(id);
    }
    out.writeInts(itemOffsets);
    out.writeInts(userItems);
    out.writeInts(takenOffsets);
    out.writeInts(takenActions);
    out.writeLongs(takenTimes);
  }

  static NextBestActionModel readFrom(String recipe, BinaryReader in) {
    int actions = in.readInt();
    List<String> ids = new ArrayList<>(actions);
    for (int a = 0; a < actions; a++) {
      ids.add(in.readString());
    }
    ActionCatalog catalog = new ActionCatalog(ids, in.readDoubles(), in.readLongs(), in.readInts());
    byte[] flags = in.readBytes();
    boolean[] scored = new boolean[flags.length];
    for (int a = 0; a < flags.length; a++) {
      scored[a] = flags[a] != 0;
    }
    int dimension = in.readInt();
    double[] bias = in.readDoubles();
    float[] weights = in.readFloats();
    float[] actionEmbeddings = in.readFloats();
    int itemCount = in.readInt();
    List<String> itemIds = new ArrayList<>(itemCount);
    for (int i = 0; i < itemCount; i++) {
      itemIds.add(in.readString());
    }
    float[] itemEmbeddings = in.readFloats();
    int userCount = in.readInt();
    List<String> userIds = new ArrayList<>(userCount);
    for (int u = 0; u < userCount; u++) {
      userIds.add(in.readString());
    }
    return new NextBestActionModel(
        recipe, catalog, scored, dimension, bias, weights, actionEmbeddings, itemIds, itemEmbeddings, userIds, in.readInts(), in.readInts(), in.readInts(),
        in.readInts(), in.readLongs());
  }
}
