package io.tastemaker.core.kernel;

/**
 * Every item's logit {@code b_i + h . e_i} for user vectors, from the transposed item table ({@code
 * dim x items}), in tiles of items: {@link #of} scores one user, {@link #block} many users, each
 * tile read from memory once per block instead of once per user. Both run the same additions in the same order for every logit,
 * so a user's logits are bit for bit the same either way, and so are the softmax, the top-k and its
 * ties built on them.
 */
public final class Logits {
  /** Items per tile: a tile of a 64-dimensional table (256 KB) stays in L2 while a block of users passes over it. */
  static final int TILE = 1024;
  /**
   * Items per tile for one or two users: their logits stay in L2, and each of the table's rows is
   * read in runs long enough for the prefetcher (1024 items ran 40% slower at 100k items).
   */
  static final int WIDE_TILE = 16_384;

  private Logits() {}

  /**
   * {@code out[i] = bias[i] + h . itemsT[.][i]} for every item i in [0, out.length), tile by tile: a
   * tile's logits stay in L1 while the dimensions pass over them, so memory carries the table once
   * and the logits once, not the logits once per four dimensions.
   */
  public static void of(float[] h, float[][] itemsT, float[] bias, float[] out) {
    block(new float[][] {h}, 1, itemsT, bias, new float[][] {out}, out.length);
  }

  /**
   * {@code out[u][i] = bias[i] + users[u] . itemsT[.][i]} for rows u in [0, count) and items i in
   * [0, n): the same values as {@link #of} for each row, tile by tile.
   */
  public static void block(float[][] users, int count, float[][] itemsT, float[] bias, float[][] out, int n) {
    tiled(users, count, itemsT, bias, out, n, count <= 2 ? WIDE_TILE : TILE);
  }

  private static void tiled(float[][] users, int count, float[][] itemsT, float[] bias, float[][] out, int n, int tile) {
    for (int from = 0; from < n; from += tile) {
      int to = Math.min(n, from + tile);
      for (int u = 0; u < count; u++) {
        float[] row = out[u];
        System.arraycopy(bias, from, row, from, to - from);
        accumulate(users[u], itemsT, row, from, to);
      }
    }
  }

  /**
   * One item's logit {@code bias + h . e} from its row {@code e}, with the additions of {@link #of}
   * in the same order, so the same value bit for bit.
   */
  public static float one(float[] h, float[] e, float bias) {
    float y = bias;
    int p = 0;
    for (; p + 4 <= h.length; p += 4) {
      y += h[p] * e[p] + h[p + 1] * e[p + 1] + h[p + 2] * e[p + 2] + h[p + 3] * e[p + 3];
    }
    for (; p < h.length; p++) {
      y += h[p] * e[p];
    }
    return y;
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
