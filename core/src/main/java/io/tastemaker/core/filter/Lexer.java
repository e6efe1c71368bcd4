package io.tastemaker.core.filter;

import io.tastemaker.core.filter.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; reports stray characters and unterminated strings. */
final class Lexer {
  private final String text;
  private int at;

  private Lexer(String text) {
    this.text = text;
  }

  /** The tokens of the text, ending with an END token one past the last character. */
  static List<Token> tokens(String text) {
    Lexer lexer = new Lexer(text);
    List<Token> tokens = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      tokens.add(t);
    } while (!t.is(Kind.END));
    return tokens;
  }

  private Token next() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    int start = at;
    if (at == text.length()) {
      return new Token(Kind.END, "", "", start + 1);
    }
    char c = text.charAt(at);
    if (isNameStart(c)) {
      return word(start);
    }
    if (isDigit(c) || (c == '-' && at + 1 < text.length() && isDigit(text.charAt(at + 1)))) {
      return number(start);
    }
    return switch (c) {
      case '"' -> string(start);
      case '$' -> placeholder(start);
      case '(' -> single(Kind.LPAREN, start);
      case ')' -> single(Kind.RPAREN, start);
      case ',' -> single(Kind.COMMA, start);
      case '|' -> single(Kind.PIPE, start);
      case '=', '<', '>', '!' -> operator(start);
      default -> throw unexpected(c, start);
    };
  }

  private Token word(int start) {
    at = skipName(start);
    if (at < text.length() && text.charAt(at) == '.') {
      int field = at + 1;
      if (field >= text.length() || !isNameStart(text.charAt(field))) {
        String found = field >= text.length() ? "the end of the expression" : "'" + text.charAt(field) + "'";
        throw new FilterSyntaxException(
            field + 1, "expected a field name after '" + text.substring(start, field) + "', got " + found);
      }
      at = skipName(field);
      String raw = text.substring(start, at);
      return new Token(Kind.QUALIFIED, raw, raw, start + 1);
    }
    String raw = text.substring(start, at);
    return new Token(Kind.WORD, raw, raw, start + 1);
  }

  private Token number(int start) {
    int end = start + 1;
    while (end < text.length() && (isNameChar(text.charAt(end)) || text.charAt(end) == '.'
        || ((text.charAt(end) == '-' || text.charAt(end) == '+') && (text.charAt(end - 1) | 0x20) == 'e'))) {
      end++;
    }
    String raw = text.substring(start, end);
    if (!Numbers.isNumber(raw)) {
      throw new FilterSyntaxException(start + 1, "'" + raw + "' is not a number; text values go in double quotes");
    }
    at = end;
    return new Token(Kind.NUMBER, raw, raw, start + 1);
  }

  private Token string(int start) {
    // No escapes: Personalize documents none, and a value cannot contain a double quote.
    int close = text.indexOf('"', start + 1);
    if (close < 0) {
      throw new FilterSyntaxException(
          start + 1, "the string that starts here is not closed: expected a closing \", got the end of the expression");
    }
    at = close + 1;
    return new Token(Kind.STRING, text.substring(start, at), text.substring(start + 1, close), start + 1);
  }

  private Token placeholder(int start) {
    int end = start + 1;
    while (end < text.length() && isNameChar(text.charAt(end))) {
      end++;
    }
    if (end == start + 1) {
      String found = end >= text.length() ? "the end of the expression" : "'" + text.charAt(end) + "'";
      throw new FilterSyntaxException(end + 1, "expected a placeholder name after $, got " + found);
    }
    at = end;
    return new Token(Kind.PLACEHOLDER, text.substring(start, end), text.substring(start + 1, end), start + 1);
  }

  private Token operator(int start) {
    char c = text.charAt(start);
    char d = start + 1 < text.length() ? text.charAt(start + 1) : 0;
    if (c == '!' || (c == '<' && d == '>')) {
      String op = c == '!' && d != '=' ? "!" : c + "" + d;
      throw new FilterSyntaxException(
          start + 1, "unknown operator '" + op + "'; filters have =, <, <=, > and >=, and NOT IN for not-equal");
    }
    int end = (c != '=' && d == '=') ? start + 2 : start + 1;
    at = end;
    String raw = text.substring(start, end);
    return new Token(Kind.OPERATOR, raw, raw, start + 1);
  }

  private Token single(Kind kind, int start) {
    at = start + 1;
    String raw = text.substring(start, at);
    return new Token(kind, raw, raw, start + 1);
  }

  private FilterSyntaxException unexpected(char c, int start) {
    String hint = switch (c) {
      case '*' -> "; the wildcard is written \"*\" in double quotes";
      case '\'', '\u2018', '\u2019', '\u201c', '\u201d' -> "; strings go in straight double quotes (\")";
      case '&' -> "; join conditions with AND";
      case '.' -> "; a field is written Dataset.FIELD";
      default -> "";
    };
    return new FilterSyntaxException(start + 1, "unexpected character '" + c + "'" + hint);
  }

  private int skipName(int from) {
    int end = from;
    while (end < text.length() && isNameChar(text.charAt(end))) {
      end++;
    }
    return end;
  }

  // Names are ASCII, as Avro field names are; so keyword comparisons can ignore ASCII case safely.
  private static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isNameChar(char c) {
    return isNameStart(c) || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
