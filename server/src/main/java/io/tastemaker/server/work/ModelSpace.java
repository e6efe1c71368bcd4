package io.tastemaker.server.work;

import java.util.Map;

/**
 * An upper estimate of a trained model's file, checked against the data directory's free space
 * before training starts, so that a training that could not store its model fails at once, in
 * words, rather than after hours with a full disk.
 *
 * <p>The largest models are the HRNN family's: per item an id and three rows of
 * {@code hidden_dimension} floats (input, output and serving vectors), per user an id and two rows
 * (the session and user states); {@code 16 * d + 256} bytes per user and per item bound both. SIMS
 * keeps up to 500 neighbours an item (2,000 bytes), popularity a count.
 */
final class ModelSpace {
  /** Without {@code hidden_dimension} (AutoML, SIMS, popularity, a tuned dimension), the largest the HRNN recipes take. */
  static final int LARGEST_DIMENSION = 256;
  /** Header, hyperparameters and the small GRU matrices. */
  private static final long FIXED_BYTES = 1 << 20;
  private static final long SIMS_NEIGHBOUR_BYTES = 4 * 500;

  private ModelSpace() {}

  /** Bytes the model file of {@code users} users and {@code items} items may need, at most. */
  static long estimate(int users, int items, Map<String, String> hyperparameters) {
    int dimension = LARGEST_DIMENSION;
    String given = hyperparameters.get("hidden_dimension");
    if (given != null) {
      try {
        dimension = Math.max(1, Math.min(LARGEST_DIMENSION, Integer.parseInt(given.strip())));
      } catch (NumberFormatException e) {
        // The recipe refuses it with a message of its own; estimate for the largest meanwhile.
      }
    }
    long perUser = 16L * dimension + 256;
    long perItem = Math.max(16L * dimension, SIMS_NEIGHBOUR_BYTES) + 256;
    return FIXED_BYTES + users * perUser + items * perItem;
  }
}
