package io.tastemaker.core.hrnn;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.core.data.ContextTable;
import io.tastemaker.core.kernel.Matrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every gradient of the network, checked against central finite differences of the loss on a tiny
 * network whose chunk exercises new users, new sessions and continuing steps, item metadata (with a
 * cold item), user metadata and interaction contexts.
 */
class ChunkWorkerGradientTest {
  private static final int ITEMS = 9;
  private static final int DIM = 5;
  private static final int LANES = 3;
  private static final int STEPS = 6;

  private static Chunk chunk() {
    Chunk c = new Chunk(STEPS, LANES);
    byte[][] flags = {
      {Chunk.NEW_USER, Chunk.NEW_USER, Chunk.NEW_USER},
      {Chunk.CONTINUE, Chunk.NEW_SESSION, Chunk.CONTINUE},
      {Chunk.NEW_SESSION, Chunk.CONTINUE, Chunk.CONTINUE},
      {Chunk.CONTINUE, Chunk.NEW_SESSION, Chunk.NEW_USER},
      {Chunk.NEW_SESSION, Chunk.CONTINUE, Chunk.NEW_SESSION},
      {Chunk.CONTINUE, Chunk.NEW_USER, Chunk.CONTINUE},
    };
    SplittableRandom random = new SplittableRandom(3);
    for (int t = 0; t < STEPS; t++) {
      for (int b = 0; b < LANES; b++) {
        c.flag[t][b] = flags[t][b];
        c.input[t][b] = random.nextInt(ITEMS);
        c.target[t][b] = (t + b) % 5 == 4 ? -1 : random.nextInt(ITEMS);
        c.weight[t][b] = 0.5f + random.nextFloat();
        c.sequence[t][b] = (b + (t >= 3 ? 3 : 0)) % USER_FEATURES.length;
        // Contexts 0, 1 and 2, and none.
        c.context[t][b] = (t * LANES + b) % 4 - 1;
      }
    }
    return c;
  }

  /** Item features: items 0-3 share feature 0, items 2-6 feature 1, item 8 has none; item 7 is cold. */
  private static final int[][] ITEM_FEATURES = {{0}, {0}, {0, 1}, {0, 1}, {1}, {1, 2}, {1}, {2}, {}};
  private static final boolean[] COLD = {false, false, false, false, false, false, false, true, false};
  /** Per lane's sequence index: user features. */
  private static final int[][] USER_FEATURES = {{0, 1}, {1}, {}, {0}, {2}, {1, 2}};
  /** Three contexts: one feature, two features, and another single one. */
  private static final ContextTable CONTEXTS = contexts();

  private static ContextTable contexts() {
    ContextTable table = new ContextTable();
    table.intern(List.of("DEVICE=phone"));
    table.intern(List.of("DEVICE=tv", "LOCATION=home"));
    table.intern(List.of("LOCATION=home"));
    return table;
  }

  private static HrnnWeights network() {
    HrnnWeights w = new HrnnWeights(ITEMS, DIM, 3, 3, CONTEXTS.featureCount());
    SplittableRandom random = new SplittableRandom(11);
    w.initialise(random);
    // Non-zero biases everywhere, so that their gradients are exercised too.
    for (float[][] t : w.tensors()) {
      for (float[] row : t) {
        for (int j = 0; j < row.length; j++) {
          row[j] += (float) ((random.nextDouble() - 0.5) * 0.6);
        }
      }
    }
    return w;
  }

  private static ItemTable table() {
    return new ItemTable(ITEM_FEATURES, COLD, 0f);
  }

  private static double loss(HrnnWeights w, Chunk chunk, Candidates candidates) {
    ChunkWorker worker = new ChunkWorker(w, LANES, 0, STEPS, 0f);
    ChunkWorker.Transposed t = new ChunkWorker.Transposed(DIM);
    t.update(w);
    return worker.train(w, table().compute(w, null), USER_FEATURES, CONTEXTS, t, chunk, candidates, 1f, new SplittableRandom(1));
  }

  private static void check(Candidates candidates) {
    HrnnWeights w = network();
    // The items' vectors take no gradient through the history mix (it reads them as a constant):
    // at a zero mix the loss does not depend on them that way either, and the mix's own gradient is checked.
    Matrices.fill(w.historyMix, 0f);
    Chunk chunk = chunk();
    ChunkWorker worker = new ChunkWorker(w, LANES, 0, STEPS, 0f);
    ChunkWorker.Transposed t = new ChunkWorker.Transposed(DIM);
    t.update(w);
    ItemTable table = table();
    worker.train(w, table.compute(w, null), USER_FEATURES, CONTEXTS, t, chunk, candidates, 1f, new SplittableRandom(1));
    table.backward(w, worker.gradients, 12);
    List<float[][]> params = w.tensors();
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (int k = 0; k < params.size(); k++) {
      float[][] p = params.get(k);
      for (int i = 0; i < p.length; i++) {
        for (int j = 0; j < p[i].length; j++) {
          float original = p[i][j];
          float eps = 2e-3f;
          p[i][j] = original + eps;
          double plus = loss(w, chunk, candidates);
          p[i][j] = original - eps;
          double minus = loss(w, chunk, candidates);
          p[i][j] = original;
          double numeric = (plus - minus) / (2 * eps);
          double analytic = worker.gradients.get(k)[i][j];
          checked++;
          if (Math.abs(numeric - analytic) > 2e-3 + 3e-2 * Math.abs(numeric)) {
            failures.add("tensor " + k + " [" + i + "][" + j + "]: numeric " + numeric + ", analytic " + analytic);
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(345);
    // The contexts shift the states the targets are predicted with: their vectors get gradients.
    for (float[] contextVector : worker.gradients.get(ChunkWorker.CONTEXT_FEATURE_SLOT)) {
      assertThat(contextVector).as("a context vector's gradient").isNotEqualTo(new float[DIM]);
    }
    // The history mix reads every row's items so far: its matrix gets a gradient.
    assertThat(worker.gradients.get(ChunkWorker.HISTORY_MIX_SLOT)).as("the history mix's gradient").isNotEqualTo(new float[DIM][DIM]);
    // The cold item has no embedding of its own: nothing may flow into it.
    assertThat(worker.gradients.get(0)[7]).containsOnly(0f);
    assertThat(failures).isEmpty();
  }

  @Test
  void gradients_match_finite_differences_with_the_full_softmax() {
    check(Candidates.all(ITEMS));
  }

  @Test
  void gradients_match_finite_differences_with_the_sampled_softmax() {
    long[] counts = {5, 1, 0, 9, 3, 3, 7, 2, 4};
    check(new Candidates.Sampler(counts, 6).draw(new SplittableRandom(5)));
  }
}
