package io.tastemaker.core.hrnn;

import io.tastemaker.core.data.InteractionData;
import io.tastemaker.core.io.BinaryReader;
import io.tastemaker.core.io.BinaryWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The state each user of the training data ended in: session and user-level states, the state the
 * previous session ended in and that state carried on through the current one, the length of the
 * current one, and the time of the last
 * interaction. A model file keeps them, so a known user's answer needs no history.
 */
final class KnownUsers {
  private final List<String> ids;
  private final Map<String, Integer> index;
  private final float[][] h;
  private final float[][] c;
  private final float[][] previous;
  private final float[][] carried;
  private final int[] sessionLength;
  private final long[] time;
  /** Each user's distinct items read, ascending ({@link UserState#seen}). */
  private final int[][] seen;

  private KnownUsers(List<String> ids, float[][] h, float[][] c, float[][] previous, float[][] carried, int[] sessionLength, long[] time, int[][] seen) {
    this.ids = List.copyOf(ids);
    this.h = h;
    this.c = c;
    this.previous = previous;
    this.carried = carried;
    this.sessionLength = sessionLength;
    this.time = time;
    this.seen = seen;
    this.index = new HashMap<>(ids.size() * 2);
    for (int u = 0; u < ids.size(); u++) {
      index.put(ids.get(u), u);
    }
  }

  /** No users. */
  static final KnownUsers NONE = new KnownUsers(List.of(), new float[0][], new float[0][], new float[0][], new float[0][], new int[0], new long[0], new int[0][]);

  /**
   * Every user of {@code data} run through their newest {@code maxSequenceLength} interactions, but
   * for users {@code unchanged} names that {@code known} holds: their states are taken from it as they
   * are (states are never written to after they are made, so two models can share them).
   *
   * @param toModel each data item's index in the model, -1 for items the model does not know (skipped)
   * @param unchanged users of {@code data}, by index, whose histories are the ones {@code known}'s states were made from
   */
  static KnownUsers of(
      InteractionData data, HrnnInference inference, int dim, int[] toModel, int maxSequenceLength, Map<String, int[]> userFeatures, KnownUsers known,
      IntPredicate unchanged) {
    int users = data.userCount();
    float[][] h = new float[users][];
    float[][] c = new float[users][];
    float[][] previous = new float[users][];
    float[][] carried = new float[users][];
    int[] sessionLength = new int[users];
    long[] time = new long[users];
    int[][] seen = new int[users][];
    // Users are independent, so they run on every core (a 10M-interaction shop has 200k of them),
    // each state the same floats whichever thread computes it.
    IntStream.range(0, users).parallel().forEach(u -> {
      Integer kept = unchanged.test(u) ? known.index.get(data.userId(u)) : null;
      if (kept != null) {
        h[u] = known.h[kept];
        c[u] = known.c[kept];
        previous[u] = known.previous[kept];
        carried[u] = known.carried[kept];
        sessionLength[u] = known.sessionLength[kept];
        time[u] = known.time[kept];
        seen[u] = known.seen[kept];
        return;
      }
      UserState s = new UserState(dim);
      s.features = userFeatures.getOrDefault(data.userId(u), new int[0]);
      int from = Math.max(data.start(u), data.end(u) - maxSequenceLength);
      for (int i = from; i < data.end(u); i++) {
        int item = toModel[data.item(i)];
        if (item >= 0) {
          inference.advance(s, item, data.timestamp(i));
        }
      }
      h[u] = s.h;
      c[u] = s.c;
      previous[u] = s.previous;
      carried[u] = s.carried;
      sessionLength[u] = s.sessionLength;
      time[u] = s.lastTime;
      seen[u] = s.seen;
    });
    return new KnownUsers(data.userIds(), h, c, previous, carried, sessionLength, time, seen);
  }

  /** A known user's state, ready to move on with new interactions; empty for a user the model never saw. */
  Optional<UserState> stateOf(String userId, int[] features) {
    Integer u = index.get(userId);
    if (u == null) {
      return Optional.empty();
    }
    UserState s = new UserState(h[u].length);
    System.arraycopy(h[u], 0, s.h, 0, s.h.length);
    System.arraycopy(c[u], 0, s.c, 0, s.c.length);
    s.previous = previous[u].clone();
    s.carried = carried[u].clone();
    s.sessionLength = sessionLength[u];
    s.lastTime = time[u];
    s.seen = seen[u];
    s.started = true;
    s.features = features;
    return Optional.of(s);
  }

  /** Whether the model holds a state for this user. */
  boolean knows(String userId) {
    return index.containsKey(userId);
  }

  /** These users without the ones named, as a data deletion job leaves them. */
  KnownUsers without(java.util.Set<String> removed) {
    List<Integer> kept = new ArrayList<>();
    for (int u = 0; u < ids.size(); u++) {
      if (!removed.contains(ids.get(u))) {
        kept.add(u);
      }
    }
    int n = kept.size();
    List<String> keptIds = new ArrayList<>(n);
    float[][] kh = new float[n][];
    float[][] kc = new float[n][];
    float[][] kp = new float[n][];
    float[][] kr = new float[n][];
    int[] kl = new int[n];
    long[] kt = new long[n];
    int[][] ks = new int[n][];
    for (int k = 0; k < n; k++) {
      int u = kept.get(k);
      keptIds.add(ids.get(u));
      kh[k] = h[u];
      kc[k] = c[u];
      kp[k] = previous[u];
      kr[k] = carried[u];
      kl[k] = sessionLength[u];
      kt[k] = time[u];
      ks[k] = seen[u];
    }
    return new KnownUsers(keptIds, kh, kc, kp, kr, kl, kt, ks);
  }

  void writeTo(BinaryWriter out) throws IOException {
    out.writeInt(ids.size());
    for (int u = 0; u < ids.size(); u++) {
      out.writeString(ids.get(u));
      out.writeFloats(h[u]);
      out.writeFloats(c[u]);
      out.writeFloats(previous[u]);
      out.writeFloats(carried[u]);
    }
    out.writeLongs(time);
    out.writeInts(sessionLength);
    for (int[] items : seen) {
      out.writeInts(items);
    }
  }

  /**
   * Reads what {@link #writeTo} wrote; files before version 3 keep no previous sessions, so nothing
   * is blended in, before version 4 no carried states, so the answer is scored from the session's own,
   * and before version 6 no items read (their models' history bias is 0).
   */
  static KnownUsers readFrom(BinaryReader in, int itemCount) {
    boolean sessions = in.version() >= 3;
    boolean carriedStates = in.version() >= 4;
    int users = in.readInt();
    List<String> ids = new ArrayList<>(users);
    float[][] h = new float[users][];
    float[][] c = new float[users][];
    float[][] previous = new float[users][];
    float[][] carried = new float[users][];
    for (int u = 0; u < users; u++) {
      ids.add(in.readString());
      h[u] = in.readFloats();
      c[u] = in.readFloats();
      previous[u] = sessions ? in.readFloats() : new float[0];
      carried[u] = carriedStates ? in.readFloats() : new float[0];
    }
    long[] time = in.readLongs();
    int[] sessionLength = sessions ? in.readInts() : new int[users];
    int[][] seen = new int[users][];
    for (int u = 0; u < users; u++) {
      seen[u] = in.version() >= 6 ? in.readInts() : new int[0];
      for (int k = 0; k < seen[u].length; k++) {
        if (seen[u][k] < 0 || seen[u][k] >= itemCount || (k > 0 && seen[u][k] <= seen[u][k - 1])) {
          throw new IllegalArgumentException("user " + ids.get(u) + " has read items that are not ascending items of the model's " + itemCount);
        }
      }
    }
    return new KnownUsers(ids, h, c, previous, carried, sessionLength, time, seen);
  }
}
