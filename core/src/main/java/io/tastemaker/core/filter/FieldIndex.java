package io.tastemaker.core.filter;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An inverted index of one Items field over a catalogue: a bitset of items per string value, and
 * the numeric values sorted with their items so that a range or equality is a binary search.
 * Implements {@link Matching} for every item at once.
 */
final class FieldIndex {
  private final int size;
  private final Map<String, BitSet> itemsByText;
  private final BitSet present;
  private final double[] sortedNumbers;
  private final int[] itemsByNumber;

  private FieldIndex(int size, Map<String, BitSet> itemsByText, BitSet present, double[] sortedNumbers, int[] itemsByNumber) {
    this.size = size;
    this.itemsByText = itemsByText;
    this.present = present;
    this.sortedNumbers = sortedNumbers;
    this.itemsByNumber = itemsByNumber;
  }

  /** Indexes a field given each catalogue item's record, empty for items without one. */
  static FieldIndex build(String field, List<Optional<AttributeRecord>> records) {
    int size = records.size();
    Map<String, BitSet> itemsByText = new HashMap<>();
    BitSet present = new BitSet(size);
    double[] numbers = new double[size];
    int[] items = new int[size];
    int count = 0;
    for (int item = 0; item < size; item++) {
      Optional<AttributeValue> value = records.get(item).flatMap(r -> r.value(field));
      if (value.isEmpty()) {
        continue;
      }
      present.set(item);
      if (value.get() instanceof AttributeValue.Text t) {
        for (String s : t.values()) {
          itemsByText.computeIfAbsent(s, k -> new BitSet(size)).set(item);
        }
      } else {
        double x = ((AttributeValue.Numeric) value.get()).value();
        // NaN equals and orders with nothing, so it stays out of the sorted numbers.
        if (!Double.isNaN(x)) {
          numbers[count] = x;
          items[count++] = item;
        }
      }
    }
    // Sorts (number, item) pairs on primitives: each item is keyed by the rank of its number.
    double[] sortedNumbers = Arrays.copyOf(numbers, count);
    Arrays.sort(sortedNumbers);
    long[] keyed = new long[count];
    for (int j = 0; j < count; j++) {
      keyed[j] = ((long) lowerBound(sortedNumbers, numbers[j]) << 32) | items[j];
    }
    Arrays.sort(keyed);
    int[] itemsByNumber = new int[count];
    for (int j = 0; j < count; j++) {
      itemsByNumber[j] = (int) keyed[j];
    }
    return new FieldIndex(size, itemsByText, present, sortedNumbers, itemsByNumber);
  }

  /** The items whose value satisfies {@code op values}, as a new bitset the caller may change. */
  BitSet select(Operator op, List<Value> values) {
    BitSet result = new BitSet(size);
    switch (op) {
      case IN, EQ -> equalToAny(values, result);
      case NOT_IN -> {
        equalToAny(values, result);
        BitSet others = (BitSet) present.clone();
        others.andNot(result);
        return others;
      }
      case LT, LE, GT, GE -> {
        OptionalDouble x = Value.single(values);
        if (x.isPresent() && !Double.isNaN(x.getAsDouble())) {
          double v = x.getAsDouble();
          switch (op) {
            case LT -> set(0, lowerBound(v), result);
            case LE -> set(0, upperBound(v), result);
            case GT -> set(upperBound(v), sortedNumbers.length, result);
            default -> set(lowerBound(v), sortedNumbers.length, result);
          }
        }
      }
    }
    return result;
  }

  private void equalToAny(List<Value> values, BitSet result) {
    for (Value v : values) {
      if (v.text().isPresent()) {
        BitSet items = itemsByText.get(v.text().get());
        if (items != null) {
          result.or(items);
        }
      }
      if (v.number().isPresent() && !Double.isNaN(v.number().getAsDouble())) {
        double x = v.number().getAsDouble();
        set(lowerBound(x), upperBound(x), result);
      }
    }
  }

  private void set(int from, int to, BitSet result) {
    for (int j = from; j < to; j++) {
      result.set(itemsByNumber[j]);
    }
  }

  private int lowerBound(double x) {
    return lowerBound(sortedNumbers, x);
  }

  // The first position whose number is >= x.
  private static int lowerBound(double[] sortedNumbers, double x) {
    int lo = 0;
    int hi = sortedNumbers.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sortedNumbers[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // The first position whose number is > x.
  private int upperBound(double x) {
    int lo = 0;
    int hi = sortedNumbers.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sortedNumbers[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
