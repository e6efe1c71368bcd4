package io.tastemaker.core.filter;

/** What an expression does with the candidates its condition selects. */
public enum Action {
  /** Keep only the candidates that satisfy the condition. */
  INCLUDE,
  /** Drop the candidates that satisfy the condition. */
  EXCLUDE;

  /** The other action, as suggested when a placeholder is used with NOT IN. */
  public Action opposite() {
    return this == INCLUDE ? EXCLUDE : INCLUDE;
  }
}
