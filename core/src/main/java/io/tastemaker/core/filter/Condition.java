package io.tastemaker.core.filter;

import java.util.List;
import java.util.Objects;

/**
 * One test, {@code Items.GENRE IN ("comedy")}; {@code position} is the 1-based character where
 * its field starts, for messages. Its string form is valid filter syntax.
 */
public record Condition(FieldRef field, Operator operator, Operand operand, int position) implements Predicate {
  public Condition {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(operand, "operand");
  }

  @Override
  public List<Condition> conditions() {
    return List.of(this);
  }

  @Override
  public String toString() {
    boolean list = operator == Operator.IN || operator == Operator.NOT_IN;
    String right = list && operand instanceof Placeholder ? "(" + operand + ")" : operand.toString();
    return field + " " + operator.symbol() + " " + right;
  }
}
