package io.tastemaker.server.console;

import io.tastemaker.server.auth.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's signed-in browsers: a login with one of the configured access keys gets a random
 * session token, which the browser sends back in an HttpOnly cookie instead of signing each call.
 *
 * <p>A cookie alone never admits a request: it must come with the {@link #CONSOLE_HEADER} header,
 * which a page of another site cannot add without a CORS preflight this server never grants (the
 * cookie is also SameSite=Strict). Sessions live in memory, so a restart asks for a new login.
 */
public final class ConsoleSessions {
  /** The cookie that carries the session token. */
  public static final String COOKIE = "tastemaker_console";
  /** The header every console call carries; lower case, as headers are matched. */
  public static final String CONSOLE_HEADER = "x-tastemaker-console";
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final int MAX_SESSIONS = 10_000;

  private final Optional<CredentialStore> credentials;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  private record Session(String accessKeyId, Instant expires) {}

  /** @param credentials the configured access keys; empty for a server that needs no login */
  public ConsoleSessions(Optional<CredentialStore> credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
  }

  /** Whether the console must ask for a login. */
  public boolean loginRequired() {
    return credentials.isPresent();
  }

  /** A new session token when the key pair is one of the configured ones; empty otherwise. */
  public Optional<String> login(String accessKeyId, String secretAccessKey) {
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> secret = credentials.get().secretFor(accessKeyId);
    // Compared in constant time, so the answer's timing does not tell how much of a guess was right.
    if (secret.isEmpty() || !MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8), secretAccessKey.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> s.expires().isBefore(now));
      if (sessions.size() >= MAX_SESSIONS) {
        sessions.keySet().stream().findAny().ifPresent(sessions::remove);
      }
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(token, new Session(accessKeyId, now.plus(LIFETIME)));
    return Optional.of(token);
  }

  /** Ends the session of these request headers, if any. */
  public void logout(Map<String, List<String>> headers) {
    token(headers).ifPresent(sessions::remove);
  }

  /** The access key a console request's session was opened with; empty without a live session and the console header. */
  public Optional<String> signedIn(Map<String, List<String>> headers) {
    if (!headers.containsKey(CONSOLE_HEADER)) {
      return Optional.empty();
    }
    return token(headers).flatMap(token -> {
      Session session = sessions.get(token);
      if (session == null) {
        return Optional.empty();
      }
      if (!session.expires().isAfter(clock.instant())) {
        sessions.remove(token);
        return Optional.empty();
      }
      return Optional.of(session.accessKeyId());
    });
  }

  /** The Set-Cookie value that stores a token in the browser. */
  static String cookie(String token) {
    return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + LIFETIME.toSeconds();
  }

  /** The Set-Cookie value that removes it. */
  static String clearedCookie() {
    return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  }

  private static Optional<String> token(Map<String, List<String>> headers) {
    for (String header : headers.getOrDefault("cookie", List.of())) {
      for (String part : header.split(";")) {
        String pair = part.trim();
        if (pair.startsWith(COOKIE + "=")) {
          String value = pair.substring(COOKIE.length() + 1);
          if (!value.isEmpty()) {
            return Optional.of(value);
          }
        }
      }
    }
    return Optional.empty();
  }
}
