package io.tastemaker.core.filter;

/**
 * The limits a filter expression must respect. Personalize's English pages say at most 5 distinct
 * dataset fields per filter, a machine-translated copy says 10, so the number is a parameter.
 */
public record FilterLimits(int maxDistinctFields, int maxLength) {
  /** 5 distinct dataset fields, 2,500 characters. */
  public static final FilterLimits DEFAULT = new FilterLimits(5, 2500);

  public FilterLimits {
    if (maxDistinctFields < 1) {
      throw new IllegalArgumentException("maxDistinctFields must be at least 1, got " + maxDistinctFields);
    }
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
    }
  }
}
