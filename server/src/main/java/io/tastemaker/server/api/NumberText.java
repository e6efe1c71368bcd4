package io.tastemaker.server.api;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Numbers Personalize takes as text (job counts, thresholds): plain ASCII decimals as a person or a
 * client library writes them. Java's parsers also take "NaN", "Infinity", hex floats, type suffixes
 * ("5d"), a leading "+", surrounding blanks and non-ASCII digits, none of which is a number here.
 */
public final class NumberText {
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private NumberText() {}

  /** The whole number the text writes, if it writes one that fits a long. */
  public static OptionalLong whole(String text) {
    return WHOLE.matcher(text).matches() ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
  }

  /** The finite number the text writes, if it writes one. */
  public static OptionalDouble decimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      return OptionalDouble.empty();
    }
    double value = Double.parseDouble(text);
    return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
  }
}
