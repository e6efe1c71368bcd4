package io.tastemaker.server.console;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down the guessing of secrets at the console's sign-in.
 *
 * <p>Failures are counted per client address and per configured access key id; once either has used
 * its free failures, each further failure makes the next attempt wait, doubling up to a cap.
 * Attempts during a wait are refused at once with the time left (the console answers HTTP 429 with
 * Retry-After): the secret is not even compared, so a refusal costs nothing, tells nothing, and no
 * thread sleeps. The check, the comparison and the count happen under one lock, so parallel guesses
 * cannot slip past a wait that the first of them starts.
 *
 * <p>An attacker who hammers one key from many addresses holds that key's wait up, which would lock
 * its owner out; so a browser that has signed in with the key before (a {@link TrustedBrowsers}
 * token) is judged only by its own failures. A new browser waits at most the key's cap (a minute)
 * between failures of others, and SigV4 clients are not affected at all. Each failure is logged
 * once, with the key id and the client, never the secret; refused attempts are counted into the
 * next such line, so the log grows no faster than the waits allow.
 */
final class LoginThrottle {
  static final FailureLedger.Policy BY_CLIENT =
      new FailureLedger.Policy(5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(30), 10_000);
  static final FailureLedger.Policy BY_KEY =
      new FailureLedger.Policy(10, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(30), 10_000);
  static final FailureLedger.Policy BY_BROWSER = BY_CLIENT;
  static final int MAX_TRUSTED_BROWSERS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  private static final int MAX_LOGGED_KEY_LENGTH = 128;

  /** The outcome of one sign-in attempt. */
  sealed interface Verdict {}

  /** The secret matched; the browser is now trusted for the key under {@code browserToken}. */
  record Admitted(String browserToken) implements Verdict {}

  /** The secret did not match (or the key is unknown). */
  record Rejected() implements Verdict {}

  /** Refused without a look at the secret: the client or the key must wait {@code retryAfter}. */
  record Throttled(Duration retryAfter) implements Verdict {}

  private final FailureLedger byClient;
  private final FailureLedger byKey;
  private final FailureLedger byBrowser;
  private final TrustedBrowsers browsers;
  private final Clock clock;

  LoginThrottle(Clock clock) {
    this(BY_CLIENT, BY_KEY, BY_BROWSER, MAX_TRUSTED_BROWSERS, clock);
  }

  LoginThrottle(FailureLedger.Policy byClient, FailureLedger.Policy byKey, FailureLedger.Policy byBrowser, int maxBrowsers, Clock clock) {
    this.byClient = new FailureLedger(byClient);
    this.byKey = new FailureLedger(byKey);
    this.byBrowser = new FailureLedger(byBrowser);
    this.browsers = new TrustedBrowsers(maxBrowsers);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Judges one attempt: refuses it while the client or the key must wait, else runs {@code
   * secretMatches} and records the outcome.
   *
   * @param client the client's address as {@link #clientOf} names it
   * @param keyConfigured whether the access key id is one of the configured ones; only those are
   *     counted per key, so made-up ids cannot fill the ledger
   * @param browserToken the trusted-browser token the request carried, if any
   */
  synchronized Verdict attempt(
      String client, String accessKeyId, boolean keyConfigured, Optional<String> browserToken, BooleanSupplier secretMatches) {
    Instant now = clock.instant();
    boolean trusted = keyConfigured && browsers.trusts(browserToken, accessKeyId, now);
    // A trusted browser's token is a per-key secret of its own, so it stands in for the address.
    String subject = trusted ? browserToken.get() : client;
    FailureLedger own = trusted ? byBrowser : byClient;
    Duration wait = own.wait(subject, now);
    Duration keyWait = trusted || !keyConfigured ? Duration.ZERO : byKey.wait(accessKeyId, now);
    if (wait.compareTo(keyWait) < 0) {
      wait = keyWait;
    }
    if (!wait.isZero()) {
      own.refused(subject, now);
      if (!keyWait.isZero()) {
        byKey.refused(accessKeyId, now);
      }
      return new Throttled(wait);
    }
    if (secretMatches.getAsBoolean()) {
      own.clear(subject);
      LOG.info("Console sign-in with access key {} from {}", printable(accessKeyId), client);
      return new Admitted(browsers.admit(browserToken, accessKeyId, now));
    }
    FailureLedger.Failure mine = own.fail(subject, now);
    Optional<FailureLedger.Failure> key = keyConfigured ? Optional.of(byKey.fail(accessKeyId, now)) : Optional.empty();
    logFailure(accessKeyId, client, trusted, mine, key);
    return new Rejected();
  }

  /** The access keys with failures on record, for checking that made-up ids are not kept. */
  synchronized int keysTracked() {
    return byKey.size();
  }

  /**
   * The client an address stands for: an IPv4 address itself, an IPv6 address its /64 network,
   * which one subscriber commonly holds whole (counting single addresses would give each of its
   * 2^64 addresses its own free failures).
   */
  static String clientOf(SocketAddress remote) {
    if (remote instanceof InetSocketAddress socket && socket.getAddress() != null) {
      InetAddress address = socket.getAddress();
      if (address instanceof Inet6Address) {
        byte[] network = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        try {
          return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
          throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
      }
      return address.getHostAddress();
    }
    return String.valueOf(remote);
  }

  private static void logFailure(
      String accessKeyId, String client, boolean trusted, FailureLedger.Failure mine, Optional<FailureLedger.Failure> key) {
    int refused = mine.refusedMeanwhile() + key.map(FailureLedger.Failure::refusedMeanwhile).orElse(0);
    List<String> waits = new ArrayList<>();
    if (!mine.delay().isZero()) {
      waits.add("this " + (trusted ? "browser" : "client") + " now waits " + mine.delay().toSeconds() + " s");
    }
    key.map(FailureLedger.Failure::delay).filter(delay -> !delay.isZero()).ifPresent(delay -> waits.add("this key now waits " + delay.toSeconds() + " s"));
    LOG.warn(
        "Console sign-in failed for access key {} from {}{}: failure {} from this {}, {}{}; {}",
        printable(accessKeyId),
        client,
        trusted ? " (a browser trusted for this key)" : "",
        mine.failures(),
        trusted ? "browser" : "client",
        key.map(k -> k.failures() + " for this key").orElse("not a configured key"),
        refused == 0 ? "" : "; " + refused + (refused == 1 ? " attempt was" : " attempts were") + " refused while waiting before",
        waits.isEmpty() ? "no wait yet" : String.join(" and ", waits));
  }

  /** An access key id as typed, safe for a log line: printable ASCII only, and not too long. */
  static String printable(String accessKeyId) {
    StringBuilder out = new StringBuilder(Math.min(accessKeyId.length(), MAX_LOGGED_KEY_LENGTH) + 3);
    for (int i = 0; i < accessKeyId.length() && i < MAX_LOGGED_KEY_LENGTH; i++) {
      char c = accessKeyId.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (accessKeyId.length() > MAX_LOGGED_KEY_LENGTH) {
      out.append("...");
    }
    return out.toString();
  }
}
