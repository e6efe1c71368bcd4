package io.tastemaker.core.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code filterValues} entry: comma-separated values, each in double quotes
 * ({@code "comedy","drama"}) or an unquoted number ({@code 20}); spaces around them are ignored.
 */
final class PlaceholderValues {
  private PlaceholderValues() {}

  /**
   * @throws FilterValueException naming the key and the value when it is not in that format
   */
  static List<Literal> parse(String key, String raw) {
    List<Literal> literals = new ArrayList<>();
    int at = 0;
    int n = raw.length();
    while (true) {
      at = skipSpaces(raw, at);
      if (at < n && raw.charAt(at) == '"') {
        int close = raw.indexOf('"', at + 1);
        if (close < 0) {
          throw malformed(key, raw, "a quote is not closed");
        }
        literals.add(new Literal(raw.substring(at + 1, close), true));
        at = close + 1;
      } else {
        int end = at;
        while (end < n && raw.charAt(end) != ',' && !Character.isWhitespace(raw.charAt(end))) {
          end++;
        }
        String token = raw.substring(at, end);
        if (!Numbers.isNumber(token)) {
          throw malformed(key, raw, token.isEmpty() ? "a value is missing" : "'" + token + "' is neither quoted nor a number");
        }
        literals.add(new Literal(token, false));
        at = end;
      }
      at = skipSpaces(raw, at);
      if (at == n) {
        return literals;
      }
      if (raw.charAt(at) != ',') {
        throw malformed(key, raw, "expected a comma at character " + (at + 1));
      }
      at++;
    }
  }

  private static int skipSpaces(String raw, int at) {
    while (at < raw.length() && Character.isWhitespace(raw.charAt(at))) {
      at++;
    }
    return at;
  }

  private static FilterValueException malformed(String key, String raw, String why) {
    return new FilterValueException("filterValues " + key + " has a malformed value '" + raw + "' (" + why
        + "); expected comma-separated values in double quotes, such as \"comedy\",\"drama\", or a number");
  }
}
