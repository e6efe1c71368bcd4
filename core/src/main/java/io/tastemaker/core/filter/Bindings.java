package io.tastemaker.core.filter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Resolves the operands of conditions for one request: literals, placeholders, CurrentItem fields. */
final class Bindings {
  private final Map<String, String> filterValues;
  private final Optional<AttributeRecord> currentItem;

  Bindings(Map<String, String> filterValues, Optional<AttributeRecord> currentItem) {
    this.filterValues = filterValues;
    this.currentItem = currentItem;
  }

  /**
   * The values a condition's operand stands for; empty for a CurrentItem field the item has no
   * value for. Not for the wildcard, which only Interactions conditions have.
   *
   * @throws FilterValueException when a placeholder's value is malformed, or is not one number
   *     where a range comparison needs one
   */
  List<Value> values(Condition c) {
    Operand operand = c.operand();
    if (operand instanceof Values v) {
      return Value.of(v.literals());
    }
    if (operand instanceof Placeholder p) {
      String raw = filterValues.get(p.name());
      assert raw != null : "missing placeholders disable their expression before evaluation: " + p;
      List<Value> values = Value.of(PlaceholderValues.parse(p.name(), raw));
      if (c.operator().isRange() && Value.single(values).isEmpty()) {
        throw new FilterValueException("filterValues " + p.name() + " must be a single number, since " + c
            + " compares with it; got '" + raw + "'");
      }
      return values;
    }
    if (operand instanceof FieldRef ref) {
      return currentItem.flatMap(r -> r.value(ref.name())).map(Value::of).orElse(List.of());
    }
    throw new IllegalStateException("the wildcard has no values: " + c);
  }
}
