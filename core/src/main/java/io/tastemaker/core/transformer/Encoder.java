package io.tastemaker.core.transformer;

import io.tastemaker.core.kernel.FastMath;
import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.Vectors;
import java.util.SplittableRandom;

/**
 * The network over one user's sequence, forward and backward: each position reads its item's vector
 * plus the vector of its distance from the newest item (and the user's features), then every block
 * applies pre-norm causal self-attention and a feed-forward net, each as a residual branch with
 * dropout, and a final layer norm gives the states the next items are scored from (Kang and
 * McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018; pre-norm as in Xiong et al.,
 * ICML 2020). Each block's attention scores also take a learned bias by the distance from query to
 * key (relative positions, as Shaw et al., NAACL 2018, and T5's scalar biases). The products run on
 * the project's matrix kernels ({@link Gemm}).
 */
final class Encoder {
  private static final float EPSILON = 1e-5f;

  private final TransformerWeights w;
  private final int[][] itemFeatures;
  private final int d;
  private final float scale;
  private final float[][][] transposed;

  /**
   * @param itemFeatures each item's metadata features (empty arrays without metadata)
   */
  Encoder(TransformerWeights w, int[][] itemFeatures) {
    this.w = w;
    this.itemFeatures = itemFeatures;
    this.d = w.dim;
    this.scale = (float) (1 / Math.sqrt(w.dim));
    this.transposed = new float[w.blocks * 6][d][d];
    refresh();
  }

  /** Recomputes the transposed projections after the weights changed. */
  void refresh() {
    for (int l = 0; l < w.blocks; l++) {
      TransformerWeights.Block b = w.block[l];
      float[][][] m = {b.query, b.key, b.value, b.output, b.ff1, b.ff2};
      for (int k = 0; k < 6; k++) {
        Gemm.transpose(m[k], transposed[6 * l + k], d, d);
      }
    }
  }

  /** An item's vector: its embedding plus the mean of its features' vectors. */
  void itemVector(int item, float[] out) {
    System.arraycopy(w.itemEmbedding[item], 0, out, 0, d);
    int[] f = itemFeatures[item];
    for (int feature : f) {
      Vectors.axpy(1f / f.length, w.itemFeatures[feature], out, d);
    }
  }

  /** What a forward pass keeps for the backward one. */
  static final class Pass {
    int length;
    int[] items;
    int[] userFeatures;
    float[][] mask0;
    BlockPass[] blocks;
    float[][] xhat;
    float[] rstd;
    /** The final states, one row per position (shifted by their contexts, once {@link #addContexts} ran). */
    float[][] h;
    /** The context features each position's next item was chosen in; null when none was added. */
    int[][] contexts;
  }

  static final class BlockPass {
    float[][] xhat1;
    float[] rstd1;
    float[][] z1;
    float[][] q;
    float[][] k;
    float[][] v;
    float[][] p;
    float[][] o;
    float[][] mask1;
    float[][] xhat2;
    float[] rstd2;
    float[][] z2;
    float[][] u;
    float[][] f;
    float[][] mask2;
  }

  /** Runs the network over a sequence; {@code random} draws dropout masks, null for none. */
  Pass forward(int[] items, int[] userFeatures, float dropout, SplittableRandom random) {
    int n = items.length;
    assert n <= w.maxLength : n + " items for " + w.maxLength + " positions";
    Pass pass = new Pass();
    pass.length = n;
    pass.items = items;
    pass.userFeatures = userFeatures;
    float[][] x = new float[n][d];
    for (int t = 0; t < n; t++) {
      itemVector(items[t], x[t]);
      Vectors.axpy(1f, w.positions[n - 1 - t], x[t], d);
      for (int f : userFeatures) {
        Vectors.axpy(1f / userFeatures.length, w.userFeatures[f], x[t], d);
      }
    }
    pass.mask0 = dropout(x, dropout, random);
    pass.blocks = new BlockPass[w.blocks];
    for (int l = 0; l < w.blocks; l++) {
      BlockPass bp = new BlockPass();
      pass.blocks[l] = bp;
      x = block(l, x, bp, dropout, random);
    }
    pass.xhat = new float[n][d];
    pass.rstd = new float[n];
    pass.h = new float[n][d];
    norm(x, w.finalGain[0], w.finalBias[0], pass.xhat, pass.rstd, pass.h);
    return pass;
  }

  /**
   * Shifts each final state by the mean vector of the context its next item is chosen in (the
   * target's interaction context, such as {@code DEVICE=phone}): the context says where the next item
   * is chosen, not what was read before it, so it joins after the blocks, as in the HRNN family.
   *
   * @param contexts each position's context features (empty arrays for none)
   */
  void addContexts(Pass pass, int[][] contexts) {
    pass.contexts = contexts;
    for (int t = 0; t < pass.length; t++) {
      w.addContext(contexts[t], pass.h[t]);
    }
  }

  private float[][] block(int l, float[][] x, BlockPass bp, float dropout, SplittableRandom random) {
    TransformerWeights.Block b = w.block[l];
    int n = x.length;
    bp.xhat1 = new float[n][d];
    bp.rstd1 = new float[n];
    bp.z1 = new float[n][d];
    norm(x, b.norm1Gain[0], b.norm1Bias[0], bp.xhat1, bp.rstd1, bp.z1);
    bp.q = new float[n][d];
    bp.k = new float[n][d];
    bp.v = new float[n][d];
    Gemm.ab(bp.z1, b.query, bp.q, d, d, 0, n, false);
    Gemm.ab(bp.z1, b.key, bp.k, d, d, 0, n, false);
    Gemm.ab(bp.z1, b.value, bp.v, d, d, 0, n, false);
    bp.p = new float[n][n];
    bp.o = new float[n][d];
    attention(w.distanceBias[l], bp.q, bp.k, bp.v, bp.p, bp.o);
    float[][] a = new float[n][d];
    Gemm.ab(bp.o, b.output, a, d, d, 0, n, false);
    bp.mask1 = dropout(a, dropout, random);
    float[][] x1 = new float[n][d];
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < d; j++) {
        x1[t][j] = x[t][j] + a[t][j];
      }
    }
    bp.xhat2 = new float[n][d];
    bp.rstd2 = new float[n];
    bp.z2 = new float[n][d];
    norm(x1, b.norm2Gain[0], b.norm2Bias[0], bp.xhat2, bp.rstd2, bp.z2);
    bp.u = new float[n][d];
    Gemm.ab(bp.z2, b.ff1, bp.u, d, d, 0, n, false);
    bp.f = new float[n][d];
    for (int t = 0; t < n; t++) {
      Vectors.axpy(1f, b.ff1Bias[0], bp.u[t], d);
      for (int j = 0; j < d; j++) {
        bp.f[t][j] = Math.max(0f, bp.u[t][j]);
      }
    }
    float[][] g = new float[n][d];
    Gemm.ab(bp.f, b.ff2, g, d, d, 0, n, false);
    for (int t = 0; t < n; t++) {
      Vectors.axpy(1f, b.ff2Bias[0], g[t], d);
    }
    bp.mask2 = dropout(g, dropout, random);
    for (int t = 0; t < n; t++) {
      Vectors.axpy(1f, g[t], x1[t], d);
    }
    return x1;
  }

  /** Rows of queries a causal product handles at once: a block reads only the keys up to its last row. */
  private static final int ROWS = 16;

  /**
   * Causal attention as matrix products: {@code P = softmax(Q K^T / sqrt(d) + B)} over the keys up
   * to each query (zero above the diagonal), where {@code B[t][j]} is the learned bias of the
   * distance {@code t - j}, and {@code O = P V}. Each block of rows multiplies only the columns up
   * to its last row, so the kernels do about half the square's work.
   */
  private void attention(float[] distanceBias, float[][] q, float[][] k, float[][] v, float[][] p, float[][] o) {
    int n = q.length;
    float[][] kT = new float[d][n];
    Gemm.transpose(k, kT, n, d);
    for (int from = 0; from < n; from += ROWS) {
      int to = Math.min(n, from + ROWS);
      Gemm.ab(q, kT, p, d, to, from, to, false);
      for (int t = from; t < to; t++) {
        // Whole-row passes the JIT vectorises: this softmax was 4% of an epoch as one scalar loop.
        float[] row = p[t];
        Vectors.scale(scale, row, row, t + 1);
        for (int j = 0; j <= t; j++) {
          row[j] += distanceBias[t - j];
        }
        FastMath.expShifted(row, Vectors.max(row, t + 1), row, t + 1);
        Vectors.scale(1f / Vectors.sum(row, t + 1), row, row, t + 1);
        java.util.Arrays.fill(row, t + 1, to, 0f);
      }
      Gemm.ab(p, v, o, to, d, from, to, false);
    }
  }

  /**
   * The gradients of the attention's queries, keys and values from that of its output {@code dO};
   * the distance bias's into {@code dDistanceBias}.
   */
  private void attentionBackward(BlockPass bp, float[] dDistanceBias, float[][] dO, float[][] dq, float[][] dk, float[][] dv) {
    int n = dO.length;
    float[][] vT = new float[d][n];
    Gemm.transpose(bp.v, vT, n, d);
    float[][] ds = new float[n][n];
    for (int from = 0; from < n; from += ROWS) {
      int to = Math.min(n, from + ROWS);
      Gemm.ab(dO, vT, ds, d, to, from, to, false);
      for (int t = from; t < to; t++) {
        float[] p = bp.p[t];
        float[] row = ds[t];
        float dot = 0;
        for (int j = 0; j <= t; j++) {
          dot += p[j] * row[j];
        }
        for (int j = 0; j <= t; j++) {
          float dScore = p[j] * (row[j] - dot);
          dDistanceBias[t - j] += dScore;
          row[j] = dScore * scale;
        }
        java.util.Arrays.fill(row, t + 1, to, 0f);
      }
      Gemm.ab(ds, bp.k, dq, to, d, from, to, false);
    }
    // dV = P^T dO and dK = dS^T Q: entries above the diagonal are zero, so summing over all rows is exact.
    Gemm.atbAccumulate(bp.p, dO, dv, n, d, 0, n);
    Gemm.atbAccumulate(ds, bp.q, dk, n, d, 0, n);
  }

  /** Zeroes a share {@code rate} of the values and scales the rest up; returns the mask, or null. */
  private float[][] dropout(float[][] x, float rate, SplittableRandom random) {
    if (random == null || rate <= 0) {
      return null;
    }
    float keep = 1f / (1f - rate);
    float[][] mask = new float[x.length][d];
    for (int t = 0; t < x.length; t++) {
      for (int j = 0; j < d; j++) {
        mask[t][j] = random.nextDouble() < rate ? 0f : keep;
        x[t][j] *= mask[t][j];
      }
    }
    return mask;
  }

  private void norm(float[][] x, float[] gain, float[] bias, float[][] xhat, float[] rstd, float[][] y) {
    // Float passes with split sums that the JIT vectorises: in doubles, one scalar loop, the norms were 8% of an epoch.
    for (int t = 0; t < x.length; t++) {
      float[] r = x[t];
      float[] c = xhat[t];
      float mean = Vectors.sum(r, d) / d;
      for (int j = 0; j < d; j++) {
        c[j] = r[j] - mean;
      }
      float s = (float) (1 / Math.sqrt(Vectors.dot(c, c, d) / d + EPSILON));
      rstd[t] = s;
      float[] out = y[t];
      for (int j = 0; j < d; j++) {
        c[j] *= s;
        out[j] = gain[j] * c[j] + bias[j];
      }
    }
  }

  /** dx of a layer norm from dy, adding the gain's and bias's gradients. */
  private float[][] normBackward(float[][] dy, float[][] xhat, float[] rstd, float[] gain, float[] dGain, float[] dBias) {
    int n = dy.length;
    float[][] dx = new float[n][d];
    float[] dxhat = new float[d];
    for (int t = 0; t < n; t++) {
      float[] g = dy[t];
      float[] h = xhat[t];
      for (int j = 0; j < d; j++) {
        dGain[j] += g[j] * h[j];
        dBias[j] += g[j];
        dxhat[j] = g[j] * gain[j];
      }
      float a = Vectors.sum(dxhat, d) / d;
      float b = Vectors.dot(dxhat, h, d) / d;
      float r = rstd[t];
      float[] out = dx[t];
      for (int j = 0; j < d; j++) {
        out[j] = r * (dxhat[j] - a - h[j] * b);
      }
    }
    return dx;
  }

  /**
   * Backpropagates the loss's gradient at the final states {@code dh}: dense gradients into {@code
   * g}, and each position's input gradient as a row of its item.
   */
  void backward(Pass pass, float[][] dh, Gradients g) {
    int n = pass.length;
    if (pass.contexts != null) {
      float[][] dContexts = g.tensor(w.contextSlot());
      for (int t = 0; t < n; t++) {
        for (int f : pass.contexts[t]) {
          Vectors.axpy(1f / pass.contexts[t].length, dh[t], dContexts[f], d);
        }
      }
    }
    int finalSlot = 3 + 12 * w.blocks;
    float[][] dx = normBackward(dh, pass.xhat, pass.rstd, w.finalGain[0], g.tensor(finalSlot)[0], g.tensor(finalSlot + 1)[0]);
    for (int l = w.blocks - 1; l >= 0; l--) {
      dx = blockBackward(l, pass.blocks[l], dx, g);
    }
    if (pass.mask0 != null) {
      multiply(dx, pass.mask0);
    }
    float[][] dPositions = g.tensor(2);
    float[][] dUsers = g.tensor(1);
    for (int t = 0; t < n; t++) {
      Vectors.axpy(1f, dx[t], dPositions[n - 1 - t], d);
      for (int f : pass.userFeatures) {
        Vectors.axpy(1f / pass.userFeatures.length, dx[t], dUsers[f], d);
      }
      g.addRow(pass.items[t], dx[t], 0f);
    }
  }

  private float[][] blockBackward(int l, BlockPass bp, float[][] dOut, Gradients g) {
    TransformerWeights.Block b = w.block[l];
    int base = 3 + 12 * l;
    int n = dOut.length;
    // Feed-forward branch.
    float[][] dg = copy(dOut);
    if (bp.mask2 != null) {
      multiply(dg, bp.mask2);
    }
    sumRows(dg, g.tensor(base + 11)[0]);
    Gemm.atbAccumulate(bp.f, dg, g.tensor(base + 10), n, d, 0, d);
    float[][] du = new float[n][d];
    Gemm.ab(dg, transposed[6 * l + 5], du, d, d, 0, n, false);
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < d; j++) {
        if (bp.u[t][j] <= 0f) {
          du[t][j] = 0f;
        }
      }
    }
    sumRows(du, g.tensor(base + 9)[0]);
    Gemm.atbAccumulate(bp.z2, du, g.tensor(base + 8), n, d, 0, d);
    float[][] dz2 = new float[n][d];
    Gemm.ab(du, transposed[6 * l + 4], dz2, d, d, 0, n, false);
    float[][] dx1 = normBackward(dz2, bp.xhat2, bp.rstd2, b.norm2Gain[0], g.tensor(base + 6)[0], g.tensor(base + 7)[0]);
    add(dx1, dOut);
    // Attention branch.
    float[][] da = copy(dx1);
    if (bp.mask1 != null) {
      multiply(da, bp.mask1);
    }
    Gemm.atbAccumulate(bp.o, da, g.tensor(base + 5), n, d, 0, d);
    float[][] dO = new float[n][d];
    Gemm.ab(da, transposed[6 * l + 3], dO, d, d, 0, n, false);
    float[][] dq = new float[n][d];
    float[][] dk = new float[n][d];
    float[][] dv = new float[n][d];
    attentionBackward(bp, g.tensor(w.distanceBiasSlot())[l], dO, dq, dk, dv);
    Gemm.atbAccumulate(bp.z1, dq, g.tensor(base + 2), n, d, 0, d);
    Gemm.atbAccumulate(bp.z1, dk, g.tensor(base + 3), n, d, 0, d);
    Gemm.atbAccumulate(bp.z1, dv, g.tensor(base + 4), n, d, 0, d);
    float[][] dz1 = new float[n][d];
    Gemm.ab(dq, transposed[6 * l], dz1, d, d, 0, n, false);
    Gemm.ab(dk, transposed[6 * l + 1], dz1, d, d, 0, n, true);
    Gemm.ab(dv, transposed[6 * l + 2], dz1, d, d, 0, n, true);
    float[][] dx = normBackward(dz1, bp.xhat1, bp.rstd1, b.norm1Gain[0], g.tensor(base)[0], g.tensor(base + 1)[0]);
    add(dx, dx1);
    return dx;
  }

  private float[][] copy(float[][] a) {
    float[][] c = new float[a.length][];
    for (int t = 0; t < a.length; t++) {
      c[t] = a[t].clone();
    }
    return c;
  }

  private void multiply(float[][] a, float[][] mask) {
    for (int t = 0; t < a.length; t++) {
      for (int j = 0; j < d; j++) {
        a[t][j] *= mask[t][j];
      }
    }
  }

  private void add(float[][] a, float[][] b) {
    for (int t = 0; t < a.length; t++) {
      Vectors.axpy(1f, b[t], a[t], d);
    }
  }

  private void sumRows(float[][] a, float[] out) {
    for (float[] row : a) {
      Vectors.axpy(1f, row, out, d);
    }
  }
}
