package io.tastemaker.core.filter;

/** {@code "*"}: any event type; allowed only with Interactions.EVENT_TYPE. */
public record Wildcard() implements Operand {
  @Override
  public String toString() {
    return "(\"*\")";
  }
}
