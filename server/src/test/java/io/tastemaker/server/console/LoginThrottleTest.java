package io.tastemaker.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The console's sign-in throttle on a hand-moved clock: repeated failures wait (per client, per key),
 * secrets are not compared during a wait, a valid sign-in from a clean client is immediate, a browser
 * that signed in before is not locked out by others, failures are logged, memory stays bounded.
 */
class LoginThrottleTest {
  private static final String KEY = "AKIDOWNER";
  private static final String ATTACKER = "203.0.113.7";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(clock);
  private final AtomicInteger comparisons = new AtomicInteger();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(LoginThrottle.class);

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
  }

  @Test
  void fifty_wrong_secrets_at_once_get_six_looks_and_forty_four_refusals() {
    int rejected = 0;
    int throttled = 0;
    for (int i = 0; i < 50; i++) {
      LoginThrottle.Verdict verdict = attempt(ATTACKER, KEY, Optional.empty(), false);
      rejected += verdict instanceof LoginThrottle.Rejected ? 1 : 0;
      throttled += verdict instanceof LoginThrottle.Throttled ? 1 : 0;
    }

    // Five free failures, a sixth that starts a one-second wait, then refusals without a comparison.
    assertThat(rejected).isEqualTo(6);
    assertThat(throttled).isEqualTo(44);
    assertThat(comparisons).hasValue(6);
  }

  @Test
  void fifty_guesses_that_obey_retry_after_take_over_three_hours() {
    Duration waited = Duration.ZERO;
    int looked = 0;
    while (looked < 50) {
      LoginThrottle.Verdict verdict = attempt(ATTACKER, KEY, Optional.empty(), false);
      if (verdict instanceof LoginThrottle.Throttled throttled) {
        clock.advance(throttled.retryAfter());
        waited = waited.plus(throttled.retryAfter());
      } else {
        looked++;
      }
    }

    // The waits after failures 6 to 49: 1, 2, 4 ... 256 s (9 of them, 511 s), then 35 of 5 minutes.
    assertThat(waited).isEqualTo(Duration.ofSeconds(511 + 35 * 300));
    assertThat(waited).isGreaterThan(Duration.ofHours(3));
  }

  @Test
  void a_valid_sign_in_from_another_client_is_admitted_at_once_while_the_attacker_waits() {
    for (int i = 0; i < 20; i++) {
      attempt(ATTACKER, KEY, Optional.empty(), false);
    }

    assertThat(attempt("198.51.100.2", KEY, Optional.empty(), true)).isInstanceOf(LoginThrottle.Admitted.class);
    // The right secret from the waiting client is refused like any guess: a wait is no oracle.
    LoginThrottle.Verdict right = attempt(ATTACKER, KEY, Optional.empty(), true);
    assertThat(right).isEqualTo(new LoginThrottle.Throttled(Duration.ofSeconds(1)));
    clock.advance(Duration.ofSeconds(1));
    assertThat(attempt(ATTACKER, KEY, Optional.empty(), true)).isInstanceOf(LoginThrottle.Admitted.class);
    // Proving itself clears the client's record.
    assertThat(attempt(ATTACKER, KEY, Optional.empty(), false)).isEqualTo(new LoginThrottle.Rejected());
  }

  @Test
  void a_key_hammered_from_many_addresses_holds_back_new_browsers_a_minute_at_most_and_its_owners_browser_not_at_all() {
    String ownersBrowser = ((LoginThrottle.Admitted) attempt("192.0.2.1", KEY, Optional.empty(), true)).browserToken();
    // The key's ten free failures, from ten addresses (each within its own free ones).
    for (int i = 0; i < 10; i++) {
      attempt("203.0.113." + i, KEY, Optional.empty(), false);
    }

    // An hour of attack: each time the key's wait ends, one more failure from a fresh address.
    Duration attack = Duration.ZERO;
    for (int round = 0; round < 60; round++) {
      assertThat(attempt("203.0.113." + (20 + round), KEY, Optional.empty(), false)).isEqualTo(new LoginThrottle.Rejected());
      LoginThrottle.Verdict newBrowser = attempt("198.51.100.9", KEY, Optional.empty(), true);
      assertThat(newBrowser).isInstanceOf(LoginThrottle.Throttled.class);
      Duration wait = ((LoginThrottle.Throttled) newBrowser).retryAfter();
      assertThat(wait).isLessThanOrEqualTo(Duration.ofMinutes(1));
      assertThat(attempt("198.51.100.9", KEY, Optional.of(ownersBrowser), true)).isEqualTo(new LoginThrottle.Admitted(ownersBrowser));
      clock.advance(wait);
      attack = attack.plus(wait);
    }

    assertThat(attack).isGreaterThan(Duration.ofMinutes(50));
    // Once the attacker stops, a new browser gets in.
    assertThat(attempt("198.51.100.9", KEY, Optional.empty(), true)).isInstanceOf(LoginThrottle.Admitted.class);
  }

  @Test
  void a_trusted_browser_is_judged_by_its_own_failures_and_only_for_its_key() {
    String browser = ((LoginThrottle.Admitted) attempt("192.0.2.1", KEY, Optional.empty(), true)).browserToken();
    for (int i = 0; i < 6; i++) {
      assertThat(attempt("192.0.2.1", KEY, Optional.of(browser), false)).isEqualTo(new LoginThrottle.Rejected());
    }
    assertThat(attempt("192.0.2.1", KEY, Optional.of(browser), true)).isEqualTo(new LoginThrottle.Throttled(Duration.ofSeconds(1)));
    // Its failures were not the address's: without the cookie, the address still has its free ones.
    assertThat(attempt("192.0.2.1", KEY, Optional.empty(), false)).isEqualTo(new LoginThrottle.Rejected());

    LoginThrottle.Admitted other = (LoginThrottle.Admitted) attempt("192.0.2.1", "AKIDOTHER", Optional.of(browser), true);
    assertThat(other.browserToken()).as("a token trusted for another key is not reused").isNotEqualTo(browser);
  }

  @Test
  void made_up_access_key_ids_are_counted_per_client_only() {
    for (int i = 0; i < 100; i++) {
      throttle.attempt("203.0.113." + i, "AKIDMADEUP" + i, false, Optional.empty(), () -> false);
    }

    assertThat(throttle.keysTracked()).isZero();
    assertThat(throttle.attempt(ATTACKER, "AKIDMADEUP1", false, Optional.empty(), () -> false)).isEqualTo(new LoginThrottle.Rejected());
  }

  @Test
  void each_failure_is_logged_once_with_the_key_and_the_client() {
    for (int i = 0; i < 9; i++) {
      attempt(ATTACKER, KEY, Optional.empty(), false);
    }
    clock.advance(Duration.ofSeconds(1));
    attempt(ATTACKER, KEY, Optional.empty(), false);
    attempt("198.51.100.2", "AKID\u001b[31mFAKE\nline", false);

    List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(log.list).allMatch(e -> e.getLevel() == Level.WARN);
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0))
        .isEqualTo("Console sign-in failed for access key AKIDOWNER from 203.0.113.7: failure 1 from this client, 1 for this key;"
            + " no wait yet");
    assertThat(lines.get(5))
        .isEqualTo("Console sign-in failed for access key AKIDOWNER from 203.0.113.7: failure 6 from this client, 6 for this key;"
            + " this client now waits 1 s");
    assertThat(lines.get(6))
        .isEqualTo("Console sign-in failed for access key AKIDOWNER from 203.0.113.7: failure 7 from this client, 7 for this key;"
            + " 3 attempts were refused while waiting before; this client now waits 2 s");
    assertThat(lines.get(7))
        .isEqualTo("Console sign-in failed for access key AKID?[31mFAKE?line from 198.51.100.2: failure 1 from this client,"
            + " not a configured key; no wait yet");
  }

  @Test
  void a_client_is_its_ipv4_address_or_its_ipv6_network() throws Exception {
    assertThat(LoginThrottle.clientOf(new InetSocketAddress(InetAddress.getByName("192.0.2.44"), 5000))).isEqualTo("192.0.2.44");
    assertThat(LoginThrottle.clientOf(new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), 5000)))
        .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(LoginThrottle.clientOf(new InetSocketAddress(InetAddress.getByName("2001:db8:1:2::9"), 5000)))
        .isEqualTo(LoginThrottle.clientOf(new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:ffff::1"), 5000)));
  }

  @Test
  void a_key_id_in_a_log_line_is_printable_and_bounded() {
    assertThat(LoginThrottle.printable("AKID\r\nX")).isEqualTo("AKID??X");
    assertThat(LoginThrottle.printable("A".repeat(500))).isEqualTo("A".repeat(128) + "...");
  }

  private LoginThrottle.Verdict attempt(String client, String key, Optional<String> browser, boolean rightSecret) {
    return throttle.attempt(client, key, true, browser, counted(rightSecret));
  }

  /** A made-up key id (not configured) with a wrong secret. */
  private LoginThrottle.Verdict attempt(String client, String key, boolean configured) {
    return throttle.attempt(client, key, configured, Optional.empty(), counted(false));
  }

  private BooleanSupplier counted(boolean result) {
    return () -> {
      comparisons.incrementAndGet();
      return result;
    };
  }
}
