package io.tastemaker.core.filter;

import java.util.List;

/** The WHERE part of an expression: conditions joined by AND and OR (AND binds tighter). */
public sealed interface Predicate permits Condition, And, Or {
  /** Every condition in it, left to right. */
  List<Condition> conditions();
}
