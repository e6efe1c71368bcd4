package io.tastemaker.core.kernel;

/**
 * An item table laid out once, at model load, for scoring users against every item. With kernels
 * that have a panel kernel ({@link MatrixKernels#panels}: the Vector API on 256- or 512-bit vectors) it is
 * packed in panels of {@link #WIDTH} items, each panel's {@code dim x WIDTH} floats contiguous
 * (dimension by dimension, the panel's items side by side), the last panel padded with zeros:
 * scoring a block of users then streams the table once, in order, with no per-block copy, and keeps
 * a run of panels in L1 and L2 while every user of the block passes over it. Otherwise it keeps the
 * transposed table that {@link Logits}' tiled pass reads (the portable kernels do not vectorise a
 * panel's short rows). Either way it holds one copy of the table. {@code -Dtastemaker.panels=false}
 * keeps the transposed table whatever the kernels, to compare the two.
 *
 * <p>Every logit is {@code b_i + h . e_i} with the additions of {@link Logits} in the same order
 * (four dimensions' products summed, then added; the remainder one by one; no fused multiply-add),
 * so the values are {@link Logits#of}'s bit for bit whichever layout and kernels run.
 */
public final class PanelItems {
  /** Items per panel: one 512-bit vector of floats, or two 256-bit ones. */
  public static final int WIDTH = 16;
  /**
   * Panels a kernel gives every user of a block in turn (44 KB of a 43-dimensional table, read from
   * L1 and L2): each user's logits are written in runs of whole cache lines. A block's rows are
   * separate arrays that start at the same offset in a page, so one panel a user would evict a
   * line of every row before the next panel finished it (runs of 2 panels cost 25% more at a
   * million items, 8 panels 5%).
   */
  public static final int RUN = 16;

  /** The packed panels, or null when the table is kept transposed. */
  private final float[] panels;
  /** The transposed table ({@code dim x items}), or null when it is packed. */
  private final float[][] itemsT;
  private final float[] bias;
  private final int items;
  private final int dim;

  private PanelItems(float[] panels, float[][] itemsT, float[] bias, int items, int dim) {
    this.panels = panels;
    this.itemsT = itemsT;
    this.bias = bias;
    this.items = items;
    this.dim = dim;
  }

  /**
   * The table of the item vectors ({@code items x dim}, one row an item) and the items' biases,
   * packed in panels when the kernels in use have a panel kernel, else transposed; either is built
   * straight from the rows, so loading holds one extra copy of the table, not two.
   */
  public static PanelItems of(float[][] vectors, float[] bias, int dim) {
    // Read at each model load, not once, so a test or benchmark can build both layouts in one JVM.
    boolean pack = Gemm.panels() && Boolean.parseBoolean(System.getProperty("tastemaker.panels", "true"));
    return pack ? packed(vectors, bias, dim) : transposed(vectors, bias, dim);
  }

  /** The table packed in panels, whichever kernels run. */
  static PanelItems packed(float[][] vectors, float[] bias, int dim) {
    int items = vectors.length;
    check(vectors, bias, dim);
    int count = panels(items);
    if ((long) count * WIDTH * dim > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a table of " + items + " items x " + dim + " dimensions is too large to pack in one array");
    }
    float[] packed = new float[count * WIDTH * dim];
    for (int i = 0; i < items; i++) {
      float[] e = vectors[i];
      int at = i / WIDTH * dim * WIDTH + i % WIDTH;
      for (int p = 0; p < dim; p++) {
        packed[at + p * WIDTH] = e[p];
      }
    }
    float[] padded = new float[count * WIDTH];
    System.arraycopy(bias, 0, padded, 0, items);
    return new PanelItems(packed, null, padded, items, dim);
  }

  /** The table transposed ({@code dim x items}), for the tiled pass. */
  static PanelItems transposed(float[][] vectors, float[] bias, int dim) {
    check(vectors, bias, dim);
    float[][] itemsT = new float[dim][vectors.length];
    Gemm.transpose(vectors, itemsT, vectors.length, dim);
    return new PanelItems(null, itemsT, bias, vectors.length, dim);
  }

  private static void check(float[][] vectors, float[] bias, int dim) {
    if (bias.length < vectors.length) {
      throw new IllegalArgumentException("a table of " + vectors.length + " items needs as many biases, got " + bias.length);
    }
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i].length < dim) {
        throw new IllegalArgumentException("a table of " + dim + " dimensions needs vectors as long, item " + i + " has " + vectors[i].length);
      }
    }
  }

  /** The number of items. */
  public int items() {
    return items;
  }

  /** How many panels hold this many items. */
  static int panels(int items) {
    return (items + WIDTH - 1) / WIDTH;
  }

  /**
   * {@code out[u][i] = b_i + users[u] . e_i} for rows u in [0, count) and every item i; rows of
   * {@code out} hold at least {@link #items()} floats (only those are written).
   */
  public void logits(float[][] users, int count, float[][] out) {
    for (int u = 0; u < count; u++) {
      if (users[u].length != dim || out[u].length < items) {
        throw new IllegalArgumentException("logits: a vector of " + users[u].length + " for " + dim + " dimensions, or " + out[u].length
            + " logits for " + items + " items");
      }
    }
    if (panels == null) {
      Logits.block(users, count, itemsT, bias, out, items);
      return;
    }
    int whole = items / WIDTH;
    Gemm.panelLogits(users, count, panels, bias, dim, out, 0, whole);
    if (whole * WIDTH < items) {
      float[] tail = new float[WIDTH];
      for (int u = 0; u < count; u++) {
        ScalarKernels.panel(users[u], panels, bias, dim, whole, tail, 0);
        System.arraycopy(tail, 0, out[u], whole * WIDTH, items - whole * WIDTH);
      }
    }
  }

  /** One user's logits over every item into {@code out}. */
  public void logits(float[] h, float[] out) {
    logits(new float[][] {h}, 1, new float[][] {out});
  }
}
