package io.tastemaker.simd;

import io.tastemaker.core.kernel.MatrixKernels;
import io.tastemaker.core.kernel.PanelItems;
import io.tastemaker.core.kernel.FastMath;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix kernels on Java's Vector API: a register-blocked micro-kernel keeps a 4 x 2-vector tile of
 * C in registers while it runs down the shared dimension, one fused multiply-add per element, so
 * each load of B feeds four rows.
 *
 * <p>Columns past the last full vector (a hidden size of 43 leaves 11) are computed with one more
 * full vector that ends at the row's end and overlaps columns already done; only its new lanes are
 * written back. JDK 17 runs masked loads and stores in a slow fallback, tens of times slower than
 * the arithmetic they would save, so no mask is used anywhere.
 */
public final class VectorKernels implements MatrixKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** As many bytes as S has floats, to widen one load into one float vector. */
  private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * Byte.SIZE));
  /** Columns per strip of A B: four vectors wide, so a strip of B is k x 64 floats with 512-bit vectors. */
  private static final int STRIP = 4 * L;
  /**
   * Whether A^T B runs 4 x 4-vector tiles: sixteen accumulators, four rows of B and a broadcast fit
   * the 32 registers of 512-bit machines, not the 16 of 256-bit ones. A row of B is then read once
   * per strip of 64 columns (a hidden size of 64 in one pass) and each broadcast feeds four vectors.
   */
  private static final boolean WIDE_TRANSPOSED = L >= 16;
  /** Columns per strip of A^T B. */
  private static final int TRANSPOSED_STRIP = (WIDE_TRANSPOSED ? 4 : 2) * L;

  /** Doubles as many as half of S's floats: each float vector's exponentials are summed as two of these. */
  private static final VectorSpecies<Double> HALF_DOUBLES = VectorSpecies.of(double.class, VectorShape.forBitSize(L / 2 * Double.SIZE));

  /**
   * {@link FastMath#expNonPositive}'s operations lane by lane, in its order, so each exponential is
   * its float bit for bit; the sums run in double, half a vector at a time.
   */
  @Override
  public double expShiftedSum(float[] x, float shift, float[] y, int n) {
    DoubleVector low = DoubleVector.zero(HALF_DOUBLES);
    DoubleVector high = DoubleVector.zero(HALF_DOUBLES);
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector t = FloatVector.fromArray(S, x, i).sub(shift).max(-80f).mul(0.015625f);
      FloatVector p = t.mul(2.7557319e-6f).add(2.4801587e-5f);
      p = t.mul(p).add(1.9841270e-4f);
      p = t.mul(p).add(1.3888889e-3f);
      p = t.mul(p).add(8.3333338e-3f);
      p = t.mul(p).add(4.1666668e-2f);
      p = t.mul(p).add(1.6666667e-1f);
      p = t.mul(p).add(0.5f);
      p = t.mul(p).add(1f);
      p = t.mul(p).add(1f);
      p = p.mul(p);
      p = p.mul(p);
      p = p.mul(p);
      p = p.mul(p);
      p = p.mul(p);
      p = p.mul(p);
      p.intoArray(y, i);
      low = low.add((DoubleVector) p.convertShape(VectorOperators.F2D, HALF_DOUBLES, 0));
      high = high.add((DoubleVector) p.convertShape(VectorOperators.F2D, HALF_DOUBLES, 1));
    }
    double sum = low.add(high).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      y[i] = FastMath.expNonPositive(x[i] - shift);
      sum += y[i];
    }
    return sum;
  }

  /** The first i in [from, to) with {@code values[i] >= threshold}: a vector's comparisons at a time. */
  @Override
  public int nextAtLeast(float[] values, float threshold, int from, int to) {
    int i = from;
    for (; i + L <= to; i += L) {
      VectorMask<Float> reached = FloatVector.fromArray(S, values, i).compare(VectorOperators.GE, threshold);
      if (reached.anyTrue()) {
        return i + reached.firstTrue();
      }
    }
    for (; i < to; i++) {
      if (values[i] >= threshold) {
        return i;
      }
    }
    return to;
  }

  /** One panel of a {@link PanelItems} table: its width in floats. */
  private static final VectorSpecies<Float> PANEL = L >= PanelItems.WIDTH ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
  /** Vectors a panel's floats take: one of 512 bits, or two of 256. */
  private static final int PARTS = PanelItems.WIDTH / PANEL.length();

  /**
   * Four users at a time keep a panel's logits in four registers while the panel's dimensions pass
   * by, four at a time: each load of the table feeds four users, and the logits are stored once
   * (eight users a pass ran 10% slower).
   * Each logit is {@link io.tastemaker.core.kernel.Logits}' additions in its order (products of four
   * dimensions summed, then added; no fused multiply-add), so the same floats as the scalar kernels.
   */
  /**
   * With 512-bit vectors (one a panel) or 256-bit ones (two a panel): at a million items 1.6 ms of
   * logits a user in blocks of 32, or 2.2 on 256-bit vectors, against the tiled pass's 3.1.
   */
  @Override
  public boolean panels() {
    return L >= PANEL.length() && PANEL.length() * PARTS == PanelItems.WIDTH;
  }

  @Override
  public void panelLogits(float[][] users, int count, float[] panels, float[] bias, int dim, float[][] out, int fromPanel, int toPanel) {
    if (!panels()) {
      throw new IllegalStateException("panels of " + PanelItems.WIDTH + " items need vectors of 8 or 16 floats, these have " + L);
    }
    for (int from = fromPanel; from < toPanel; from += PanelItems.RUN) {
      int to = Math.min(toPanel, from + PanelItems.RUN);
      int u = 0;
      for (; u + 4 <= count; u += 4) {
        for (int p = from; p < to; p++) {
          for (int part = 0; part < PanelItems.WIDTH; part += PANEL.length()) {
            panelFour(users[u], users[u + 1], users[u + 2], users[u + 3], panels, bias, dim, p, part, out[u], out[u + 1], out[u + 2], out[u + 3]);
          }
        }
      }
      for (; u < count; u++) {
        for (int p = from; p < to; p++) {
          for (int part = 0; part < PanelItems.WIDTH; part += PANEL.length()) {
            panelOne(users[u], panels, bias, dim, p, part, out[u]);
          }
        }
      }
    }
  }

  /** Four users' logits of the items {@code part} to {@code part + PANEL.length()} of panel p. */
  private static void panelFour(float[] h0, float[] h1, float[] h2, float[] h3, float[] panels, float[] bias, int dim, int p, int part, float[] o0,
      float[] o1, float[] o2, float[] o3) {
    int w = PanelItems.WIDTH;
    int base = p * dim * w + part;
    int at = p * w + part;
    FloatVector b = FloatVector.fromArray(PANEL, bias, at);
    FloatVector y0 = b;
    FloatVector y1 = b;
    FloatVector y2 = b;
    FloatVector y3 = b;
    int d = 0;
    for (; d + 4 <= dim; d += 4) {
      int r = base + d * w;
      FloatVector e0 = FloatVector.fromArray(PANEL, panels, r);
      FloatVector e1 = FloatVector.fromArray(PANEL, panels, r + w);
      FloatVector e2 = FloatVector.fromArray(PANEL, panels, r + 2 * w);
      FloatVector e3 = FloatVector.fromArray(PANEL, panels, r + 3 * w);
      y0 = y0.add(e0.mul(h0[d]).add(e1.mul(h0[d + 1])).add(e2.mul(h0[d + 2])).add(e3.mul(h0[d + 3])));
      y1 = y1.add(e0.mul(h1[d]).add(e1.mul(h1[d + 1])).add(e2.mul(h1[d + 2])).add(e3.mul(h1[d + 3])));
      y2 = y2.add(e0.mul(h2[d]).add(e1.mul(h2[d + 1])).add(e2.mul(h2[d + 2])).add(e3.mul(h2[d + 3])));
      y3 = y3.add(e0.mul(h3[d]).add(e1.mul(h3[d + 1])).add(e2.mul(h3[d + 2])).add(e3.mul(h3[d + 3])));
    }
    for (; d < dim; d++) {
      FloatVector e = FloatVector.fromArray(PANEL, panels, base + d * w);
      y0 = y0.add(e.mul(h0[d]));
      y1 = y1.add(e.mul(h1[d]));
      y2 = y2.add(e.mul(h2[d]));
      y3 = y3.add(e.mul(h3[d]));
    }
    y0.intoArray(o0, at);
    y1.intoArray(o1, at);
    y2.intoArray(o2, at);
    y3.intoArray(o3, at);
  }

  private static void panelOne(float[] h, float[] panels, float[] bias, int dim, int p, int part, float[] out) {
    int w = PanelItems.WIDTH;
    int base = p * dim * w + part;
    int at = p * w + part;
    FloatVector y = FloatVector.fromArray(PANEL, bias, at);
    int d = 0;
    for (; d + 4 <= dim; d += 4) {
      int r = base + d * w;
      y = y.add(FloatVector.fromArray(PANEL, panels, r).mul(h[d])
          .add(FloatVector.fromArray(PANEL, panels, r + w).mul(h[d + 1]))
          .add(FloatVector.fromArray(PANEL, panels, r + 2 * w).mul(h[d + 2]))
          .add(FloatVector.fromArray(PANEL, panels, r + 3 * w).mul(h[d + 3])));
    }
    for (; d < dim; d++) {
      y = y.add(FloatVector.fromArray(PANEL, panels, base + d * w).mul(h[d]));
    }
    y.intoArray(out, at);
  }

  @Override
  public void addQuantized(float[][] users, int count, byte[][] q, float[][] acc, int from, int to) {
    int v = 0;
    // Two users a pass: each widened load of q feeds both.
    for (; v + 2 <= count; v += 2) {
      addQuantizedPair(users[v], users[v + 1], q, acc[v], acc[v + 1], from, to);
    }
    for (; v < count; v++) {
      addQuantized(users[v], q, acc[v], from, to);
    }
  }

  private static void addQuantized(float[] h, byte[][] q, float[] acc, int from, int to) {
    int p = 0;
    // Four rows of q per pass: one load and store of acc for four widened rows.
    for (; p + 4 <= h.length; p += 4) {
      float a0 = h[p];
      float a1 = h[p + 1];
      float a2 = h[p + 2];
      float a3 = h[p + 3];
      byte[] q0 = q[p];
      byte[] q1 = q[p + 1];
      byte[] q2 = q[p + 2];
      byte[] q3 = q[p + 3];
      int j = from;
      for (; j + L <= to; j += L) {
        FloatVector s = widen(q0, j).mul(a0).add(widen(q1, j).mul(a1)).add(widen(q2, j).mul(a2)).add(widen(q3, j).mul(a3));
        FloatVector.fromArray(S, acc, j).add(s).intoArray(acc, j);
      }
      for (; j < to; j++) {
        acc[j] += a0 * q0[j] + a1 * q1[j] + a2 * q2[j] + a3 * q3[j];
      }
    }
    for (; p < h.length; p++) {
      float a = h[p];
      byte[] row = q[p];
      int j = from;
      for (; j + L <= to; j += L) {
        FloatVector.fromArray(S, acc, j).add(widen(row, j).mul(a)).intoArray(acc, j);
      }
      for (; j < to; j++) {
        acc[j] += a * row[j];
      }
    }
  }

  private static void addQuantizedPair(float[] g, float[] h, byte[][] q, float[] accG, float[] accH, int from, int to) {
    int p = 0;
    for (; p + 4 <= h.length; p += 4) {
      byte[] q0 = q[p];
      byte[] q1 = q[p + 1];
      byte[] q2 = q[p + 2];
      byte[] q3 = q[p + 3];
      float g0 = g[p];
      float g1 = g[p + 1];
      float g2 = g[p + 2];
      float g3 = g[p + 3];
      float h0 = h[p];
      float h1 = h[p + 1];
      float h2 = h[p + 2];
      float h3 = h[p + 3];
      int j = from;
      for (; j + L <= to; j += L) {
        FloatVector w0 = widen(q0, j);
        FloatVector w1 = widen(q1, j);
        FloatVector w2 = widen(q2, j);
        FloatVector w3 = widen(q3, j);
        FloatVector sg = w0.mul(g0).add(w1.mul(g1)).add(w2.mul(g2)).add(w3.mul(g3));
        FloatVector sh = w0.mul(h0).add(w1.mul(h1)).add(w2.mul(h2)).add(w3.mul(h3));
        FloatVector.fromArray(S, accG, j).add(sg).intoArray(accG, j);
        FloatVector.fromArray(S, accH, j).add(sh).intoArray(accH, j);
      }
      for (; j < to; j++) {
        accG[j] += g[p] * q0[j] + g[p + 1] * q1[j] + g[p + 2] * q2[j] + g[p + 3] * q3[j];
        accH[j] += h[p] * q0[j] + h[p + 1] * q1[j] + h[p + 2] * q2[j] + h[p + 3] * q3[j];
      }
    }
    for (; p < h.length; p++) {
      byte[] row = q[p];
      int j = from;
      for (; j + L <= to; j += L) {
        FloatVector w = widen(row, j);
        FloatVector.fromArray(S, accG, j).add(w.mul(g[p])).intoArray(accG, j);
        FloatVector.fromArray(S, accH, j).add(w.mul(h[p])).intoArray(accH, j);
      }
      for (; j < to; j++) {
        accG[j] += g[p] * row[j];
        accH[j] += h[p] * row[j];
      }
    }
  }

  private static FloatVector widen(byte[] row, int j) {
    return (FloatVector) ByteVector.fromArray(BYTES, row, j).convertShape(VectorOperators.B2F, S, 0);
  }

  @Override
  public String name() {
    return "vector-" + S.vectorBitSize();
  }

  @Override
  public void ab(float[][] a, float[][] b, float[][] c, int k, int m, int from, int to, boolean accumulate) {
    float[] spill = new float[L];
    // Column strips outside: a strip of B (k x STRIP) stays in cache while every row tile uses it.
    for (int j0 = 0; j0 < m; j0 += STRIP) {
      int j1 = Math.min(m, j0 + STRIP);
      int i = from;
      for (; i + 4 <= to; i += 4) {
        tile(a[i], a[i + 1], a[i + 2], a[i + 3], b, c[i], c[i + 1], c[i + 2], c[i + 3], k, j0, j1, accumulate, spill);
      }
      for (; i < to; i++) {
        row(a[i], b, c[i], k, j0, j1, accumulate, spill);
      }
    }
  }

  /**
   * Four rows of C = A B over columns [from, m): four vectors of columns at a time, then two, then
   * the tail. Each width is its own small method, compiled on its own, so the JIT keeps every vector
   * operation in registers whichever shapes it saw first (one large method with all three was
   * sometimes compiled into code several times slower).
   */
  private static void tile(
      float[] a0, float[] a1, float[] a2, float[] a3, float[][] b, float[] c0, float[] c1, float[] c2, float[] c3, int k, int from, int m,
      boolean accumulate, float[] spill) {
    int j = from;
    for (; j + 4 * L <= m; j += 4 * L) {
      wideTile(a0, a1, a2, a3, b, c0, c1, c2, c3, k, j, accumulate);
    }
    for (; j + 2 * L <= m; j += 2 * L) {
      narrowTile(a0, a1, a2, a3, b, c0, c1, c2, c3, k, j, accumulate);
    }
    if (j < m) {
      tailTile(a0, a1, a2, a3, b, c0, c1, c2, c3, k, j, m, accumulate, spill);
    }
  }

  /** Four rows by two vectors of C from column j. */
  private static void narrowTile(
      float[] a0, float[] a1, float[] a2, float[] a3, float[][] b, float[] c0, float[] c1, float[] c2, float[] c3, int k, int j, boolean accumulate) {
    FloatVector s00 = start(c0, j, accumulate);
    FloatVector s01 = start(c0, j + L, accumulate);
    FloatVector s10 = start(c1, j, accumulate);
    FloatVector s11 = start(c1, j + L, accumulate);
    FloatVector s20 = start(c2, j, accumulate);
    FloatVector s21 = start(c2, j + L, accumulate);
    FloatVector s30 = start(c3, j, accumulate);
    FloatVector s31 = start(c3, j + L, accumulate);
    for (int p = 0; p < k; p++) {
      float[] bp = b[p];
      FloatVector b0 = FloatVector.fromArray(S, bp, j);
      FloatVector b1 = FloatVector.fromArray(S, bp, j + L);
      FloatVector v = FloatVector.broadcast(S, a0[p]);
      s00 = b0.fma(v, s00);
      s01 = b1.fma(v, s01);
      v = FloatVector.broadcast(S, a1[p]);
      s10 = b0.fma(v, s10);
      s11 = b1.fma(v, s11);
      v = FloatVector.broadcast(S, a2[p]);
      s20 = b0.fma(v, s20);
      s21 = b1.fma(v, s21);
      v = FloatVector.broadcast(S, a3[p]);
      s30 = b0.fma(v, s30);
      s31 = b1.fma(v, s31);
    }
    s00.intoArray(c0, j);
    s01.intoArray(c0, j + L);
    s10.intoArray(c1, j);
    s11.intoArray(c1, j + L);
    s20.intoArray(c2, j);
    s21.intoArray(c2, j + L);
    s30.intoArray(c3, j);
    s31.intoArray(c3, j + L);
  }

  /** Four rows of C over the last columns [j, m), fewer than two vectors, one vector at a time. */
  private static void tailTile(
      float[] a0, float[] a1, float[] a2, float[] a3, float[][] b, float[] c0, float[] c1, float[] c2, float[] c3, int k, int j, int m,
      boolean accumulate, float[] spill) {
    while (j < m) {
      // A last vector that would run past the row starts earlier instead; only columns >= j are new.
      int at = j + L <= m ? j : m - L;
      if (at < 0) {
        tileScalar(a0, a1, a2, a3, b, c0, c1, c2, c3, k, j, m, accumulate);
        return;
      }
      boolean whole = at == j;
      FloatVector s0 = whole ? start(c0, at, accumulate) : FloatVector.zero(S);
      FloatVector s1 = whole ? start(c1, at, accumulate) : FloatVector.zero(S);
      FloatVector s2 = whole ? start(c2, at, accumulate) : FloatVector.zero(S);
      FloatVector s3 = whole ? start(c3, at, accumulate) : FloatVector.zero(S);
      for (int p = 0; p < k; p++) {
        FloatVector bv = FloatVector.fromArray(S, b[p], at);
        s0 = bv.fma(FloatVector.broadcast(S, a0[p]), s0);
        s1 = bv.fma(FloatVector.broadcast(S, a1[p]), s1);
        s2 = bv.fma(FloatVector.broadcast(S, a2[p]), s2);
        s3 = bv.fma(FloatVector.broadcast(S, a3[p]), s3);
      }
      store(s0, c0, at, j, whole, accumulate, spill);
      store(s1, c1, at, j, whole, accumulate, spill);
      store(s2, c2, at, j, whole, accumulate, spill);
      store(s3, c3, at, j, whole, accumulate, spill);
      j = at + L;
    }
  }

  /**
   * Four rows by four vectors of C from column j: sixteen accumulators (of the 32 AVX-512 registers),
   * so each pass over p does sixteen multiply-adds for four loads of B and four broadcasts. Each
   * element still sums over p in order, so results are the same as with narrower tiles.
   */
  private static void wideTile(
      float[] a0, float[] a1, float[] a2, float[] a3, float[][] b, float[] c0, float[] c1, float[] c2, float[] c3, int k, int j, boolean accumulate) {
    int j1 = j + L;
    int j2 = j + 2 * L;
    int j3 = j + 3 * L;
    FloatVector s00 = start(c0, j, accumulate);
    FloatVector s01 = start(c0, j1, accumulate);
    FloatVector s02 = start(c0, j2, accumulate);
    FloatVector s03 = start(c0, j3, accumulate);
    FloatVector s10 = start(c1, j, accumulate);
    FloatVector s11 = start(c1, j1, accumulate);
    FloatVector s12 = start(c1, j2, accumulate);
    FloatVector s13 = start(c1, j3, accumulate);
    FloatVector s20 = start(c2, j, accumulate);
    FloatVector s21 = start(c2, j1, accumulate);
    FloatVector s22 = start(c2, j2, accumulate);
    FloatVector s23 = start(c2, j3, accumulate);
    FloatVector s30 = start(c3, j, accumulate);
    FloatVector s31 = start(c3, j1, accumulate);
    FloatVector s32 = start(c3, j2, accumulate);
    FloatVector s33 = start(c3, j3, accumulate);
    for (int p = 0; p < k; p++) {
      float[] bp = b[p];
      FloatVector b0 = FloatVector.fromArray(S, bp, j);
      FloatVector b1 = FloatVector.fromArray(S, bp, j1);
      FloatVector b2 = FloatVector.fromArray(S, bp, j2);
      FloatVector b3 = FloatVector.fromArray(S, bp, j3);
      FloatVector v = FloatVector.broadcast(S, a0[p]);
      s00 = b0.fma(v, s00);
      s01 = b1.fma(v, s01);
      s02 = b2.fma(v, s02);
      s03 = b3.fma(v, s03);
      v = FloatVector.broadcast(S, a1[p]);
      s10 = b0.fma(v, s10);
      s11 = b1.fma(v, s11);
      s12 = b2.fma(v, s12);
      s13 = b3.fma(v, s13);
      v = FloatVector.broadcast(S, a2[p]);
      s20 = b0.fma(v, s20);
      s21 = b1.fma(v, s21);
      s22 = b2.fma(v, s22);
      s23 = b3.fma(v, s23);
      v = FloatVector.broadcast(S, a3[p]);
      s30 = b0.fma(v, s30);
      s31 = b1.fma(v, s31);
      s32 = b2.fma(v, s32);
      s33 = b3.fma(v, s33);
    }
    s00.intoArray(c0, j);
    s01.intoArray(c0, j1);
    s02.intoArray(c0, j2);
    s03.intoArray(c0, j3);
    s10.intoArray(c1, j);
    s11.intoArray(c1, j1);
    s12.intoArray(c1, j2);
    s13.intoArray(c1, j3);
    s20.intoArray(c2, j);
    s21.intoArray(c2, j1);
    s22.intoArray(c2, j2);
    s23.intoArray(c2, j3);
    s30.intoArray(c3, j);
    s31.intoArray(c3, j1);
    s32.intoArray(c3, j2);
    s33.intoArray(c3, j3);
  }

  /** Rows narrower than one vector. */
  private static void tileScalar(
      float[] a0, float[] a1, float[] a2, float[] a3, float[][] b, float[] c0, float[] c1, float[] c2, float[] c3, int k, int from, int m,
      boolean accumulate) {
    for (int j = from; j < m; j++) {
      float s0 = accumulate ? c0[j] : 0f;
      float s1 = accumulate ? c1[j] : 0f;
      float s2 = accumulate ? c2[j] : 0f;
      float s3 = accumulate ? c3[j] : 0f;
      for (int p = 0; p < k; p++) {
        float bv = b[p][j];
        s0 += a0[p] * bv;
        s1 += a1[p] * bv;
        s2 += a2[p] * bv;
        s3 += a3[p] * bv;
      }
      c0[j] = s0;
      c1[j] = s1;
      c2[j] = s2;
      c3[j] = s3;
    }
  }

  private static void row(float[] a, float[][] b, float[] c, int k, int from, int m, boolean accumulate, float[] spill) {
    int j = from;
    while (j < m) {
      int at = j + L <= m ? j : m - L;
      if (at < 0) {
        for (; j < m; j++) {
          float s = accumulate ? c[j] : 0f;
          for (int p = 0; p < k; p++) {
            s += a[p] * b[p][j];
          }
          c[j] = s;
        }
        return;
      }
      boolean whole = at == j;
      FloatVector s = whole ? start(c, at, accumulate) : FloatVector.zero(S);
      for (int p = 0; p < k; p++) {
        s = FloatVector.fromArray(S, b[p], at).fma(FloatVector.broadcast(S, a[p]), s);
      }
      store(s, c, at, j, whole, accumulate, spill);
      j = at + L;
    }
  }

  @Override
  public void atbAccumulate(float[][] a, float[][] b, float[][] c, int n, int m, int from, int to) {
    float[] spill = new float[L];
    // C[p] += sum_i A[i][p] B[i]: the same tile, with A read down its columns, strips outside.
    for (int j0 = 0; j0 < m; j0 += TRANSPOSED_STRIP) {
      int j1 = Math.min(m, j0 + TRANSPOSED_STRIP);
      int p = from;
      for (; p + 4 <= to; p += 4) {
        transposedTile(a, b, c[p], c[p + 1], c[p + 2], c[p + 3], p, n, j0, j1, spill);
      }
      for (; p < to; p++) {
        transposedRow(a, b, c[p], p, n, j0, j1, spill);
      }
    }
  }

  private static void transposedTile(float[][] a, float[][] b, float[] c0, float[] c1, float[] c2, float[] c3, int p, int n, int from, int m, float[] spill) {
    int j = from;
    if (WIDE_TRANSPOSED) {
      for (; j + 4 * L <= m; j += 4 * L) {
        transposedWideTile(a, b, c0, c1, c2, c3, p, n, j);
      }
    }
    for (; j + 2 * L <= m; j += 2 * L) {
      FloatVector s00 = FloatVector.fromArray(S, c0, j);
      FloatVector s01 = FloatVector.fromArray(S, c0, j + L);
      FloatVector s10 = FloatVector.fromArray(S, c1, j);
      FloatVector s11 = FloatVector.fromArray(S, c1, j + L);
      FloatVector s20 = FloatVector.fromArray(S, c2, j);
      FloatVector s21 = FloatVector.fromArray(S, c2, j + L);
      FloatVector s30 = FloatVector.fromArray(S, c3, j);
      FloatVector s31 = FloatVector.fromArray(S, c3, j + L);
      for (int i = 0; i < n; i++) {
        float[] ai = a[i];
        float[] bi = b[i];
        FloatVector b0 = FloatVector.fromArray(S, bi, j);
        FloatVector b1 = FloatVector.fromArray(S, bi, j + L);
        FloatVector v = FloatVector.broadcast(S, ai[p]);
        s00 = b0.fma(v, s00);
        s01 = b1.fma(v, s01);
        v = FloatVector.broadcast(S, ai[p + 1]);
        s10 = b0.fma(v, s10);
        s11 = b1.fma(v, s11);
        v = FloatVector.broadcast(S, ai[p + 2]);
        s20 = b0.fma(v, s20);
        s21 = b1.fma(v, s21);
        v = FloatVector.broadcast(S, ai[p + 3]);
        s30 = b0.fma(v, s30);
        s31 = b1.fma(v, s31);
      }
      s00.intoArray(c0, j);
      s01.intoArray(c0, j + L);
      s10.intoArray(c1, j);
      s11.intoArray(c1, j + L);
      s20.intoArray(c2, j);
      s21.intoArray(c2, j + L);
      s30.intoArray(c3, j);
      s31.intoArray(c3, j + L);
    }
    while (j < m) {
      int at = j + L <= m ? j : m - L;
      if (at < 0) {
        for (int q = 0; q < 4; q++) {
          transposedRow(a, b, q == 0 ? c0 : q == 1 ? c1 : q == 2 ? c2 : c3, p + q, n, j, m, spill);
        }
        return;
      }
      boolean whole = at == j;
      FloatVector s0 = whole ? FloatVector.fromArray(S, c0, at) : FloatVector.zero(S);
      FloatVector s1 = whole ? FloatVector.fromArray(S, c1, at) : FloatVector.zero(S);
      FloatVector s2 = whole ? FloatVector.fromArray(S, c2, at) : FloatVector.zero(S);
      FloatVector s3 = whole ? FloatVector.fromArray(S, c3, at) : FloatVector.zero(S);
      for (int i = 0; i < n; i++) {
        float[] ai = a[i];
        FloatVector bv = FloatVector.fromArray(S, b[i], at);
        s0 = bv.fma(FloatVector.broadcast(S, ai[p]), s0);
        s1 = bv.fma(FloatVector.broadcast(S, ai[p + 1]), s1);
        s2 = bv.fma(FloatVector.broadcast(S, ai[p + 2]), s2);
        s3 = bv.fma(FloatVector.broadcast(S, ai[p + 3]), s3);
      }
      store(s0, c0, at, j, whole, true, spill);
      store(s1, c1, at, j, whole, true, spill);
      store(s2, c2, at, j, whole, true, spill);
      store(s3, c3, at, j, whole, true, spill);
      j = at + L;
    }
  }

  /** One output row p of C += A^T B over columns [from, m). */
  /** {@code C[p..p+3][j..j+4L) += sum_i A[i][p..p+3] B[i][j..j+4L)}, the tile in registers. */
  private static void transposedWideTile(float[][] a, float[][] b, float[] c0, float[] c1, float[] c2, float[] c3, int p, int n, int j) {
    FloatVector s00 = FloatVector.fromArray(S, c0, j);
    FloatVector s01 = FloatVector.fromArray(S, c0, j + L);
    FloatVector s02 = FloatVector.fromArray(S, c0, j + 2 * L);
    FloatVector s03 = FloatVector.fromArray(S, c0, j + 3 * L);
    FloatVector s10 = FloatVector.fromArray(S, c1, j);
    FloatVector s11 = FloatVector.fromArray(S, c1, j + L);
    FloatVector s12 = FloatVector.fromArray(S, c1, j + 2 * L);
    FloatVector s13 = FloatVector.fromArray(S, c1, j + 3 * L);
    FloatVector s20 = FloatVector.fromArray(S, c2, j);
    FloatVector s21 = FloatVector.fromArray(S, c2, j + L);
    FloatVector s22 = FloatVector.fromArray(S, c2, j + 2 * L);
    FloatVector s23 = FloatVector.fromArray(S, c2, j + 3 * L);
    FloatVector s30 = FloatVector.fromArray(S, c3, j);
    FloatVector s31 = FloatVector.fromArray(S, c3, j + L);
    FloatVector s32 = FloatVector.fromArray(S, c3, j + 2 * L);
    FloatVector s33 = FloatVector.fromArray(S, c3, j + 3 * L);
    for (int i = 0; i < n; i++) {
      float[] ai = a[i];
      float[] bi = b[i];
      FloatVector b0 = FloatVector.fromArray(S, bi, j);
      FloatVector b1 = FloatVector.fromArray(S, bi, j + L);
      FloatVector b2 = FloatVector.fromArray(S, bi, j + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, bi, j + 3 * L);
      FloatVector v = FloatVector.broadcast(S, ai[p]);
      s00 = b0.fma(v, s00);
      s01 = b1.fma(v, s01);
      s02 = b2.fma(v, s02);
      s03 = b3.fma(v, s03);
      v = FloatVector.broadcast(S, ai[p + 1]);
      s10 = b0.fma(v, s10);
      s11 = b1.fma(v, s11);
      s12 = b2.fma(v, s12);
      s13 = b3.fma(v, s13);
      v = FloatVector.broadcast(S, ai[p + 2]);
      s20 = b0.fma(v, s20);
      s21 = b1.fma(v, s21);
      s22 = b2.fma(v, s22);
      s23 = b3.fma(v, s23);
      v = FloatVector.broadcast(S, ai[p + 3]);
      s30 = b0.fma(v, s30);
      s31 = b1.fma(v, s31);
      s32 = b2.fma(v, s32);
      s33 = b3.fma(v, s33);
    }
    s00.intoArray(c0, j);
    s01.intoArray(c0, j + L);
    s02.intoArray(c0, j + 2 * L);
    s03.intoArray(c0, j + 3 * L);
    s10.intoArray(c1, j);
    s11.intoArray(c1, j + L);
    s12.intoArray(c1, j + 2 * L);
    s13.intoArray(c1, j + 3 * L);
    s20.intoArray(c2, j);
    s21.intoArray(c2, j + L);
    s22.intoArray(c2, j + 2 * L);
    s23.intoArray(c2, j + 3 * L);
    s30.intoArray(c3, j);
    s31.intoArray(c3, j + L);
    s32.intoArray(c3, j + 2 * L);
    s33.intoArray(c3, j + 3 * L);
  }

  private static void transposedRow(float[][] a, float[][] b, float[] cp, int p, int n, int from, int m, float[] spill) {
    int j = from;
    while (j < m) {
      int at = j + L <= m ? j : m - L;
      if (at < 0) {
        for (; j < m; j++) {
          float s = cp[j];
          for (int i = 0; i < n; i++) {
            s += a[i][p] * b[i][j];
          }
          cp[j] = s;
        }
        return;
      }
      boolean whole = at == j;
      FloatVector s = whole ? FloatVector.fromArray(S, cp, at) : FloatVector.zero(S);
      for (int i = 0; i < n; i++) {
        s = FloatVector.fromArray(S, b[i], at).fma(FloatVector.broadcast(S, a[i][p]), s);
      }
      store(s, cp, at, j, whole, true, spill);
      j = at + L;
    }
  }

  /** A result vector at column {@code at}: all of it when whole, else only its lanes from column {@code from}. */
  private static void store(FloatVector s, float[] c, int at, int from, boolean whole, boolean accumulate, float[] spill) {
    if (whole) {
      s.intoArray(c, at);
    } else {
      writeTail(s, c, at, from, accumulate, spill);
    }
  }

  /** Writes lanes of {@code s} (columns {@code at..at+L}) from column {@code from} on into c. */
  private static void writeTail(FloatVector s, float[] c, int at, int from, boolean accumulate, float[] spill) {
    s.intoArray(spill, 0);
    for (int t = from - at; t < L; t++) {
      c[at + t] = accumulate ? c[at + t] + spill[t] : spill[t];
    }
  }

  private static FloatVector start(float[] c, int j, boolean accumulate) {
    return accumulate ? FloatVector.fromArray(S, c, j) : FloatVector.zero(S);
  }
}
