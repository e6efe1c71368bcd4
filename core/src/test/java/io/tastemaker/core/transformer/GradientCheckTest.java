package io.tastemaker.core.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The network's and the loss's gradients agree with central finite differences of the loss, with item
 * and user features and interaction contexts on the targets.
 */
class GradientCheckTest {
  private static final int ITEMS = 7;
  private static final int[][] ITEM_FEATURES = {{0}, {1, 2}, {}, {2}, {0, 1}, {}, {1}};
  private static final int[] USER_FEATURES = {0, 1};
  private static final int CONTEXT_FEATURES = 3;

  /** Each position's target context: none, one feature, two, and another single one, in turn. */
  private static int[][] contexts(int n) {
    int[][][] kinds = {{{}}, {{0}}, {{1, 2}}, {{2}}};
    int[][] contexts = new int[n][];
    for (int t = 0; t < n; t++) {
      contexts[t] = kinds[t % 4][0];
    }
    return contexts;
  }
  private static final Sequence SHORT =
      new Sequence(new int[] {3, 1, 4, 1, 5}, new int[] {1, 4, 1, 5, 6}, null, new float[] {0.1f, 0.2f, 0.15f, 0.25f, 0.3f});
  /** The same with a target window of 4: each position also predicts the items after its next one (item 1 twice at the start). */
  private static final Sequence WINDOWED =
      new Sequence(SHORT.inputs(), SHORT.targets(), new int[][] {{4, 1, 5}, {1, 5, 6}, {5, 6}, {6}, {}}, SHORT.weights());

  /** A sequence's inputs, the next item at each position, the later items of its target window (or null) and each position's loss weight. */
  private record Sequence(int[] inputs, int[] targets, int[][] later, float[] weights) {
    /** The weight of the later items. */
    double decay() {
      return later == null ? 0 : 0.7;
    }
  }

  /** A sequence long enough that the causal attention spans several blocks of query rows. */
  private static Sequence longSequence() {
    int n = 37;
    SplittableRandom random = new SplittableRandom(5);
    int[] inputs = new int[n];
    int[] targets = new int[n];
    float[] weights = new float[n];
    for (int t = 0; t < n; t++) {
      inputs[t] = random.nextInt(ITEMS);
      targets[t] = random.nextInt(ITEMS);
      weights[t] = (float) (0.5 + random.nextDouble()) / n;
    }
    return new Sequence(inputs, targets, null, weights);
  }

  private static TransformerWeights weights(int maxLength) {
    TransformerWeights w = new TransformerWeights(ITEMS, 8, 2, maxLength, 3, 2, CONTEXT_FEATURES);
    SplittableRandom random = new SplittableRandom(3);
    w.initialise(random);
    // Gains, biases, the output bias, the distance bias and the context vectors away from their initial 1 and 0, so that their gradients are tested too.
    for (float[][] t : w.all()) {
      if (t.length == 1 || t == w.distanceBias || t == w.contextFeatures) {
        for (float[] row : t) {
          for (int j = 0; j < row.length; j++) {
            row[j] += (float) (random.nextDouble() - 0.5) * 0.4f;
          }
        }
      }
    }
    return w;
  }

  /** An output layer over every item, or over fixed negatives with a log-Q correction. */
  private static OutputLayer output(TransformerWeights w, Encoder encoder, boolean sampled, double decay) {
    if (!sampled) {
      return new OutputLayer(w, encoder, new int[] {0, 1, 2, 3, 4, 5, 6}, null, decay);
    }
    float[] correction = {0.3f, -0.2f, 0.1f, 0.5f, -0.4f, 0.0f, 0.2f};
    return new OutputLayer(w, encoder, new int[] {0, 2, 4, 4, 6}, correction, decay);
  }

  private static double loss(TransformerWeights w, boolean sampled, Sequence sequence) {
    Encoder encoder = new Encoder(w, ITEM_FEATURES);
    OutputLayer output = output(w, encoder, sampled, sequence.decay());
    Encoder.Pass pass = encoder.forward(sequence.inputs(), USER_FEATURES, 0f, null);
    encoder.addContexts(pass, contexts(sequence.inputs().length));
    return output.loss(
        pass.h, sequence.targets(), sequence.later(), seen(output, sequence, w), sequence.weights(), new float[sequence.inputs().length][w.dim], new float[output.size()][w.dim], new float[output.size()],
        new float[sequence.inputs().length][output.size()], new Gradients(w));
  }

  /** Every position's earlier inputs, which take the history bias (and are exact negatives of a sampled softmax). */
  private static SeenItems seen(OutputLayer output, Sequence sequence, TransformerWeights w) {
    return new SeenItems(sequence.inputs(), java.util.stream.IntStream.range(0, sequence.inputs().length).toArray(), output.vectorSource(), w.dim);
  }

  /** The analytic gradient of every tensor, in {@link TransformerWeights#all()} order. */
  private static List<float[][]> gradient(TransformerWeights w, boolean sampled, Sequence sequence) {
    Encoder encoder = new Encoder(w, ITEM_FEATURES);
    OutputLayer output = output(w, encoder, sampled, sequence.decay());
    Gradients g = new Gradients(w);
    Encoder.Pass pass = encoder.forward(sequence.inputs(), USER_FEATURES, 0f, null);
    encoder.addContexts(pass, contexts(sequence.inputs().length));
    float[][] dh = new float[sequence.inputs().length][w.dim];
    float[][] dVectors = new float[output.size()][w.dim];
    float[] dOffsets = new float[output.size()];
    output.loss(pass.h, sequence.targets(), sequence.later(), seen(output, sequence, w), sequence.weights(), dh, dVectors, dOffsets, new float[sequence.inputs().length][output.size()], g);
    encoder.backward(pass, dh, g);
    for (int c = 0; c < output.size(); c++) {
      g.addRow(output.candidates[c], dVectors[c], dOffsets[c]);
    }
    float[][] dEmbedding = new float[ITEMS][w.dim];
    float[][] dBias = new float[1][ITEMS];
    for (int r = 0; r < g.rows; r++) {
      int item = g.rowItems[r];
      for (int j = 0; j < w.dim; j++) {
        dEmbedding[item][j] += g.rowVectors[r][j];
        for (int f : ITEM_FEATURES[item]) {
          g.tensor(0)[f][j] += g.rowVectors[r][j] / ITEM_FEATURES[item].length;
        }
      }
      dBias[0][item] += g.rowBiases[r];
    }
    List<float[][]> all = new java.util.ArrayList<>(List.of(dEmbedding, dBias));
    all.addAll(g.dense);
    return all;
  }

  private static void check(boolean sampled, Sequence sequence) {
    TransformerWeights w = weights(sequence.inputs().length + 1);
    List<float[][]> analytic = gradient(w, sampled, sequence);
    List<float[][]> params = w.all();
    SplittableRandom pick = new SplittableRandom(11);
    int checked = 0;
    for (int t = 0; t < params.size(); t++) {
      float[][] p = params.get(t);
      if (p.length == 0) {
        continue;
      }
      for (int trial = 0; trial < 6; trial++) {
        int r = pick.nextInt(p.length);
        int c = pick.nextInt(p[r].length);
        if (t == 2 && r >= sequence.inputs().length) {
          r = pick.nextInt(sequence.inputs().length);
        }
        float saved = p[r][c];
        float eps = 1e-2f;
        p[r][c] = saved + eps;
        double up = loss(w, sampled, sequence);
        p[r][c] = saved - eps;
        double down = loss(w, sampled, sequence);
        p[r][c] = saved;
        double numeric = (up - down) / (2 * eps);
        double exact = analytic.get(t)[r][c];
        assertThat(Math.abs(numeric - exact))
            .as("tensor %d [%d][%d]: numeric %.6f, analytic %.6f (%s)", t, r, c, numeric, exact, sampled ? "sampled" : "full")
            .isLessThanOrEqualTo(2e-3 + 0.03 * Math.abs(numeric));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void gradients_of_the_full_softmax_match_finite_differences() {
    check(false, SHORT);
  }

  @Test
  void gradients_of_the_sampled_softmax_with_log_q_match_finite_differences() {
    check(true, SHORT);
  }

  @Test
  void gradients_of_the_full_softmax_over_a_target_window_match_finite_differences() {
    check(false, WINDOWED);
  }

  @Test
  void gradients_of_the_sampled_softmax_over_a_target_window_match_finite_differences() {
    check(true, WINDOWED);
  }

  @Test
  void gradients_over_a_sequence_longer_than_a_block_of_attention_rows_match_finite_differences() {
    check(false, longSequence());
  }
}
