package io.tastemaker.core.hrnn;

/**
 * What every lane does in the next {@code bptt} steps: the item it reads, the item it must predict
 * (-1 for none), how much that prediction counts, the context that prediction is made in, and
 * whether the step starts a new session or a new user.
 */
final class Chunk {
  static final byte CONTINUE = 0;
  static final byte NEW_SESSION = 1;
  static final byte NEW_USER = 2;

  final int steps;
  final int lanes;
  final int[][] input;
  final int[][] target;
  final float[][] weight;
  final byte[][] flag;
  /** The sequence each lane reads at each step, -1 when idle. */
  final int[][] sequence;
  /** The context of the target's interaction, {@code ContextTable.NONE} without one. */
  final int[][] context;

  Chunk(int steps, int lanes) {
    this.steps = steps;
    this.lanes = lanes;
    this.input = new int[steps][lanes];
    this.target = new int[steps][lanes];
    this.weight = new float[steps][lanes];
    this.flag = new byte[steps][lanes];
    this.sequence = new int[steps][lanes];
    this.context = new int[steps][lanes];
  }

  /** The total loss weight of the chunk's predictions. */
  double totalWeight() {
    double total = 0;
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < lanes; b++) {
        if (target[t][b] >= 0) {
          total += weight[t][b];
        }
      }
    }
    return total;
  }
}
