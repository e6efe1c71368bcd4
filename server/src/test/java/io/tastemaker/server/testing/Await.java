package io.tastemaker.server.testing;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/** Polls a status until it is final, as clients of an asynchronous API do. */
public final class Await {
  private static final Set<String> FINAL =
      Set.of("ACTIVE", "CREATE FAILED", "CREATE STOPPED");

  private Await() {}

  /** Polls until the status is ACTIVE, CREATE FAILED or CREATE STOPPED, and returns it. */
  public static String finalStatus(Supplier<String> status, Duration timeout) {
    return until(status, FINAL, timeout);
  }

  /** Polls until the status is one of {@code wanted}. */
  public static String until(Supplier<String> status, Set<String> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = status.get();
    while (!wanted.contains(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still " + last + " after " + timeout + ", waiting for one of " + wanted);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = status.get();
    }
    return last;
  }

  /** Polls until {@code condition} holds. */
  public static void condition(Supplier<Boolean> condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
