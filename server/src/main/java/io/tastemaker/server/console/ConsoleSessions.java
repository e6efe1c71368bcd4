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
 *
 * <p>Sign-ins go through a {@link LoginThrottle}, which slows repeated failures per client and per
 * access key; a browser that signed in before keeps a {@link #BROWSER_COOKIE} that lets it past
 * the failures of others against its key.
 */
public final class ConsoleSessions {
  /** The cookie that carries the session token. */
  public static final String COOKIE = "tastemaker_console";
  /** The cookie of a browser trusted for the key it signed in with; sent to the login endpoint only. */
  public static final String BROWSER_COOKIE = "tastemaker_browser";
  /** The header every console call carries; lower case, as headers are matched. */
  public static final String CONSOLE_HEADER = "x-tastemaker-console";
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final int MAX_SESSIONS = 10_000;

  private final Optional<CredentialStore> credentials;
  private final Clock clock;
  private final LoginThrottle throttle;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  private record Session(String accessKeyId, Instant expires) {}

  /** The outcome of a sign-in. */
  public sealed interface Login {}

  /** Signed in: the session token for its cookie, and the token that marks the browser trusted for the key. */
  public record SignedIn(String sessionToken, String browserToken) implements Login {}

  /** The access key id or the secret is wrong. */
  public record Rejected() implements Login {}

  /** Refused without checking the secret: too many recent failures from this client or for this key. */
  public record Throttled(Duration retryAfter) implements Login {}

  /** @param credentials the configured access keys; empty for a server that needs no login */
  public ConsoleSessions(Optional<CredentialStore> credentials, Clock clock) {
    this(credentials, clock, new LoginThrottle(clock));
  }

  ConsoleSessions(Optional<CredentialStore> credentials, Clock clock, LoginThrottle throttle) {
    this.credentials = credentials;
    this.clock = clock;
    this.throttle = throttle;
  }

  /** Whether the console must ask for a login. */
  public boolean loginRequired() {
    return credentials.isPresent();
  }

  /**
   * Signs a browser in when the key pair is one of the configured ones and the throttle lets the
   * attempt through.
   *
   * @param client the client as {@link LoginThrottle#clientOf} names its address
   * @param browserToken the {@link #BROWSER_COOKIE} the request carried, if any
   */
  public Login login(String accessKeyId, String secretAccessKey, String client, Optional<String> browserToken) {
    if (credentials.isEmpty()) {
      return new Rejected();
    }
    Optional<String> secret = credentials.get().secretFor(accessKeyId);
    // Compared in constant time, so the answer's timing does not tell how much of a guess was right.
    LoginThrottle.Verdict verdict =
        throttle.attempt(
            client,
            accessKeyId,
            secret.isPresent(),
            browserToken,
            () -> secret.isPresent() && MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8), secretAccessKey.getBytes(StandardCharsets.UTF_8)));
    if (verdict instanceof LoginThrottle.Throttled throttled) {
      return new Throttled(throttled.retryAfter());
    }
    if (!(verdict instanceof LoginThrottle.Admitted admitted)) {
      return new Rejected();
    }
    return new SignedIn(newSession(accessKeyId), admitted.browserToken());
  }

  private String newSession(String accessKeyId) {
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
    return token;
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

  /** The Set-Cookie value that keeps a trusted-browser token, sent back to the login endpoint only. */
  static String browserCookie(String token) {
    return BROWSER_COOKIE + "=" + token + "; Path=/console/api/login; HttpOnly; SameSite=Strict; Max-Age=" + TrustedBrowsers.LIFETIME.toSeconds();
  }

  /** The trusted-browser token of these request headers, if any. */
  static Optional<String> browserToken(Map<String, List<String>> headers) {
    return cookie(headers, BROWSER_COOKIE);
  }

  private static Optional<String> token(Map<String, List<String>> headers) {
    return cookie(headers, COOKIE);
  }

  private static Optional<String> cookie(Map<String, List<String>> headers, String name) {
    for (String header : headers.getOrDefault("cookie", List.of())) {
      for (String part : header.split(";")) {
        String pair = part.trim();
        if (pair.startsWith(name + "=")) {
          String value = pair.substring(name.length() + 1);
          if (!value.isEmpty()) {
            return Optional.of(value);
          }
        }
      }
    }
    return Optional.empty();
  }
}
