package io.tastemaker.server.console;

import java.time.Duration;

/** A console sign-in refused, without a look at the secret, until a wait has passed; answered 429 with Retry-After. */
final class SignInThrottled extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  SignInThrottled(Duration retryAfter) {
    super(message(seconds(retryAfter)), null, false, false);
    this.retryAfterSeconds = seconds(retryAfter);
  }

  /** Whole seconds, rounded up, as Retry-After takes them. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  private static long seconds(Duration wait) {
    long seconds = wait.toSeconds();
    return wait.minusSeconds(seconds).isZero() ? Math.max(seconds, 1) : seconds + 1;
  }

  private static String message(long seconds) {
    return "Too many failed sign-in attempts from this client or for this access key; try again in " + seconds + (seconds == 1 ? " second." : " seconds.");
  }
}
