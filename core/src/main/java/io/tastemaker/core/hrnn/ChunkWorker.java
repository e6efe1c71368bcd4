package io.tastemaker.core.hrnn;

import io.tastemaker.core.data.ContextTable;
import io.tastemaker.core.kernel.FastMath;
import io.tastemaker.core.kernel.Gemm;
import io.tastemaker.core.kernel.Matrices;
import io.tastemaker.core.kernel.Vectors;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains on a fixed group of lanes: runs a chunk forward through the network, computes the loss, and
 * backpropagates through time within the chunk, accumulating gradients in its own buffers. Each
 * training thread owns one worker, so workers never share mutable state.
 *
 * <p>Row {@code t * lanes + b} of the chunk-wide buffers is lane b at step t.
 */
final class ChunkWorker {
  /** Where the context features' gradient sits in the list of weight tensors. */
  static final int CONTEXT_FEATURE_SLOT = 14;
  /** Where the history bias's gradient sits in the list of weight tensors. */
  static final int HISTORY_BIAS_SLOT = 15;
  /** Where the history mix's gradient sits in the list of weight tensors. */
  static final int HISTORY_MIX_SLOT = 16;

  private final int lanes;
  private final int steps;
  private final int dim;
  private final float dropout;
  private final int laneOffset;

  // Lane state carried from one chunk to the next (without gradient: truncated backpropagation).
  private final float[][] laneH;
  private final float[][] laneC;

  // Forward caches, one row per (step, lane).
  private final float[][] x;
  private final float[][] dropMask;
  private final float[][] gx;
  private final float[][] h0;
  private final float[][] act;
  private final float[][] ghn;
  private final float[][] h;
  private final float[][] hPrev;
  private final float[][] cOld;
  private final float[][] cNew;
  private final float[][] userGx;
  private final float[][] userAct;
  private final float[][] userGhn;
  private final int[] inputs;
  private final int[] targets;
  private final float[] weights;
  private final byte[] flags;
  private final int[] sequenceOf;
  private final int[] contextOf;
  /** The user vectors the targets are predicted with: h shifted by the target's context; null without contexts. */
  private final float[][] hOut;
  private final float[][][] stepGx;
  private final float[][][] stepH0;
  private final float[][][] stepAct;
  private final float[][][] stepGhn;
  private final float[][][] stepH;

  // Backward buffers.
  private final float[][] dh;
  private final float[][] dgx;
  private final float[][] dgh;
  private final float[][] dh0;
  private final float[][] carryH;
  private final float[][] carryC;
  private final float[][] dx;
  private final float[][] scratch3;
  private final float[][] scratch;
  private final float[][] userRows;
  private final float[][] userRows2;
  private final float[][] userRows3;
  private final float[][] userRows3b;
  private final float[][] userRows3c;
  private final float[][] userOut;
  private final int[] sessionLanes;

  private final SoftmaxLoss loss;
  private final LaneHistories histories;
  private final HistoryMix mix;
  final List<float[][]> gradients;
  /** The rows of the tables this worker's gradients touched since they were last cleared. */
  final TouchedTables touched;

  ChunkWorker(HrnnWeights net, int lanes, int laneOffset, int steps, float dropout) {
    this.lanes = lanes;
    this.steps = steps;
    this.dim = net.dim;
    this.dropout = dropout;
    this.laneOffset = laneOffset;
    int rows = lanes * steps;
    int d = dim;
    laneH = new float[lanes][d];
    laneC = new float[lanes][d];
    x = new float[rows][d];
    dropMask = new float[rows][d];
    gx = new float[rows][3 * d];
    h0 = new float[rows][d];
    act = new float[rows][3 * d];
    ghn = new float[rows][d];
    h = new float[rows][d];
    hPrev = new float[rows][d];
    cOld = new float[rows][d];
    cNew = new float[rows][d];
    userGx = new float[rows][3 * d];
    userAct = new float[rows][3 * d];
    userGhn = new float[rows][d];
    inputs = new int[rows];
    targets = new int[rows];
    weights = new float[rows];
    flags = new byte[rows];
    sequenceOf = new int[rows];
    contextOf = new int[rows];
    hOut = net.contextFeatures.length > 0 ? new float[rows][d] : null;
    stepGx = new float[steps][][];
    stepH0 = new float[steps][][];
    stepAct = new float[steps][][];
    stepGhn = new float[steps][][];
    stepH = new float[steps][][];
    for (int t = 0; t < steps; t++) {
      stepGx[t] = java.util.Arrays.copyOfRange(gx, t * lanes, (t + 1) * lanes);
      stepH0[t] = java.util.Arrays.copyOfRange(h0, t * lanes, (t + 1) * lanes);
      stepAct[t] = java.util.Arrays.copyOfRange(act, t * lanes, (t + 1) * lanes);
      stepGhn[t] = java.util.Arrays.copyOfRange(ghn, t * lanes, (t + 1) * lanes);
      stepH[t] = java.util.Arrays.copyOfRange(h, t * lanes, (t + 1) * lanes);
    }
    dh = new float[rows][d];
    dgx = new float[rows][3 * d];
    dgh = new float[lanes][3 * d];
    dh0 = new float[lanes][d];
    carryH = new float[lanes][d];
    carryC = new float[lanes][d];
    dx = new float[rows][d];
    scratch3 = new float[lanes][3 * d];
    scratch = new float[lanes][d];
    userRows = new float[lanes][];
    userRows2 = new float[lanes][];
    userRows3 = new float[lanes][];
    userRows3b = new float[lanes][];
    userRows3c = new float[lanes][];
    userOut = new float[lanes][];
    sessionLanes = new int[lanes];
    loss = new SoftmaxLoss(rows, d);
    histories = new LaneHistories(lanes, rows);
    mix = new HistoryMix(lanes, steps, d);
    gradients = net.zeroTensors();
    touched = new TouchedTables(net);
  }

  /** Forgets the lanes' states, at the start of an epoch. */
  void resetLanes() {
    Matrices.fill(laneH, 0f);
    Matrices.fill(laneC, 0f);
    histories.reset();
  }

  /**
   * Trains on this worker's lanes of a chunk; gradients add to {@link #gradients}.
   *
   * @param scale 1 / the whole batch's total weight
   * @return the weighted loss of these lanes
   */
  double train(
      HrnnWeights w, float[][] items, int[][] userFeatures, ContextTable contexts, Transposed t, Chunk chunk, Candidates candidates, float scale,
      SplittableRandom random) {
    load(chunk, scale);
    forward(w, items, userFeatures, random);
    int rows = lanes * steps;
    float[][] mixed = mix.forward(w, items, histories, flags, h);
    float[][] predictors = hOut == null ? mixed : withContexts(mixed, w, contexts);
    loss.history(histories.rowItems, histories.rowCounts, w.historyBias[0][0]);
    double result = loss.run(items, w.outputBias[0], predictors, rows, targets, weights, candidates, dh, gradients.get(0), gradients.get(1)[0]);
    gradients.get(HISTORY_BIAS_SLOT)[0][0] += (float) loss.historyGradient;
    touchItems(candidates);
    // Before backward, which adds the recurrence's own gradient to dh in place.
    mix.backward(dh, gradients.get(HISTORY_MIX_SLOT));
    if (hOut != null) {
      contextGradient(contexts, gradients.get(CONTEXT_FEATURE_SLOT));
    }
    backward(w, userFeatures, t);
    return result;
  }

  /** The item rows this chunk's gradients reach: the candidates, the targets and the inputs. */
  private void touchItems(Candidates candidates) {
    for (int item : candidates.items) {
      touched.items.add(item);
    }
    for (int r = 0; r < lanes * steps; r++) {
      touched.items.add(inputs[r]);
      if (targets[r] >= 0) {
        touched.items.add(targets[r]);
      }
    }
  }

  /** Each row's state shifted by the mean of its target's context vectors. */
  private float[][] withContexts(float[][] base, HrnnWeights w, ContextTable contexts) {
    for (int r = 0; r < lanes * steps; r++) {
      System.arraycopy(base[r], 0, hOut[r], 0, dim);
      w.addContext(contexts.features(contextOf[r]), hOut[r]);
    }
    return hOut;
  }

  /** The loss gradient at a shifted state reaches each of its context's vectors, divided among them. */
  private void contextGradient(ContextTable contexts, float[][] gContext) {
    for (int r = 0; r < lanes * steps; r++) {
      int[] f = contexts.features(contextOf[r]);
      for (int feature : f) {
        Vectors.axpy(1f / f.length, dh[r], gContext[feature], dim);
        touched.contextFeatures.add(feature);
      }
    }
  }

  private void load(Chunk chunk, float scale) {
    for (int s = 0; s < steps; s++) {
      for (int b = 0; b < lanes; b++) {
        int row = s * lanes + b;
        int lane = laneOffset + b;
        histories.read(b, row, chunk.input[s][lane], chunk.flag[s][lane] == Chunk.NEW_USER, chunk.sequence[s][lane] < 0);
        inputs[row] = chunk.input[s][lane];
        targets[row] = chunk.target[s][lane];
        weights[row] = chunk.weight[s][lane] * scale;
        flags[row] = chunk.flag[s][lane];
        sequenceOf[row] = chunk.sequence[s][lane];
        contextOf[row] = chunk.context[s][lane];
      }
    }
  }

  private void forward(HrnnWeights w, float[][] items, int[][] userFeatures, SplittableRandom random) {
    int rows = lanes * steps;
    float keep = 1f - dropout;
    float inverse = dropout > 0 ? 1f / keep : 1f;
    for (int r = 0; r < rows; r++) {
      float[] e = items[inputs[r]];
      float[] m = dropMask[r];
      float[] xr = x[r];
      for (int p = 0; p < dim; p++) {
        m[p] = dropout > 0 && random.nextFloat() >= keep ? 0f : inverse;
        xr[p] = e[p] * m[p];
      }
    }
    Gemm.ab(x, w.session.wx, gx, dim, 3 * dim, 0, rows, false);
    float[] bx = w.session.bx[0];
    for (int r = 0; r < rows; r++) {
      Vectors.axpy(1f, bx, gx[r], 3 * dim);
    }
    float[] bi = w.initBias[0];
    for (int t = 0; t < steps; t++) {
      int sessions = 0;
      for (int b = 0; b < lanes; b++) {
        int row = t * lanes + b;
        float[] previous = t == 0 ? laneH[b] : h[row - lanes];
        System.arraycopy(previous, 0, hPrev[row], 0, dim);
        switch (flags[row]) {
          case Chunk.CONTINUE -> System.arraycopy(previous, 0, h0[row], 0, dim);
          case Chunk.NEW_USER -> {
            java.util.Arrays.fill(laneC[b], 0f);
            java.util.Arrays.fill(cNew[row], 0f);
            float[] start = h0[row];
            System.arraycopy(bi, 0, start, 0, dim);
            addUserFeatures(w, userFeatures, sequenceOf[row], start);
            for (int p = 0; p < dim; p++) {
              start[p] = FastMath.tanh(start[p]);
            }
          }
          default -> sessionLanes[sessions++] = b;
        }
      }
      if (sessions > 0) {
        startSessions(w, userFeatures, t, sessions);
      }
      GruMath.forward(w.session, stepGx[t], stepH0[t], lanes, stepAct[t], stepGhn[t], scratch3, stepH[t]);
    }
    for (int b = 0; b < lanes; b++) {
      System.arraycopy(h[(steps - 1) * lanes + b], 0, laneH[b], 0, dim);
    }
  }

  /** New sessions: the user GRU takes the finished session's last state, then starts the next session. */
  private void startSessions(HrnnWeights w, int[][] userFeatures, int t, int count) {
    for (int k = 0; k < count; k++) {
      int row = t * lanes + sessionLanes[k];
      System.arraycopy(laneC[sessionLanes[k]], 0, cOld[row], 0, dim);
      userRows[k] = hPrev[row];
      userRows2[k] = cOld[row];
      userRows3[k] = userGx[row];
      userRows3b[k] = userAct[row];
      userRows3c[k] = userGhn[row];
      userOut[k] = cNew[row];
    }
    Gemm.ab(userRows, w.user.wx, userRows3, dim, 3 * dim, 0, count, false);
    for (int k = 0; k < count; k++) {
      Vectors.axpy(1f, w.user.bx[0], userRows3[k], 3 * dim);
    }
    GruMath.forward(w.user, userRows3, userRows2, count, userRows3b, userRows3c, scratch3, userOut);
    for (int k = 0; k < count; k++) {
      int b = sessionLanes[k];
      int row = t * lanes + b;
      System.arraycopy(cNew[row], 0, laneC[b], 0, dim);
      float[] start = h0[row];
      java.util.Arrays.fill(start, 0f);
      for (int p = 0; p < dim; p++) {
        float v = cNew[row][p];
        if (v != 0f) {
          Vectors.axpy(v, w.initWeight[p], start, dim);
        }
      }
      Vectors.axpy(1f, w.initBias[0], start, dim);
      addUserFeatures(w, userFeatures, sequenceOf[row], start);
      for (int p = 0; p < dim; p++) {
        start[p] = FastMath.tanh(start[p]);
      }
    }
  }

  /** Adds the mean of a user's feature vectors to a session's start, before the tanh. */
  private void addUserFeatures(HrnnWeights w, int[][] userFeatures, int sequence, float[] start) {
    if (sequence < 0 || userFeatures.length == 0) {
      return;
    }
    int[] f = userFeatures[sequence];
    for (int feature : f) {
      Vectors.axpy(1f / f.length, w.userFeatures[feature], start, dim);
    }
  }

  /** The gradient at the start's pre-activation, passed on to the user's feature vectors. */
  private void userFeatureGradient(int[][] userFeatures, int sequence, float[] pre, float[][] gUserFeatures) {
    if (sequence < 0 || userFeatures.length == 0) {
      return;
    }
    int[] f = userFeatures[sequence];
    for (int feature : f) {
      Vectors.axpy(1f / f.length, pre, gUserFeatures[feature], dim);
      touched.userFeatures.add(feature);
    }
  }

  private void backward(HrnnWeights w, int[][] userFeatures, Transposed t) {
    List<float[][]> g = gradients;
    float[][] gE = g.get(0);
    float[][] gWx = g.get(2);
    float[][] gWh = g.get(3);
    float[][] gbx = g.get(4);
    float[][] gbh = g.get(5);
    float[][] gUx = g.get(6);
    float[][] gUh = g.get(7);
    float[][] gubx = g.get(8);
    float[][] gubh = g.get(9);
    float[][] gWi = g.get(10);
    float[] gbi = g.get(11)[0];
    float[][] gUserFeatures = g.get(13);
    Matrices.fill(carryH, 0f);
    Matrices.fill(carryC, 0f);
    for (int s = steps - 1; s >= 0; s--) {
      float[][] stepDh = new float[lanes][];
      float[][] stepDgx = new float[lanes][];
      for (int b = 0; b < lanes; b++) {
        int row = s * lanes + b;
        Vectors.axpy(1f, carryH[b], dh[row], dim);
        stepDh[b] = dh[row];
        stepDgx[b] = dgx[row];
        java.util.Arrays.fill(dh0[b], 0f);
      }
      GruMath.backward(w.session, stepH0[s], stepAct[s], stepGhn[s], stepDh, lanes, stepDgx, dgh, dh0, t.sessionWhT, gWh, gbh);
      int sessions = 0;
      for (int b = 0; b < lanes; b++) {
        int row = s * lanes + b;
        switch (flags[row]) {
          case Chunk.CONTINUE -> System.arraycopy(dh0[b], 0, carryH[b], 0, dim);
          case Chunk.NEW_USER -> {
            float[] pre = scratch[b];
            for (int p = 0; p < dim; p++) {
              float v = h0[row][p];
              pre[p] = dh0[b][p] * (1 - v * v);
              gbi[p] += pre[p];
            }
            userFeatureGradient(userFeatures, sequenceOf[row], pre, gUserFeatures);
            java.util.Arrays.fill(carryH[b], 0f);
            java.util.Arrays.fill(carryC[b], 0f);
          }
          default -> {
            // Through the session start: h0 = tanh(c' Wi + bi).
            float[] pre = scratch[b];
            for (int p = 0; p < dim; p++) {
              float v = h0[row][p];
              pre[p] = dh0[b][p] * (1 - v * v);
              gbi[p] += pre[p];
            }
            userFeatureGradient(userFeatures, sequenceOf[row], pre, gUserFeatures);
            float[] dc = carryC[b];
            for (int p = 0; p < dim; p++) {
              float cp = cNew[row][p];
              if (cp != 0f) {
                Vectors.axpy(cp, pre, gWi[p], dim);
              }
              dc[p] += Vectors.dot(t.initWeightRows[p], pre, dim);
            }
            sessionLanes[sessions++] = b;
          }
        }
      }
      if (sessions > 0) {
        userBackward(w, t, s, sessions, gUx, gUh, gubx, gubh);
      }
    }
    int rows = lanes * steps;
    Gemm.ab(dgx, t.sessionWxT, dx, 3 * dim, dim, 0, rows, false);
    Gemm.atbAccumulate(x, dgx, gWx, rows, 3 * dim, 0, dim);
    float[] gb = gbx[0];
    for (int r = 0; r < rows; r++) {
      Vectors.axpy(1f, dgx[r], gb, 3 * dim);
    }
    for (int r = 0; r < rows; r++) {
      float[] ge = gE[inputs[r]];
      float[] m = dropMask[r];
      float[] d = dx[r];
      for (int p = 0; p < dim; p++) {
        ge[p] += d[p] * m[p];
      }
    }
  }

  /** Backward through the user GRU of the sessions that started at step s. */
  private void userBackward(HrnnWeights w, Transposed t, int s, int count, float[][] gUx, float[][] gUh, float[][] gubx, float[][] gubh) {
    float[][] inputRows = new float[count][];
    float[][] stateRows = new float[count][];
    float[][] actRows = new float[count][];
    float[][] ghnRows = new float[count][];
    float[][] dOut = new float[count][];
    float[][] dgxRows = new float[count][3 * dim];
    float[][] dghRows = new float[count][3 * dim];
    float[][] dState = new float[count][dim];
    for (int k = 0; k < count; k++) {
      int b = sessionLanes[k];
      int row = s * lanes + b;
      inputRows[k] = hPrev[row];
      stateRows[k] = cOld[row];
      actRows[k] = userAct[row];
      ghnRows[k] = userGhn[row];
      dOut[k] = carryC[b];
    }
    GruMath.backward(w.user, stateRows, actRows, ghnRows, dOut, count, dgxRows, dghRows, dState, t.userWhT, gUh, gubh);
    Gemm.atbAccumulate(inputRows, dgxRows, gUx, count, 3 * dim, 0, dim);
    for (int k = 0; k < count; k++) {
      Vectors.axpy(1f, dgxRows[k], gubx[0], 3 * dim);
    }
    float[][] dInput = new float[count][dim];
    Gemm.ab(dgxRows, t.userWxT, dInput, 3 * dim, dim, 0, count, false);
    for (int k = 0; k < count; k++) {
      int b = sessionLanes[k];
      System.arraycopy(dInput[k], 0, carryH[b], 0, dim);
      System.arraycopy(dState[k], 0, carryC[b], 0, dim);
    }
  }

  /** Zeroes the gradient buffers after the optimiser has used them. */
  void clearGradients() {
    for (float[][] tensor : gradients) {
      Matrices.fill(tensor, 0f);
    }
  }

  /** The weights transposed once per batch, for the backward pass. */
  static final class Transposed {
    final float[][] sessionWhT;
    final float[][] sessionWxT;
    final float[][] userWhT;
    final float[][] userWxT;
    final float[][] initWeightRows;

    Transposed(int dim) {
      sessionWhT = new float[3 * dim][dim];
      sessionWxT = new float[3 * dim][dim];
      userWhT = new float[3 * dim][dim];
      userWxT = new float[3 * dim][dim];
      initWeightRows = new float[dim][dim];
    }

    void update(HrnnWeights w) {
      int d = w.dim;
      Gemm.transpose(w.session.wh, sessionWhT, d, 3 * d);
      Gemm.transpose(w.session.wx, sessionWxT, d, 3 * d);
      Gemm.transpose(w.user.wh, userWhT, d, 3 * d);
      Gemm.transpose(w.user.wx, userWxT, d, 3 * d);
      // d(h0 pre)/dc' = Wi, so dc'[p] = sum_q Wi[p][q] * dpre[q]: the rows of Wi themselves.
      for (int p = 0; p < d; p++) {
        System.arraycopy(w.initWeight[p], 0, initWeightRows[p], 0, d);
      }
    }
  }
}
