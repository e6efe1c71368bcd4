package io.tastemaker.core.filter;

/** The operator of a condition. */
public enum Operator {
  IN("IN"),
  NOT_IN("NOT IN"),
  EQ("="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** The spelling in an expression. */
  public String symbol() {
    return symbol;
  }

  /** Whether it orders numbers: {@code <, <=, >, >=}. */
  public boolean isRange() {
    return this == LT || this == LE || this == GT || this == GE;
  }

  /** Whether {@code a op b} holds for two numbers. */
  boolean holds(double a, double b) {
    return switch (this) {
      case LT -> a < b;
      case LE -> a <= b;
      case GT -> a > b;
      case GE -> a >= b;
      case EQ, IN -> a == b;
      case NOT_IN -> a != b;
    };
  }
}
