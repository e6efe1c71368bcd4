package io.tastemaker.core.kernel;

import java.util.SplittableRandom;

/** Small helpers for matrices held as row arrays. */
public final class Matrices {
  private Matrices() {}

  public static float[][] zeros(int rows, int cols) {
    return new float[rows][cols];
  }

  public static float[][] zerosLike(float[][] a) {
    float[][] z = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      z[i] = new float[a[i].length];
    }
    return z;
  }

  public static void fill(float[][] a, float value) {
    for (float[] row : a) {
      java.util.Arrays.fill(row, value);
    }
  }

  public static float[][] copy(float[][] a) {
    float[][] c = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** {@code a += b}, element by element. */
  public static void add(float[][] a, float[][] b) {
    for (int i = 0; i < a.length; i++) {
      Vectors.axpy(1f, b[i], a[i], a[i].length);
    }
  }

  /** Uniform values in [-limit, limit], from the given random source. */
  public static void uniform(float[][] a, float limit, SplittableRandom random) {
    for (float[] row : a) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) ((random.nextDouble() * 2 - 1) * limit);
      }
    }
  }

  /** Glorot/Xavier uniform initialisation for a fanIn x fanOut weight. */
  public static void xavier(float[][] a, SplittableRandom random) {
    int fanIn = a.length;
    int fanOut = a.length == 0 ? 0 : a[0].length;
    uniform(a, (float) Math.sqrt(6.0 / (fanIn + fanOut)), random);
  }
}
