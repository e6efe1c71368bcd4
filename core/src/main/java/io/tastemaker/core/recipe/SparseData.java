package io.tastemaker.core.recipe;

/**
 * When training data counts as sparse, for the knobs the sequence recipes leave to the data (dropout,
 * and the v2 recipes' learning rate): the median user's history is shorter than {@value
 * #MEDIAN_HISTORY} interactions. The SASRec paper raises dropout on such data; one test, shared by
 * the HRNN family and the v2 recipes, so that both call the same data sparse.
 */
public final class SparseData {
  /** A median history below this many interactions is sparse. */
  public static final int MEDIAN_HISTORY = 20;

  private SparseData() {}

  /** Whether data whose median history has this many interactions is sparse. */
  public static boolean isSparse(int medianHistory) {
    return medianHistory < MEDIAN_HISTORY;
  }
}
