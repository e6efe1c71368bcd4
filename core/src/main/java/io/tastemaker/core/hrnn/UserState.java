package io.tastemaker.core.hrnn;

/**
 * Where the network stands for one user: the session state {@code h} (the user vector the items
 * are scored against), the user-level state {@code c}, and the time of the latest interaction.
 */
final class UserState {
  final float[] h;
  final float[] c;
  long lastTime;
  boolean started;
  /** The user's metadata features, which join every session start. */
  int[] features = new int[0];

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
    return s;
  }
}
