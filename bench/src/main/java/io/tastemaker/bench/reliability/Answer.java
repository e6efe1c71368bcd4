package io.tastemaker.bench.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the server sent back to one request: status, headers by lower-case name and body; or, when
 * nothing came, why ({@code status} is then 0).
 */
record Answer(int status, Map<String, List<String>> headers, byte[] body, String failure) {
  Answer {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  static Answer none(String why) {
    return new Answer(0, Map.of(), new byte[0], why);
  }

  boolean answered() {
    return status > 0;
  }

  Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first {@code max} characters of the body, control characters shown as escapes. */
  String excerpt(int max) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.length() > max) {
      text = text.substring(0, max) + "...";
    }
    return printable(text);
  }

  /** The text with control characters shown as escapes, so a report stays plain text. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
