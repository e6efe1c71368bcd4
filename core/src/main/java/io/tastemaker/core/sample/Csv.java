package io.tastemaker.core.sample;

/** CSV fields as RFC 4180 writes them: quoted only when needed, quotes inside doubled. */
final class Csv {

  private Csv() {}

  /** The field as written: unchanged, or quoted if it holds a comma, quote, CR or LF. */
  static String field(String value) {
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
        return '"' + value.replace("\"", "\"\"") + '"';
      }
    }
    return value;
  }

  /** Dollars with two decimals from cents, independent of locale: 1999 becomes 19.99. */
  static String cents(int cents) {
    assert cents >= 0 : "negative price " + cents;
    int fraction = cents % 100;
    return (cents / 100) + (fraction < 10 ? ".0" : ".") + fraction;
  }
}
