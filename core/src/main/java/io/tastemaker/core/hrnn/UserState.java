package io.tastemaker.core.hrnn;

/**
 * Where the network stands for one user: the session state {@code h} (the user vector the items
 * are scored against), the user-level state {@code c}, the time of the latest interaction, and the
 * session state the previous session ended in, that state carried on through this session's
 * interactions, and the number of interactions since, which the answer blends in ({@link SessionBlend}).
 */
final class UserState {
  final float[] h;
  final float[] c;
  long lastTime;
  boolean started;
  /** The state the previous session ended in; empty in a user's first session. */
  float[] previous = new float[0];
  /**
   * The previous session carried on through this session's interactions as if it had not ended;
   * empty in a user's first session.
   */
  float[] carried = new float[0];
  /** Interactions in the current session. */
  int sessionLength;
  /** The user's metadata features, which join every session start. */
  int[] features = new int[0];
  /**
   * The distinct items the state has read, ascending: the history bias is added to their logits.
   * Never written to in place (a new array per new item), so states may share it.
   */
  int[] seen = new int[0];

  UserState(int dim) {
    this.h = new float[dim];
    this.c = new float[dim];
  }

  UserState copy() {
    UserState s = new UserState(h.length);
    System.arraycopy(h, 0, s.h, 0, h.length);
    System.arraycopy(c, 0, s.c, 0, c.length);
    s.lastTime = lastTime;
    s.started = started;
    s.features = features;
    s.previous = previous.clone();
    s.carried = carried.clone();
    s.sessionLength = sessionLength;
    s.seen = seen;
    return s;
  }

  /** Adds {@code bias} to the logits of the items this state has read (the learned history bias). */
  void addHistoryBias(float bias, float[] logits) {
    if (bias == 0f) {
      return;
    }
    for (int item : seen) {
      logits[item] += bias;
    }
  }

  /** Adds an item to {@link #seen}. */
  void see(int item) {
    int at = java.util.Arrays.binarySearch(seen, item);
    if (at >= 0) {
      return;
    }
    int insert = -at - 1;
    int[] grown = new int[seen.length + 1];
    System.arraycopy(seen, 0, grown, 0, insert);
    grown[insert] = item;
    System.arraycopy(seen, insert, grown, insert + 1, seen.length - insert);
    seen = grown;
  }
}
