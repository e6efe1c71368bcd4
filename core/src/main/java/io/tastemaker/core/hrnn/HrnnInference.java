package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.FastMath;
import io.tastemaker.core.kernel.Logits;
import io.tastemaker.core.kernel.Vectors;

/**
 * The network run forward one interaction at a time, exactly as training runs it: a new user or a
 * gap longer than the session gap starts a session from the user-level state, then the session GRU
 * reads the item.
 */
final class HrnnInference {
  private final HrnnWeights w;
  private final float[][] items;
  private final long sessionGapSeconds;
  private final int dim;

  /**
   * @param items the item vectors (the embeddings, or with metadata the combined vectors)
   */
  HrnnInference(HrnnWeights w, float[][] items, long sessionGapSeconds) {
    this.w = w;
    this.items = items;
    this.sessionGapSeconds = sessionGapSeconds;
    this.dim = w.dim;
  }

  /** Moves a state forward by one interaction, in place; a session starts after a long enough gap. */
  void advance(UserState s, int item, long time) {
    advance(s, item, time, false);
  }

  /**
   * Moves a state forward by one interaction, in place.
   *
   * @param newSession start a new session here whatever the gap (a new session id in streamed events)
   */
  void advance(UserState s, int item, long time, boolean newSession) {
    float[] start = new float[dim];
    if (!s.started) {
      s.previous = new float[0];
      s.carried = new float[0];
      s.sessionLength = 0;
      java.util.Arrays.fill(s.c, 0f);
      System.arraycopy(w.initBias[0], 0, start, 0, dim);
      addUserFeatures(s, start);
      for (int p = 0; p < dim; p++) {
        start[p] = FastMath.tanh(start[p]);
      }
    } else if (newSession || time - s.lastTime > sessionGapSeconds) {
      s.previous = s.h.clone();
      s.carried = s.h.clone();
      s.sessionLength = 0;
      float[] c = gru(w.user, s.h, s.c);
      System.arraycopy(c, 0, s.c, 0, dim);
      for (int p = 0; p < dim; p++) {
        float v = s.c[p];
        if (v != 0f) {
          Vectors.axpy(v, w.initWeight[p], start, dim);
        }
      }
      Vectors.axpy(1f, w.initBias[0], start, dim);
      addUserFeatures(s, start);
      for (int p = 0; p < dim; p++) {
        start[p] = FastMath.tanh(start[p]);
      }
    } else {
      System.arraycopy(s.h, 0, start, 0, dim);
    }
    float[] next = gru(w.session, items[item], start);
    System.arraycopy(next, 0, s.h, 0, dim);
    if (s.carried.length > 0) {
      s.carried = gru(w.session, items[item], s.carried);
    }
    s.sessionLength++;
    s.lastTime = time;
    s.started = true;
    s.see(item);
  }

  private void addUserFeatures(UserState s, float[] start) {
    for (int feature : s.features) {
      Vectors.axpy(1f / s.features.length, w.userFeatures[feature], start, dim);
    }
  }

  /** One GRU step for one row: the new state for input x and previous state h. */
  static float[] gru(Gru g, float[] x, float[] h) {
    int hd = g.hidden;
    float[] gx = g.bx[0].clone();
    float[] gh = g.bh[0].clone();
    for (int p = 0; p < g.input; p++) {
      if (x[p] != 0f) {
        Vectors.axpy(x[p], g.wx[p], gx, 3 * hd);
      }
    }
    for (int p = 0; p < hd; p++) {
      if (h[p] != 0f) {
        Vectors.axpy(h[p], g.wh[p], gh, 3 * hd);
      }
    }
    float[] out = new float[hd];
    for (int j = 0; j < hd; j++) {
      float r = FastMath.sigmoid(gx[j] + gh[j]);
      float z = FastMath.sigmoid(gx[hd + j] + gh[hd + j]);
      float n = FastMath.tanh(gx[2 * hd + j] + r * gh[2 * hd + j]);
      out[j] = (1 - z) * n + z * h[j];
    }
    return out;
  }

  /**
   * Every item's logit {@code h . e_i + b_i} for a user vector, from the transposed embeddings so the
   * loop runs over all items at once.
   */
  static void logits(float[] h, float[][] embeddingsT, float[] bias, float[] out) {
    Logits.of(h, embeddingsT, bias, out);
  }
}
