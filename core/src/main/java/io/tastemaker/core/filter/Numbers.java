package io.tastemaker.core.filter;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** What counts as a number in expressions, placeholder values and string attributes. */
final class Numbers {
  // No NaN, no Infinity, no hex, no leading '+' or '.': only what a person writes as a number.
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private Numbers() {}

  static boolean isNumber(String text) {
    return NUMBER.matcher(text).matches();
  }

  static OptionalDouble parse(String text) {
    // Adding 0.0 turns -0.0 into 0.0, so that range look-ups and == agree.
    return isNumber(text) ? OptionalDouble.of(Double.parseDouble(text) + 0.0) : OptionalDouble.empty();
  }
}
