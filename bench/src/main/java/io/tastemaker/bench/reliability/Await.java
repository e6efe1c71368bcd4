package io.tastemaker.bench.reliability;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/** Polls a resource's status until it is final. */
final class Await {
  /** The statuses of work still under way; every other status is final. */
  static final Set<String> UNFINISHED = Set.of("CREATE PENDING", "CREATE IN_PROGRESS", "CREATE STOPPING", "DELETE PENDING", "DELETE IN_PROGRESS", "PENDING", "IN_PROGRESS");

  private Await() {}

  /** The first status that is not {@link #UNFINISHED}, or {@code "STUCK in " + status} when none comes within {@code limit}. */
  static String finalStatus(Supplier<String> status, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String seen = status.get();
    while (UNFINISHED.contains(seen)) {
      if (System.nanoTime() > deadline) {
        return "STUCK in " + seen;
      }
      Thread.sleep(200);
      seen = status.get();
    }
    return seen;
  }

  /** Waits for an ACTIVE status; fails with the status and {@code reason} otherwise. */
  static void active(Supplier<String> status, Supplier<String> reason, Duration limit, String what) throws InterruptedException {
    String last = finalStatus(status, limit);
    if (!last.equals("ACTIVE")) {
      throw new IllegalStateException(what + " is " + last + ": " + reason.get());
    }
  }
}
