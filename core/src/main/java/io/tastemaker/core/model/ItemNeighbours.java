package io.tastemaker.core.model;

/**
 * A related-items model that answers an item with the item's own neighbours, best first, and fills
 * the rest of an answer with popular items, which the business rules mark as stand-ins.
 */
public interface ItemNeighbours {
  /** The model's own neighbours of an item, best first. */
  int[] neighbours(int item);
}
