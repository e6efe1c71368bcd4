package io.tastemaker.core.filter;

import io.tastemaker.core.model.ItemMask;
import java.util.BitSet;

/**
 * The items of a catalogue a filter lets through. It may share its bitset with a filter's cache,
 * so it never changes it and hands out copies only.
 */
public final class FilterMask implements ItemMask {
  private final BitSet bits;
  private final boolean complement;
  private final int size;

  // With complement, the bits are the items kept out (an all-EXCLUDE filter), which saves a copy.
  FilterMask(BitSet bits, boolean complement, int size) {
    assert bits.length() <= size : "bits beyond the catalogue: " + bits.length() + " > " + size;
    this.bits = bits;
    this.complement = complement;
    this.size = size;
  }

  /** A mask letting every item of a catalogue of this size through. */
  public static FilterMask all(int size) {
    return new FilterMask(new BitSet(), true, size);
  }

  @Override
  public boolean allows(int item) {
    return item >= 0 && item < size && bits.get(item) != complement;
  }

  /** The catalogue size. */
  public int size() {
    return size;
  }

  /** How many items it lets through. */
  public int allowedCount() {
    int set = bits.cardinality();
    return complement ? size - set : set;
  }

  /** Whether it lets every item through, so the filter can be skipped. */
  public boolean allowsAll() {
    return allowedCount() == size;
  }

  /** The allowed items, as a new bitset. */
  public BitSet toBitSet() {
    BitSet copy = (BitSet) bits.clone();
    if (complement) {
      copy.flip(0, size);
    }
    return copy;
  }

  @Override
  public String toString() {
    return "FilterMask[" + allowedCount() + " of " + size + "]";
  }
}
