package io.tastemaker.core.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One resolved operand value: its text (absent for a numeric CurrentItem attribute) and the number
 * it denotes (absent for text that is not a number). A string attribute matches by text, a numeric
 * attribute by number.
 */
record Value(Optional<String> text, OptionalDouble number) {

  static Value of(Literal literal) {
    return new Value(Optional.of(literal.text()), literal.number());
  }

  static List<Value> of(List<Literal> literals) {
    List<Value> values = new ArrayList<>(literals.size());
    for (Literal l : literals) {
      values.add(of(l));
    }
    return values;
  }

  /** The values of an attribute used as an operand, CurrentItem.GENRE for instance. */
  static List<Value> of(AttributeValue attribute) {
    if (attribute instanceof AttributeValue.Numeric n) {
      // NaN equals and orders with nothing, so it is no number to compare with.
      return List.of(new Value(Optional.empty(), Double.isNaN(n.value()) ? OptionalDouble.empty() : OptionalDouble.of(n.value())));
    }
    List<Value> values = new ArrayList<>();
    for (String s : ((AttributeValue.Text) attribute).values()) {
      values.add(new Value(Optional.of(s), Numbers.parse(s)));
    }
    return values;
  }

  /** The number a range comparison compares with: present only for exactly one numeric value. */
  static OptionalDouble single(List<Value> values) {
    return values.size() == 1 ? values.get(0).number() : OptionalDouble.empty();
  }
}
