package io.tastemaker.core.hrnn;

import io.tastemaker.core.kernel.TouchedRows;

/**
 * The rows of the network's tables that a batch touched: items (an embedding row and an output
 * bias each), item, user and context features. The GRUs and the session start are small and dense.
 */
final class TouchedTables {
  /** Where these tables sit in {@link HrnnWeights#tensors()}. */
  static final int EMBEDDINGS = 0;
  static final int OUTPUT_BIAS = 1;
  static final int ITEM_FEATURES = 12;
  static final int USER_FEATURES = 13;
  static final int CONTEXT_FEATURES = 14;

  final TouchedRows items;
  final TouchedRows itemFeatures;
  final TouchedRows userFeatures;
  final TouchedRows contextFeatures;

  TouchedTables(HrnnWeights w) {
    items = new TouchedRows(w.items);
    itemFeatures = new TouchedRows(w.itemFeatures.length);
    userFeatures = new TouchedRows(w.userFeatures.length);
    contextFeatures = new TouchedRows(w.contextFeatures.length);
  }

  /** Whether a tensor of {@link HrnnWeights#tensors()} is stepped by rows rather than whole. */
  static boolean sparse(int tensor) {
    return tensor == EMBEDDINGS || tensor == OUTPUT_BIAS || (tensor >= ITEM_FEATURES && tensor <= CONTEXT_FEATURES);
  }

  /** The touched rows of a sparse tensor (for the output bias, its entries). */
  TouchedRows of(int tensor) {
    return switch (tensor) {
      case EMBEDDINGS, OUTPUT_BIAS -> items;
      case ITEM_FEATURES -> itemFeatures;
      case USER_FEATURES -> userFeatures;
      case CONTEXT_FEATURES -> contextFeatures;
      default -> throw new IllegalArgumentException("tensor " + tensor + " is dense");
    };
  }

  void addAll(TouchedTables other) {
    items.addAll(other.items);
    itemFeatures.addAll(other.itemFeatures);
    userFeatures.addAll(other.userFeatures);
    contextFeatures.addAll(other.contextFeatures);
  }

  void clear() {
    items.clear();
    itemFeatures.clear();
    userFeatures.clear();
    contextFeatures.clear();
  }
}
