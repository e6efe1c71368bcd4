package io.tastemaker.core.filter;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The value of one field of an item or user: a set of strings or a number. */
public sealed interface AttributeValue permits AttributeValue.Text, AttributeValue.Numeric {

  /** The values of a string field, split on {@code |}; never empty. */
  record Text(Set<String> values) implements AttributeValue {
    public Text {
      values = Set.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("a text attribute needs at least one value");
      }
    }
  }

  /** The value of an int, long, float or double field. */
  record Numeric(double value) implements AttributeValue {
    public Numeric {
      value += 0.0; // -0.0 becomes 0.0, so equal numbers have one index position
    }
  }

  /**
   * Converts a value as PutItems or an import delivers it: a string is split on {@code |} (empty
   * parts dropped; nothing left means no value), a number becomes a double, a boolean the string
   * "true" or "false", null no value.
   *
   * @throws IllegalArgumentException for any other type
   */
  static Optional<AttributeValue> of(String field, Object raw) {
    if (raw == null) {
      return Optional.empty();
    }
    if (raw instanceof CharSequence s) {
      return text(s.toString());
    }
    if (raw instanceof Number n) {
      return Optional.of(new Numeric(n.doubleValue()));
    }
    if (raw instanceof Boolean b) {
      return Optional.of(new Text(Set.of(b.toString())));
    }
    throw new IllegalArgumentException(
        "field " + field + " must be a string, number, boolean or null, got " + raw);
  }

  /** Splits a string field's value on {@code |}; empty when no non-empty part is left. */
  static Optional<AttributeValue> text(String s) {
    Set<String> values = new LinkedHashSet<>();
    int start = 0;
    for (int bar = s.indexOf('|'); ; bar = s.indexOf('|', start)) {
      String part = bar < 0 ? s.substring(start) : s.substring(start, bar);
      if (!part.isEmpty()) {
        values.add(part);
      }
      if (bar < 0) {
        break;
      }
      start = bar + 1;
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(new Text(values));
  }
}
