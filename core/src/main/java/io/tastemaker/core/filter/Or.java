package io.tastemaker.core.filter;

import java.util.List;

/** Holds when any operand holds. */
public record Or(List<Predicate> operands) implements Predicate {
  public Or {
    operands = List.copyOf(operands);
    if (operands.size() < 2) {
      throw new IllegalArgumentException("OR needs at least two operands, got " + operands.size());
    }
  }

  @Override
  public List<Condition> conditions() {
    return operands.stream().flatMap(p -> p.conditions().stream()).toList();
  }
}
