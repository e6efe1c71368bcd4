package io.tastemaker.core.filter;

/**
 * One lexical unit: {@code raw} is the source text, {@code value} the string content, placeholder
 * name or number text, {@code position} the 1-based character it starts at.
 */
record Token(Kind kind, String raw, String value, int position) {

  /** The kinds of tokens; keywords are WORDs, recognised by the parser. */
  enum Kind {
    WORD,
    QUALIFIED,
    STRING,
    NUMBER,
    PLACEHOLDER,
    OPERATOR,
    LPAREN,
    RPAREN,
    COMMA,
    PIPE,
    END
  }

  /** The token as quoted in messages. */
  String describe() {
    return kind == Kind.END ? "the end of the expression" : "'" + raw + "'";
  }

  /** Whether it is this keyword, in any case. */
  boolean is(String keyword) {
    return kind == Kind.WORD && raw.equalsIgnoreCase(keyword);
  }

  boolean is(Kind k) {
    return kind == k;
  }
}
