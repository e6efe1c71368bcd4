package io.tastemaker.core.filter;

import java.util.List;
import java.util.stream.Collectors;

/** Literal values written in the expression: an IN list, or the single operand of a comparison. */
public record Values(List<Literal> literals) implements Operand {
  public Values {
    literals = List.copyOf(literals);
    if (literals.isEmpty()) {
      throw new IllegalArgumentException("a value list needs at least one value");
    }
  }

  @Override
  public String toString() {
    return literals.stream().map(Literal::toString).collect(Collectors.joining(", ", "(", ")"));
  }
}
