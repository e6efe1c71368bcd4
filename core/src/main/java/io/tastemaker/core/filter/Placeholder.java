package io.tastemaker.core.filter;

import java.util.Objects;

/** A {@code $NAME} operand whose values come from the request's {@code filterValues[NAME]}. */
public record Placeholder(String name) implements Operand {
  public Placeholder {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return "$" + name;
  }
}
