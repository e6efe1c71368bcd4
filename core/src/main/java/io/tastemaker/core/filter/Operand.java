package io.tastemaker.core.filter;

/** The right-hand side of a condition. */
public sealed interface Operand permits Values, Placeholder, Wildcard, FieldRef {}
