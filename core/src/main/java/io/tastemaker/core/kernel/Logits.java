package io.tastemaker.core.kernel;

/**
 * Every item's logit {@code b_i + h . e_i} for user vectors, from the transposed item table ({@code
 * dim x items}). {@link #of} scores one user in passes over the whole catalogue; {@link #block}
 * scores many users against the table in tiles of items, so each tile is read from memory once per
 * block instead of once per user. Both run the same additions in the same order for every logit,
 * so a user's logits are bit for bit the same either way, and so are the softmax, the top-k and its
 * ties built on them.
 */
public final class Logits {
  /** Items per tile: a tile of a 64-dimensional table (256 KB) stays in L2 while a block of users passes over it. */
  static final int TILE = 1024;

  private Logits() {}

  /** {@code out[i] = bias[i] + h . itemsT[.][i]} for every item i in [0, out.length). */
  public static void of(float[] h, float[][] itemsT, float[] bias, float[] out) {
    int n = out.length;
    System.arraycopy(bias, 0, out, 0, n);
    accumulate(h, itemsT, out, 0, n);
  }

  /**
   * {@code out[u][i] = bias[i] + users[u] . itemsT[.][i]} for rows u in [0, count) and items i in
   * [0, n): the same values as {@link #of} for each row, tile by tile.
   */
  public static void block(float[][] users, int count, float[][] itemsT, float[] bias, float[][] out, int n) {
    for (int from = 0; from < n; from += TILE) {
      int to = Math.min(n, from + TILE);
      for (int u = 0; u < count; u++) {
        float[] row = out[u];
        System.arraycopy(bias, from, row, from, to - from);
        accumulate(users[u], itemsT, row, from, to);
      }
    }
  }

  /** {@code out[i] += h . itemsT[.][i]} for i in [from, to), four dimensions per pass as {@link Vectors#axpy4} adds them. */
  private static void accumulate(float[] h, float[][] itemsT, float[] out, int from, int to) {
    int p = 0;
    for (; p + 4 <= h.length; p += 4) {
      Vectors.axpy4(h[p], itemsT[p], h[p + 1], itemsT[p + 1], h[p + 2], itemsT[p + 2], h[p + 3], itemsT[p + 3], out, from, to);
    }
    for (; p < h.length; p++) {
      Vectors.axpy(h[p], itemsT[p], out, from, to);
    }
  }
}
