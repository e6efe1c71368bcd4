package io.tastemaker.core.filter;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One value: a double-quoted string ({@code quoted}) or an unquoted number, with its text as
 * written (without the quotes).
 */
public record Literal(String text, boolean quoted) {
  public Literal {
    Objects.requireNonNull(text, "text");
    if (!quoted && !Numbers.isNumber(text)) {
      throw new IllegalArgumentException("an unquoted literal must be a number, got '" + text + "'");
    }
  }

  /** The number it denotes: always for unquoted literals, for quoted ones when the text is a number. */
  public OptionalDouble number() {
    return Numbers.parse(text);
  }

  @Override
  public String toString() {
    return quoted ? "\"" + text + "\"" : text;
  }
}
