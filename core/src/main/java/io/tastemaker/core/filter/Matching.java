package io.tastemaker.core.filter;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Whether one attribute value satisfies an operator and operand values: the reference semantics
 * the per-field indexes implement in bulk. A missing value satisfies nothing, not even NOT IN.
 */
final class Matching {
  private Matching() {}

  static boolean matches(Optional<AttributeValue> attribute, Operator op, List<Value> values) {
    if (attribute.isEmpty()) {
      return false;
    }
    AttributeValue a = attribute.get();
    return switch (op) {
      case IN, EQ -> anyEqual(a, values);
      case NOT_IN -> !anyEqual(a, values);
      case LT, LE, GT, GE -> {
        OptionalDouble x = Value.single(values);
        yield a instanceof AttributeValue.Numeric n && x.isPresent() && op.holds(n.value(), x.getAsDouble());
      }
    };
  }

  private static boolean anyEqual(AttributeValue a, List<Value> values) {
    for (Value v : values) {
      if (a instanceof AttributeValue.Text t) {
        if (v.text().isPresent() && t.values().contains(v.text().get())) {
          return true;
        }
      } else if (v.number().isPresent() && v.number().getAsDouble() == ((AttributeValue.Numeric) a).value()) {
        return true;
      }
    }
    return false;
  }
}
