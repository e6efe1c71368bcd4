package io.tastemaker.core.filter;

import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/** Evaluates an AND/OR tree over bitsets, given the bitset of each condition. */
final class Predicates {
  private Predicates() {}

  /**
   * @param leaf the items satisfying a condition, as a new bitset this method may change
   */
  static BitSet evaluate(Predicate predicate, Function<Condition, BitSet> leaf) {
    if (predicate instanceof Condition c) {
      return leaf.apply(c);
    }
    boolean and = predicate instanceof And;
    List<Predicate> operands = and ? ((And) predicate).operands() : ((Or) predicate).operands();
    BitSet result = evaluate(operands.get(0), leaf);
    for (int i = 1; i < operands.size(); i++) {
      if (and && result.isEmpty()) {
        break; // nothing left to intersect
      }
      BitSet next = evaluate(operands.get(i), leaf);
      if (and) {
        result.and(next);
      } else {
        result.or(next);
      }
    }
    return result;
  }
}
