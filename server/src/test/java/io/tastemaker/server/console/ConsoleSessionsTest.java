package io.tastemaker.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.auth.CredentialStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
  private final ConsoleSessions sessions = new ConsoleSessions(Optional.of(CredentialStore.of(Map.of("AKID", "s3cret"))), clock);

  @Test
  void a_configured_key_pair_opens_a_session_that_admits_console_calls() {
    String token = login("AKID", "s3cret").orElseThrow();

    assertThat(sessions.signedIn(consoleCall(token))).contains("AKID");
    assertThat(sessions.loginRequired()).isTrue();
  }

  @Test
  void a_wrong_secret_or_unknown_key_opens_nothing() {
    assertThat(login("AKID", "s3cre")).isEmpty();
    assertThat(login("AKID", "s3cret ")).isEmpty();
    assertThat(login("OTHER", "s3cret")).isEmpty();
  }

  @Test
  void the_cookie_without_the_console_header_admits_nothing() {
    String token = login("AKID", "s3cret").orElseThrow();

    assertThat(sessions.signedIn(Map.of("cookie", List.of(ConsoleSessions.COOKIE + "=" + token)))).isEmpty();
  }

  @Test
  void an_unknown_token_admits_nothing() {
    login("AKID", "s3cret").orElseThrow();

    assertThat(sessions.signedIn(consoleCall("made-up"))).isEmpty();
    assertThat(sessions.signedIn(Map.of(ConsoleSessions.CONSOLE_HEADER, List.of("1")))).isEmpty();
  }

  @Test
  void the_session_cookie_is_found_among_other_cookies() {
    String token = login("AKID", "s3cret").orElseThrow();
    Map<String, List<String>> headers =
        Map.of(ConsoleSessions.CONSOLE_HEADER, List.of("1"), "cookie", List.of("theme=dark; " + ConsoleSessions.COOKIE + "=" + token + "; lang=en"));

    assertThat(sessions.signedIn(headers)).contains("AKID");
  }

  @Test
  void a_session_ends_at_logout_and_when_its_lifetime_is_over() {
    String first = login("AKID", "s3cret").orElseThrow();
    String second = login("AKID", "s3cret").orElseThrow();
    assertThat(first).isNotEqualTo(second);

    sessions.logout(consoleCall(first));
    assertThat(sessions.signedIn(consoleCall(first))).isEmpty();
    assertThat(sessions.signedIn(consoleCall(second))).contains("AKID");

    clock.advance(ConsoleSessions.LIFETIME.minusSeconds(1));
    assertThat(sessions.signedIn(consoleCall(second))).contains("AKID");
    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.signedIn(consoleCall(second))).isEmpty();
  }

  @Test
  void a_server_without_keys_needs_no_login_and_opens_no_sessions() {
    ConsoleSessions open = new ConsoleSessions(Optional.empty(), clock);

    assertThat(open.loginRequired()).isFalse();
    assertThat(open.login("AKID", "s3cret", "192.0.2.1", Optional.empty())).isEqualTo(new ConsoleSessions.Rejected());
  }

  @Test
  void repeated_failures_are_throttled_until_the_wait_is_over_and_a_sign_in_brings_a_trusted_browser_cookie() {
    for (int i = 0; i < 6; i++) {
      assertThat(sessions.login("AKID", "guess" + i, "203.0.113.7", Optional.empty())).isEqualTo(new ConsoleSessions.Rejected());
    }
    assertThat(sessions.login("AKID", "s3cret", "203.0.113.7", Optional.empty())).isEqualTo(new ConsoleSessions.Throttled(Duration.ofSeconds(1)));

    clock.advance(Duration.ofSeconds(1));
    ConsoleSessions.Login login = sessions.login("AKID", "s3cret", "203.0.113.7", Optional.empty());
    assertThat(login).isInstanceOf(ConsoleSessions.SignedIn.class);
    String browser = ((ConsoleSessions.SignedIn) login).browserToken();
    String cookieHeader = "theme=dark; " + ConsoleSessions.BROWSER_COOKIE + "=" + browser;
    assertThat(ConsoleSessions.browserToken(Map.of("cookie", List.of(cookieHeader)))).contains(browser);
    assertThat(ConsoleSessions.browserCookie(browser))
        .startsWith(ConsoleSessions.BROWSER_COOKIE + "=" + browser + ";")
        .contains("Path=/console/api/login")
        .contains("HttpOnly")
        .contains("SameSite=Strict");
  }

  @Test
  void the_cookie_is_http_only_and_same_site_strict() {
    assertThat(ConsoleSessions.cookie("abc")).startsWith(ConsoleSessions.COOKIE + "=abc;").contains("HttpOnly").contains("SameSite=Strict");
    assertThat(ConsoleSessions.clearedCookie()).contains("Max-Age=0");
  }

  /** A sign-in from one client without a trusted-browser cookie; the session token when it succeeded. */
  private Optional<String> login(String accessKeyId, String secret) {
    ConsoleSessions.Login login = sessions.login(accessKeyId, secret, "192.0.2.1", Optional.empty());
    return login instanceof ConsoleSessions.SignedIn signedIn ? Optional.of(signedIn.sessionToken()) : Optional.empty();
  }

  private static Map<String, List<String>> consoleCall(String token) {
    return Map.of(ConsoleSessions.CONSOLE_HEADER, List.of("1"), "cookie", List.of(ConsoleSessions.COOKIE + "=" + token));
  }
}
