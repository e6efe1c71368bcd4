package io.tastemaker.core.semantic;

import io.tastemaker.core.training.TrainingMonitor;
import java.util.Random;

/**
 * Latent semantic analysis (Deerwester et al., JASIS 1990): the items' TF-IDF rows projected on the
 * span of the matrix's top {@code k} right singular vectors, so that words used in the same items
 * (synonyms among them) point the same way and two items that share no word but share such words
 * come out alike. The span is found by seeded subspace iteration (Halko, Martinsson and Tropp, SIAM
 * Review 2011, algorithm 4.4): a Gaussian terms x k start, multiplied by {@code A^T A} and
 * orthonormalised {@link #ITERATIONS} times. No rotation inside the span is computed, as none is
 * needed: cosines of the projected rows {@code A Z} are the same in any orthonormal basis of it.
 */
final class LatentSpace {
  /** Rounds of subspace iteration; the gaps between a text matrix's top singular values make a few enough. */
  static final int ITERATIONS = 8;
  private static final double NEGLIGIBLE = 1e-9;

  private LatentSpace() {}

  /**
   * Each item's unit vector in a space of at most {@code dimension} directions (fewer when the matrix
   * has fewer terms); an item without terms gets the zero vector.
   */
  static float[][] embed(TermDocuments docs, int dimension, long seed, TrainingMonitor monitor) {
    int k = Math.min(dimension, docs.terms());
    Random random = new Random(seed);
    float[][] basis = new float[docs.terms()][k];
    for (float[] row : basis) {
      for (int c = 0; c < k; c++) {
        row[c] = (float) random.nextGaussian();
      }
    }
    orthonormalise(basis, k, random);
    float[][] y = new float[docs.items()][k];
    for (int round = 0; round < ITERATIONS; round++) {
      multiply(docs, basis, y);
      float[][] next = new float[docs.terms()][k];
      for (int i = 0; i < docs.items(); i++) {
        docs.scatter(i, y[i], next);
      }
      basis = next;
      orthonormalise(basis, k, random);
      monitor.checkStop();
      monitor.progress(0.1 + 0.4 * (round + 1) / ITERATIONS, "semantic space: round " + (round + 1) + " of " + ITERATIONS);
    }
    multiply(docs, basis, y);
    for (float[] v : y) {
      double norm = 0;
      for (float x : v) {
        norm += (double) x * x;
      }
      if (norm > NEGLIGIBLE) {
        float scale = (float) (1 / Math.sqrt(norm));
        for (int c = 0; c < k; c++) {
          v[c] *= scale;
        }
      } else {
        java.util.Arrays.fill(v, 0f);
      }
    }
    return y;
  }

  /** {@code y = A basis}, overwriting y. */
  private static void multiply(TermDocuments docs, float[][] basis, float[][] y) {
    for (int i = 0; i < docs.items(); i++) {
      java.util.Arrays.fill(y[i], 0f);
      docs.project(i, basis, y[i]);
    }
  }

  /**
   * Modified Gram-Schmidt on the columns, twice for accuracy in floats; a column that vanishes (the
   * matrix has lower rank than k) is replaced by a fresh random one orthogonal to the others, and
   * becomes zero if there is no room left for it.
   */
  static void orthonormalise(float[][] m, int k, Random random) {
    int rows = m.length;
    for (int c = 0; c < k; c++) {
      double before = columnNorm(m, c);
      removeEarlier(m, c);
      removeEarlier(m, c);
      double norm = columnNorm(m, c);
      if (norm <= NEGLIGIBLE * Math.max(1, before)) {
        // The column lay in the span of the earlier ones: start it afresh once, else drop it.
        for (float[] row : m) {
          row[c] = (float) random.nextGaussian();
        }
        removeEarlier(m, c);
        norm = c < rows ? columnNorm(m, c) : 0;
      }
      for (float[] row : m) {
        row[c] = norm > NEGLIGIBLE ? (float) (row[c] / norm) : 0f;
      }
    }
  }

  /** Subtracts from column c its projections on the columns before it. */
  private static void removeEarlier(float[][] m, int c) {
    for (int p = 0; p < c; p++) {
      double dot = 0;
      for (float[] row : m) {
        dot += (double) row[p] * row[c];
      }
      for (float[] row : m) {
        row[c] -= (float) (dot * row[p]);
      }
    }
  }

  private static double columnNorm(float[][] m, int c) {
    double sum = 0;
    for (float[] row : m) {
      sum += (double) row[c] * row[c];
    }
    return Math.sqrt(sum);
  }
}
