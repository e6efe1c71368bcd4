package io.tastemaker.core.kernel;

/**
 * Loops on float vectors written so that the JIT turns them into SIMD code.
 *
 * <p>Two rules make that happen: the arrays start at offset 0 (or share one offset), because the
 * JIT cannot prove two float arrays at different offsets do not overlap; and reductions keep
 * several independent sums, because Java's strict float order forbids it to split one sum.
 */
public final class Vectors {
  private Vectors() {}

  /** {@code y[j] += a * x[j]} for j in [0, n). */
  public static void axpy(float a, float[] x, float[] y, int n) {
    for (int j = 0; j < n; j++) {
      y[j] += a * x[j];
    }
  }

  /** {@code y[j] += a * x[j]} for j in [from, to): both arrays at the same offsets. */
  public static void axpy(float a, float[] x, float[] y, int from, int to) {
    for (int j = from; j < to; j++) {
      y[j] += a * x[j];
    }
  }

  /**
   * {@code y[j] += a0 x0[j] + a1 x1[j] + a2 x2[j] + a3 x3[j]}: four updates for one load and store
   * of y, which is what bounds a single axpy.
   */
  public static void axpy4(float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3, float[] x3, float[] y, int n) {
    for (int j = 0; j < n; j++) {
      y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
    }
  }

  /** {@link #axpy4(float, float[], float, float[], float, float[], float, float[], float[], int)} for j in [from, to): all arrays at the same offsets. */
  public static void axpy4(float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3, float[] x3, float[] y, int from, int to) {
    for (int j = from; j < to; j++) {
      y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
    }
  }

  /** The dot product of the first n elements, with eight partial sums. */
  public static float dot(float[] x, float[] y, int n) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      s0 += x[j] * y[j];
      s1 += x[j + 1] * y[j + 1];
      s2 += x[j + 2] * y[j + 2];
      s3 += x[j + 3] * y[j + 3];
      s4 += x[j + 4] * y[j + 4];
      s5 += x[j + 5] * y[j + 5];
      s6 += x[j + 6] * y[j + 6];
      s7 += x[j + 7] * y[j + 7];
    }
    for (; j < n; j++) {
      s0 += x[j] * y[j];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** The sum of the first n elements, with eight partial sums. */
  public static float sum(float[] x, int n) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      s0 += x[j];
      s1 += x[j + 1];
      s2 += x[j + 2];
      s3 += x[j + 3];
      s4 += x[j + 4];
      s5 += x[j + 5];
      s6 += x[j + 6];
      s7 += x[j + 7];
    }
    for (; j < n; j++) {
      s0 += x[j];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** {@code y[j] = a * x[j]}. */
  public static void scale(float a, float[] x, float[] y, int n) {
    for (int j = 0; j < n; j++) {
      y[j] = a * x[j];
    }
  }

  /**
   * {@code y[j] = sqrt(x[j])} for j in [0, n); y may be x. A loop of its own so that the roots are
   * taken several at a time: a scalar square root inside a longer loop ran at its full latency an
   * item in some compiles (9 ns an item against 3 in others, design notes).
   */
  public static void sqrt(float[] x, float[] y, int n) {
    for (int j = 0; j < n; j++) {
      y[j] = (float) Math.sqrt(x[j]);
    }
  }

  /**
   * The value as a float, or 0 where it would be subnormal (below {@link Float#MIN_NORMAL}): every
   * operation on a subnormal float takes a microcode assist, which over a million items' tail of tiny
   * probabilities costs more than a pass over the items.
   */
  public static float normalOrZero(double value) {
    return value < Float.MIN_NORMAL ? 0f : (float) value;
  }

  /** The largest of the first n values, NaNs ignored. */
  public static float max(float[] x, int n) {
    float m = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      // A comparison, not Math.max: no NaN and -0 cases, about 30% faster here.
      m = x[j] > m ? x[j] : m;
    }
    return m;
  }
}
