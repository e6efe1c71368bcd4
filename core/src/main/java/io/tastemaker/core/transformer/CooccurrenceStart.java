package io.tastemaker.core.transformer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Starting item embeddings from the training sequences' co-occurrences: the leading eigenvectors of
 * the items' positive pointwise mutual information (PPMI) within a few places of each other, scaled
 * by the square roots of their eigenvalues, so that at the first step two items' dot product already
 * approximates how much more often than chance they appear together. Found by randomized subspace
 * iteration over the sparse PPMI matrix (Halko, Martinsson and Tropp, 2011), so the cost grows with
 * the pairs seen, not with the square of the catalogue.
 */
final class CooccurrenceStart {
  /** Items on each side of an item that count as its context. */
  static final int WINDOW = 5;
  /** Extra directions the subspace iteration carries for accuracy, and its passes over the matrix. */
  private static final int OVERSAMPLE = 10;
  private static final int POWER_PASSES = 3;

  private CooccurrenceStart() {}

  /**
   * Overwrites {@code embedding}'s rows with the items' PPMI eigen-embedding, rescaled so the table's
   * root mean square entry is {@code rms} (the random start's): a row for an item seen in no pair
   * keeps its random start.
   */
  static void apply(int[][] sequences, float[][] embedding, double rms, long seed) {
    int n = embedding.length;
    int dim = embedding[0].length;
    Sparse ppmi = ppmi(sequences, n);
    if (ppmi.values.length == 0) {
      return;
    }
    int k = Math.min(n, dim + OVERSAMPLE);
    double[][] q = new double[n][k];
    SplittableRandom random = new SplittableRandom(seed);
    for (double[] row : q) {
      for (int j = 0; j < k; j++) {
        row[j] = random.nextGaussian();
      }
    }
    orthonormalise(q);
    for (int pass = 0; pass < POWER_PASSES; pass++) {
      q = ppmi.times(q);
      orthonormalise(q);
    }
    // Rayleigh-Ritz: the small matrix Q^T M Q holds M's leading eigenpairs in Q's basis.
    double[][] mq = ppmi.times(q);
    double[][] small = new double[k][k];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < k; a++) {
        double qa = q[i][a];
        if (qa != 0) {
          for (int b = 0; b < k; b++) {
            small[a][b] += qa * mq[i][b];
          }
        }
      }
    }
    double[][] vectors = new double[k][k];
    double[] values = Jacobi.eigen(small, vectors);
    Integer[] order = new Integer[k];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
    int used = Math.min(dim, k);
    double[][] result = new double[n][dim];
    boolean[] seen = ppmi.nonEmptyRows();
    double sumSquares = 0;
    long count = 0;
    for (int i = 0; i < n; i++) {
      if (!seen[i]) {
        continue;
      }
      for (int c = 0; c < used; c++) {
        int e = order[c];
        double lambda = Math.max(0, values[e]);
        double x = 0;
        for (int a = 0; a < k; a++) {
          x += q[i][a] * vectors[a][e];
        }
        result[i][c] = x * Math.sqrt(lambda);
        sumSquares += result[i][c] * result[i][c];
      }
      count += dim;
    }
    if (sumSquares == 0) {
      return;
    }
    double factor = rms / Math.sqrt(sumSquares / count);
    for (int i = 0; i < n; i++) {
      if (seen[i]) {
        for (int c = 0; c < dim; c++) {
          embedding[i][c] = (float) (result[i][c] * factor);
        }
      }
    }
  }

  /** The symmetric PPMI matrix of items within {@link #WINDOW} places of each other in a sequence. */
  static Sparse ppmi(int[][] sequences, int n) {
    long pairs = 0;
    for (int[] s : sequences) {
      for (int p = 0; p < s.length; p++) {
        pairs += Math.min(WINDOW, s.length - 1 - p) * 2L;
      }
    }
    long[] keys = new long[Math.toIntExact(pairs)];
    int at = 0;
    for (int[] s : sequences) {
      for (int p = 0; p < s.length; p++) {
        for (int o = p + 1; o <= Math.min(s.length - 1, p + WINDOW); o++) {
          keys[at++] = (long) s[p] * n + s[o];
          keys[at++] = (long) s[o] * n + s[p];
        }
      }
    }
    Arrays.sort(keys);
    int distinct = 0;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        distinct++;
      }
    }
    int[] rowStart = new int[n + 1];
    int[] columns = new int[distinct];
    double[] counts = new double[distinct];
    double[] marginal = new double[n];
    int d = -1;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        d++;
        columns[d] = (int) (keys[i] % n);
        rowStart[(int) (keys[i] / n) + 1]++;
      }
      counts[d]++;
      marginal[(int) (keys[i] / n)]++;
    }
    for (int r = 0; r < n; r++) {
      rowStart[r + 1] += rowStart[r];
    }
    double total = keys.length;
    int kept = 0;
    int[] keptStart = new int[n + 1];
    for (int r = 0; r < n; r++) {
      keptStart[r] = kept;
      for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
        double pmi = Math.log(counts[e] * total / (marginal[r] * marginal[columns[e]]));
        if (pmi > 0) {
          columns[kept] = columns[e];
          counts[kept] = pmi;
          kept++;
        }
      }
    }
    keptStart[n] = kept;
    return new Sparse(keptStart, Arrays.copyOf(columns, kept), Arrays.copyOf(counts, kept));
  }

  /** A square sparse matrix in compressed rows. */
  record Sparse(int[] rowStart, int[] columns, double[] values) {
    double[][] times(double[][] x) {
      int n = rowStart.length - 1;
      int k = x[0].length;
      double[][] y = new double[n][k];
      for (int r = 0; r < n; r++) {
        double[] out = y[r];
        for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
          double v = values[e];
          double[] in = x[columns[e]];
          for (int j = 0; j < k; j++) {
            out[j] += v * in[j];
          }
        }
      }
      return y;
    }

    boolean[] nonEmptyRows() {
      boolean[] seen = new boolean[rowStart.length - 1];
      for (int r = 0; r < seen.length; r++) {
        seen[r] = rowStart[r + 1] > rowStart[r];
      }
      return seen;
    }
  }

  /** Modified Gram-Schmidt on the columns of {@code a}; a column that vanishes is left at zero. */
  static void orthonormalise(double[][] a) {
    int n = a.length;
    int k = a[0].length;
    for (int c = 0; c < k; c++) {
      for (int prev = 0; prev < c; prev++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += a[i][c] * a[i][prev];
        }
        for (int i = 0; i < n; i++) {
          a[i][c] -= dot * a[i][prev];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += a[i][c] * a[i][c];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        a[i][c] = norm > 1e-12 ? a[i][c] / norm : 0;
      }
    }
  }
}
