package io.tastemaker.core.filter;

import java.util.List;

/** Holds when every operand holds. */
public record And(List<Predicate> operands) implements Predicate {
  public And {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("AND needs at least two operands, got " + operands.size());
    }
  }

  @Override
  public List<Condition> conditions() {
    return operands.stream().flatMap(p -> p.conditions().stream()).toList();
  }
}
