package io.tastemaker.server.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code nextToken} of List operations: where the last page ended, bound to the list it
 * came from so that a token cannot be replayed against another list.
 */
public final class PageToken {
  private static final String VERSION = "1";

  private PageToken() {}

  /** A position in a list: the creation time and ARN of the last item returned. */
  public record Position(long createdAtMillis, String arn) {}

  public static String encode(String listKey, Position position) {
    String plain = VERSION + "\n" + listKey + "\n" + position.createdAtMillis() + "\n" + position.arn();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The position a token encodes, or empty when it is not a token of this list. */
  public static Optional<Position> decode(String listKey, String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = plain.split("\n", 4);
      if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].equals(listKey)) {
        return Optional.empty();
      }
      return Optional.of(new Position(Long.parseLong(parts[2]), parts[3]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
