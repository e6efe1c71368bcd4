package io.tastemaker.core.transformer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Starting item embeddings from the training sequences' co-occurrences: the leading eigenvectors of
 * the items' positive pointwise mutual information (PPMI) within a few places of each other, scaled
 * by the square roots of their eigenvalues, so that at the first step two items' dot product already
 * approximates how much more often than chance they appear together. Found by randomized subspace
 * iteration over the sparse PPMI matrix of the items met in some pair (Halko, Martinsson and Tropp,
 * 2011), so the cost grows with the pairs and the items seen, not with the square of the catalogue.
 */
final class CooccurrenceStart {
  /** Items on each side of an item that count as its context. */
  static final int WINDOW = 5;
  /** Extra directions the subspace iteration carries for accuracy, and its passes over the matrix. */
  private static final int OVERSAMPLE = 10;
  private static final int POWER_PASSES = 2;

  private CooccurrenceStart() {}

  /**
   * Overwrites {@code embedding}'s rows with the items' PPMI eigen-embedding, rescaled so the table's
   * root mean square entry is {@code rms} (the random start's): a row for an item seen in no pair
   * keeps its random start.
   */
  static void apply(int[][] sequences, float[][] embedding, double rms, long seed) {
    int dim = embedding[0].length;
    Compact compact = Compact.of(sequences, embedding.length);
    if (compact.items() == 0) {
      return;
    }
    Sparse ppmi = ppmi(compact.sequences(), compact.items());
    if (ppmi.values.length == 0) {
      return;
    }
    double[][] vectors = eigenEmbedding(ppmi, Math.min(compact.items(), dim + OVERSAMPLE), Math.min(dim, compact.items()), seed);
    boolean[] seen = ppmi.nonEmptyRows();
    double sumSquares = 0;
    long count = 0;
    for (int i = 0; i < vectors.length; i++) {
      if (seen[i]) {
        for (double x : vectors[i]) {
          sumSquares += x * x;
        }
        count += dim;
      }
    }
    if (sumSquares == 0) {
      return;
    }
    double factor = rms / Math.sqrt(sumSquares / count);
    for (int i = 0; i < vectors.length; i++) {
      if (seen[i]) {
        float[] target = embedding[compact.itemOf()[i]];
        Arrays.fill(target, 0f);
        for (int c = 0; c < vectors[i].length; c++) {
          target[c] = (float) (vectors[i][c] * factor);
        }
      }
    }
  }

  /**
   * The sequences over only the items met in some pair (a sequence of two or more), numbered in
   * order of first appearance, so a large catalogue's unseen tail costs nothing.
   */
  private record Compact(int[][] sequences, int items, int[] itemOf) {
    static Compact of(int[][] sequences, int catalogue) {
      int[] compactOf = new int[catalogue];
      Arrays.fill(compactOf, -1);
      int n = 0;
      int[][] compact = new int[sequences.length][];
      for (int s = 0; s < sequences.length; s++) {
        compact[s] = sequences[s].length < 2 ? new int[0] : new int[sequences[s].length];
        for (int p = 0; p < compact[s].length; p++) {
          int item = sequences[s][p];
          if (compactOf[item] < 0) {
            compactOf[item] = n++;
          }
          compact[s][p] = compactOf[item];
        }
      }
      int[] itemOf = new int[n];
      for (int item = 0; item < catalogue; item++) {
        if (compactOf[item] >= 0) {
          itemOf[compactOf[item]] = item;
        }
      }
      return new Compact(compact, n, itemOf);
    }
  }

  /**
   * Each row's coordinates in the {@code used} leading eigenvectors of {@code m}, each scaled by the
   * square root of its eigenvalue: randomized subspace iteration with {@code k} directions, then
   * Rayleigh-Ritz (the small matrix Q^T M Q holds M's leading eigenpairs in Q's basis).
   */
  private static double[][] eigenEmbedding(Sparse m, int k, int used, long seed) {
    int n = m.rowStart.length - 1;
    double[][] q = new double[n][k];
    SplittableRandom random = new SplittableRandom(seed);
    for (double[] row : q) {
      for (int j = 0; j < k; j++) {
        row[j] = random.nextGaussian();
      }
    }
    orthonormalise(q);
    for (int pass = 0; pass < POWER_PASSES; pass++) {
      q = m.times(q);
      orthonormalise(q);
    }
    double[][] small = transposeTimes(q, m.times(q));
    double[][] vectors = new double[k][k];
    double[] values = Jacobi.eigen(small, vectors);
    Integer[] order = new Integer[k];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
    double[][] basis = new double[k][used];
    for (int c = 0; c < used; c++) {
      double root = Math.sqrt(Math.max(0, values[order[c]]));
      for (int a = 0; a < k; a++) {
        basis[a][c] = vectors[a][order[c]] * root;
      }
    }
    double[][] result = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] row = new double[used];
      for (int a = 0; a < k; a++) {
        double x = q[i][a];
        for (int c = 0; c < used; c++) {
          row[c] += x * basis[a][c];
        }
      }
      result[i] = row;
      q[i] = null;
    }
    return result;
  }

  /** {@code a^T b} for two tall matrices of the same height. */
  private static double[][] transposeTimes(double[][] a, double[][] b) {
    int k = a[0].length;
    double[][] product = new double[k][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int p = 0; p < k; p++) {
        double x = a[i][p];
        if (x != 0) {
          for (int c = 0; c < product[p].length; c++) {
            product[p][c] += x * b[i][c];
          }
        }
      }
    }
    return product;
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

  /**
   * Orthonormalises the columns of {@code a} in place by Cholesky QR applied twice (Fukaya et al.,
   * 2014): two passes over the rows each time (the Gram matrix, then the triangular solve), which
   * stream rows as they lie in memory; a column that is (nearly) a combination of earlier ones is
   * set to zero.
   */
  static void orthonormalise(double[][] a) {
    choleskyQr(a);
    choleskyQr(a);
  }

  private static void choleskyQr(double[][] a) {
    int k = a[0].length;
    double[][] gram = new double[k][k];
    for (double[] row : a) {
      for (int p = 0; p < k; p++) {
        double x = row[p];
        if (x != 0) {
          double[] g = gram[p];
          for (int q = p; q < k; q++) {
            g[q] += x * row[q];
          }
        }
      }
    }
    // gram = R^T R, R upper triangular; a zero pivot marks a dependent column.
    double[][] r = new double[k][k];
    double scale = 0;
    for (int p = 0; p < k; p++) {
      scale = Math.max(scale, gram[p][p]);
    }
    boolean[] dropped = new boolean[k];
    for (int p = 0; p < k; p++) {
      double diagonal = gram[p][p];
      for (int m = 0; m < p; m++) {
        diagonal -= r[m][p] * r[m][p];
      }
      if (diagonal <= 1e-13 * scale) {
        dropped[p] = true;
        continue;
      }
      r[p][p] = Math.sqrt(diagonal);
      for (int q = p + 1; q < k; q++) {
        double v = gram[p][q];
        for (int m = 0; m < p; m++) {
          v -= r[m][p] * r[m][q];
        }
        r[p][q] = v / r[p][p];
      }
    }
    // Each row x becomes x R^-1: forward substitution along the row.
    for (double[] row : a) {
      for (int q = 0; q < k; q++) {
        if (dropped[q]) {
          row[q] = 0;
          continue;
        }
        double v = row[q];
        for (int m = 0; m < q; m++) {
          v -= row[m] * r[m][q];
        }
        row[q] = v / r[q][q];
      }
    }
  }
}
