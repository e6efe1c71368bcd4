package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.Adam;
import io.tastemaker.core.kernel.Matrices;
import io.tastemaker.core.kernel.TouchedRows;
import io.tastemaker.core.kernel.Vectors;
import java.util.Arrays;
import java.util.List;

/**
 * One optimiser step of the trainer: sums the workers' gradients, passes the item vectors' gradient
 * on to the embeddings and item features, steps Adam and clears the gradients for the next batch.
 *
 * <p>Sparse (the default), the item, feature and bias tables are summed, stepped (lazy Adam) and
 * cleared only in the rows the batch touched, so a batch costs what it reads, not the catalogue;
 * dense, every row is, as before (kept for the tests that compare the two).
 */
final class GradientStep {
  private final List<ChunkWorker> workers;
  private final Adam adam;
  private final boolean sparse;
  private final TouchedTables union;
  private final List<Adam.Lazy> lazy;
  private final float itemWeightDecay;

  /** @param itemWeightDecay the item embeddings' decoupled weight decay; 0 for none */
  GradientStep(HrnnWeights w, List<ChunkWorker> workers, boolean sparse, float itemWeightDecay) {
    this.workers = List.copyOf(workers);
    this.itemWeightDecay = itemWeightDecay;
    this.adam = new Adam(w.tensors(), 0.9f, 0.999f, 1e-8f);
    this.sparse = sparse;
    this.union = new TouchedTables(w);
    this.lazy = List.of(
        new Adam.Lazy(TouchedTables.EMBEDDINGS, union.items, false),
        new Adam.Lazy(TouchedTables.OUTPUT_BIAS, union.items, true),
        new Adam.Lazy(TouchedTables.ITEM_FEATURES, union.itemFeatures, false),
        new Adam.Lazy(TouchedTables.USER_FEATURES, union.userFeatures, false),
        new Adam.Lazy(TouchedTables.CONTEXT_FEATURES, union.contextFeatures, false));
  }

  /** Applies the batch the workers have just run, at this learning rate. */
  void apply(HrnnWeights w, ItemTable table, float rate) {
    List<float[][]> gradients = workers.get(0).gradients;
    if (!sparse) {
      for (int k = 1; k < workers.size(); k++) {
        List<float[][]> other = workers.get(k).gradients;
        for (int t = 0; t < gradients.size(); t++) {
          Matrices.add(gradients.get(t), other.get(t));
        }
      }
      table.backward(w, gradients, TouchedTables.ITEM_FEATURES);
      adam.step(gradients, rate);
      shrinkItems(w, rate, null);
      workers.forEach(ChunkWorker::clearGradients);
      workers.forEach(worker -> worker.touched.clear());
      return;
    }
    union.addAll(workers.get(0).touched);
    for (int k = 1; k < workers.size(); k++) {
      ChunkWorker worker = workers.get(k);
      union.addAll(worker.touched);
      // A worker's untouched rows are zero, so adding its touched rows adds everything it has.
      for (int t = 0; t < gradients.size(); t++) {
        if (TouchedTables.sparse(t)) {
          addRows(gradients.get(t), worker.gradients.get(t), worker.touched.of(t), t == TouchedTables.OUTPUT_BIAS);
        } else {
          Matrices.add(gradients.get(t), worker.gradients.get(t));
        }
      }
    }
    table.backward(w, gradients, TouchedTables.ITEM_FEATURES, union.items, union.itemFeatures);
    adam.step(gradients, rate, lazy);
    shrinkItems(w, rate, union.items);
    for (int k = 0; k < workers.size(); k++) {
      ChunkWorker worker = workers.get(k);
      // The first worker holds the sums, so the union's rows; the others only their own.
      TouchedTables rows = k == 0 ? union : worker.touched;
      List<float[][]> g = worker.gradients;
      for (int t = 0; t < g.size(); t++) {
        if (TouchedTables.sparse(t)) {
          clearRows(g.get(t), rows.of(t), t == TouchedTables.OUTPUT_BIAS);
        } else {
          Matrices.fill(g.get(t), 0f);
        }
      }
    }
    workers.forEach(worker -> worker.touched.clear());
    union.clear();
  }

  /**
   * Decoupled weight decay (Loshchilov and Hutter, ICLR 2019): the item embeddings this step
   * updated, or every one when {@code rows} is null, shrink by the rate times the decay, apart from
   * Adam's scaled step, so they are held small where the data does not pull them out. The shrink
   * comes after the step, {@code (p - step)(1 - rate decay)}, the form aws-user-personalization's
   * figures were measured with; the kernel's fused form ({@link Adam#decoupledDecay}, which v2 uses)
   * gave it lower means over three seeds (design notes, stop 39).
   */
  private void shrinkItems(HrnnWeights w, float rate, TouchedRows rows) {
    if (itemWeightDecay == 0) {
      return;
    }
    float shrink = 1 - rate * itemWeightDecay;
    int n = rows == null ? w.embeddings.length : rows.size();
    for (int k = 0; k < n; k++) {
      float[] row = w.embeddings[rows == null ? k : rows.get(k)];
      Vectors.scale(shrink, row, row, w.dim);
    }
  }

  private static void addRows(float[][] target, float[][] source, TouchedRows rows, boolean entries) {
    for (int k = 0; k < rows.size(); k++) {
      int r = rows.get(k);
      if (entries) {
        target[0][r] += source[0][r];
      } else {
        Vectors.axpy(1f, source[r], target[r], target[r].length);
      }
    }
  }

  private static void clearRows(float[][] g, TouchedRows rows, boolean entries) {
    for (int k = 0; k < rows.size(); k++) {
      int r = rows.get(k);
      if (entries) {
        g[0][r] = 0f;
      } else {
        Arrays.fill(g[r], 0f);
      }
    }
  }
}
