package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.Vectors;
import java.util.Arrays;

/**
 * The history mix: the mean of the vectors of the distinct items a user has read, times a learned
 * matrix, added to the user vector the items are scored against. It gives the scores a direct path
 * to the user's long-run taste, which the GRU state otherwise carries only through its recurrence
 * (as NARM's global encoder does for GRU4Rec, Li et al., CIKM 2017, here a mean rather than
 * attention). Serving adds it to a state's vectors ({@link #addTo}); training adds it to every row of
 * a chunk and learns the matrix.
 */
final class HistoryMix {
  private final int lanes;
  private final int steps;
  private final int dim;
  private final float[][] means;
  private final float[][] mixed;
  private final float[] sum;

  HistoryMix(int lanes, int steps, int dim) {
    this.lanes = lanes;
    this.steps = steps;
    this.dim = dim;
    int rows = lanes * steps;
    this.means = new float[rows][dim];
    this.mixed = new float[rows][dim];
    this.sum = new float[dim];
  }

  /** Adds the mix of the items {@code seen} to each of the user vectors (those of length 0 are left as they are). */
  static void addTo(HrnnWeights w, int[] seen, float[][] vectors, float[]... targets) {
    if (seen.length == 0) {
      return;
    }
    float[] mean = new float[w.dim];
    for (int item : seen) {
      Vectors.axpy(1f, vectors[item], mean, w.dim);
    }
    float inverse = 1f / seen.length;
    for (int q = 0; q < w.dim; q++) {
      float m = mean[q] * inverse;
      if (m != 0f) {
        for (float[] target : targets) {
          if (target.length > 0) {
            Vectors.axpy(m, w.historyMix[q], target, w.dim);
          }
        }
      }
    }
  }

  /**
   * Each row's state plus its mix: rows are step-major ({@code t * lanes + b}), and a lane's rows
   * share its user's list of items read until a row starts a new user.
   *
   * @return the mixed states, held here until the next chunk
   */
  float[][] forward(HrnnWeights w, float[][] items, LaneHistories histories, byte[] flags, float[][] h) {
    int rows = lanes * steps;
    for (int b = 0; b < lanes; b++) {
      int counted = 0;
      for (int t = 0; t < steps; t++) {
        int r = t * lanes + b;
        if (t == 0 || flags[r] == Chunk.NEW_USER) {
          // The chunk's first row sums its user's items afresh: the vectors moved since the last chunk.
          Arrays.fill(sum, 0f);
          counted = 0;
        }
        int count = histories.rowCounts[r];
        int[] list = histories.rowItems[r];
        for (; counted < count; counted++) {
          Vectors.axpy(1f, items[list[counted]], sum, dim);
        }
        float inverse = count == 0 ? 0f : 1f / count;
        float[] m = means[r];
        for (int p = 0; p < dim; p++) {
          m[p] = sum[p] * inverse;
        }
      }
    }
    Gemm.ab(means, w.historyMix, mixed, dim, dim, 0, rows, false);
    for (int r = 0; r < rows; r++) {
      Vectors.axpy(1f, h[r], mixed[r], dim);
    }
    return mixed;
  }

  /**
   * The gradient of the mix matrix, from the gradient at the mixed states. The items' vectors take
   * none through the mix: they are read as the scoring taught them (with their gradient,
   * aws-user-personalization's full-ranking HR@10 fell on both data sets, see the design notes).
   */
  void backward(float[][] dh, float[][] gMix) {
    Gemm.atbAccumulate(means, dh, gMix, lanes * steps, dim, 0, dim);
  }
}
