package io.tastemaker.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tastemaker.server.auth.CredentialStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
  private final ConsoleSessions sessions = new ConsoleSessions(Optional.of(CredentialStore.of(Map.of("AKID", "s3cret"))), clock);

  @Test
  void a_configured_key_pair_opens_a_session_that_admits_console_calls() {
    String token = sessions.login("AKID", "s3cret").orElseThrow();

    assertThat(sessions.signedIn(consoleCall(token))).contains("AKID");
    assertThat(sessions.loginRequired()).isTrue();
  }

  @Test
  void a_wrong_secret_or_unknown_key_opens_nothing() {
    assertThat(sessions.login("AKID", "s3cre")).isEmpty();
    assertThat(sessions.login("AKID", "s3cret ")).isEmpty();
    assertThat(sessions.login("OTHER", "s3cret")).isEmpty();
  }

  @Test
  void the_cookie_without_the_console_header_admits_nothing() {
    String token = sessions.login("AKID", "s3cret").orElseThrow();

    assertThat(sessions.signedIn(Map.of("cookie", List.of(ConsoleSessions.COOKIE + "=" + token)))).isEmpty();
  }

  @Test
  void an_unknown_token_admits_nothing() {
    sessions.login("AKID", "s3cret").orElseThrow();

    assertThat(sessions.signedIn(consoleCall("made-up"))).isEmpty();
    assertThat(sessions.signedIn(Map.of(ConsoleSessions.CONSOLE_HEADER, List.of("1")))).isEmpty();
  }

  @Test
  void the_session_cookie_is_found_among_other_cookies() {
    String token = sessions.login("AKID", "s3cret").orElseThrow();
    Map<String, List<String>> headers =
        Map.of(ConsoleSessions.CONSOLE_HEADER, List.of("1"), "cookie", List.of("theme=dark; " + ConsoleSessions.COOKIE + "=" + token + "; lang=en"));

    assertThat(sessions.signedIn(headers)).contains("AKID");
  }

  @Test
  void a_session_ends_at_logout_and_when_its_lifetime_is_over() {
    String first = sessions.login("AKID", "s3cret").orElseThrow();
    String second = sessions.login("AKID", "s3cret").orElseThrow();
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
    assertThat(open.login("AKID", "s3cret")).isEmpty();
  }

  @Test
  void the_cookie_is_http_only_and_same_site_strict() {
    assertThat(ConsoleSessions.cookie("abc")).startsWith(ConsoleSessions.COOKIE + "=abc;").contains("HttpOnly").contains("SameSite=Strict");
    assertThat(ConsoleSessions.clearedCookie()).contains("Max-Age=0");
  }

  private static Map<String, List<String>> consoleCall(String token) {
    return Map.of(ConsoleSessions.CONSOLE_HEADER, List.of("1"), "cookie", List.of(ConsoleSessions.COOKIE + "=" + token));
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
