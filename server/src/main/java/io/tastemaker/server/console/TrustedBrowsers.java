package io.tastemaker.server.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Browsers that signed in with an access key before, each known by a random token kept in a
 * cookie (OWASP's "device cookie"): their sign-ins with that key are judged on their own record, so
 * failures of others against the key do not lock them out. In memory, at most {@code capacity}
 * browsers (the least recently admitted go first), each for {@link #LIFETIME} after its last sign-in.
 * Not thread-safe: {@link LoginThrottle} guards it.
 */
final class TrustedBrowsers {
  /** How long a browser stays trusted after its last successful sign-in. */
  static final Duration LIFETIME = Duration.ofDays(30);

  private record Trust(String accessKeyId, Instant expires) {}

  private final SecureRandom random = new SecureRandom();
  private final LinkedHashMap<String, Trust> trusted;

  TrustedBrowsers(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be 1 or more, got " + capacity);
    }
    this.trusted =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Trust> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Whether the token is a live one issued to a browser that signed in with this access key. */
  boolean trusts(Optional<String> token, String accessKeyId, Instant now) {
    if (token.isEmpty()) {
      return false;
    }
    Trust trust = trusted.get(token.get());
    if (trust != null && !trust.expires().isAfter(now)) {
      trusted.remove(token.get());
      return false;
    }
    return trust != null && trust.accessKeyId().equals(accessKeyId);
  }

  /**
   * Marks the browser trusted for this access key for another {@link #LIFETIME}: under the token it
   * presented when that already was trusted for the key, under a new token otherwise.
   */
  String admit(Optional<String> token, String accessKeyId, Instant now) {
    String kept = trusts(token, accessKeyId, now) ? token.get() : newToken();
    trusted.remove(kept);
    trusted.put(kept, new Trust(accessKeyId, now.plus(LIFETIME)));
    return kept;
  }

  /** The browsers held, for checking the bound. */
  int size() {
    return trusted.size();
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
