package io.tastemaker.server.console;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Failed sign-ins counted per subject (a client, an access key id, a trusted browser) and the wait
 * each failure imposes before the subject's next attempt: none for the first {@code free} failures,
 * then {@code firstDelay} doubling with every further failure up to {@code maxDelay}. A subject
 * with no failure for {@code forgetAfter} starts over. At most {@code capacity} subjects are kept;
 * the one whose last failure is oldest goes first. Not thread-safe: {@link LoginThrottle} guards it.
 */
final class FailureLedger {
  /**
   * How a ledger counts.
   *
   * @param free failures that impose no wait
   * @param firstDelay the wait after the first failure beyond the free ones
   * @param maxDelay the longest wait
   * @param forgetAfter how long after its last failure a subject starts over; longer than {@code maxDelay}
   * @param capacity the most subjects kept
   */
  record Policy(int free, Duration firstDelay, Duration maxDelay, Duration forgetAfter, int capacity) {
    Policy {
      Objects.requireNonNull(firstDelay, "firstDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      Objects.requireNonNull(forgetAfter, "forgetAfter");
      if (free < 0 || capacity < 1) {
        throw new IllegalArgumentException("free must be 0 or more and capacity 1 or more, got " + free + " and " + capacity);
      }
      if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0 || forgetAfter.compareTo(maxDelay) <= 0) {
        throw new IllegalArgumentException(
            "delays must satisfy 0 < firstDelay <= maxDelay < forgetAfter, got " + firstDelay + ", " + maxDelay + ", " + forgetAfter);
      }
    }

    /** The wait imposed by a subject's {@code failures}-th failure. */
    Duration delayAfter(int failures) {
      int beyond = failures - free;
      if (beyond <= 0) {
        return Duration.ZERO;
      }
      // 2^30 times any delay is past every sensible maximum, and the shift stays in range.
      Duration delay = firstDelay.multipliedBy(1L << Math.min(beyond - 1, 30));
      return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
  }

  /** A recorded failure: the subject's count so far, the attempts refused while it waited before, and the wait it now imposes. */
  record Failure(int failures, int refusedMeanwhile, Duration delay) {}

  private static final class Entry {
    int failures;
    int refused;
    Instant lastFailure = Instant.MIN;
    Instant blockedUntil = Instant.MIN;
  }

  private final Policy policy;
  private final LinkedHashMap<String, Entry> entries;

  FailureLedger(Policy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    // Insertion order is refreshed on every failure (remove, then put), so the eldest entry is the one
    // whose last failure is oldest.
    this.entries =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > policy.capacity();
          }
        };
  }

  /** How long the subject must still wait before its next attempt; zero when it may try now. */
  Duration wait(String subject, Instant now) {
    Entry entry = current(subject, now);
    if (entry == null || !entry.blockedUntil.isAfter(now)) {
      return Duration.ZERO;
    }
    return Duration.between(now, entry.blockedUntil);
  }

  /** Notes an attempt refused while the subject waited, to be reported with its next failure. */
  void refused(String subject, Instant now) {
    Entry entry = current(subject, now);
    if (entry != null) {
      entry.refused++;
    }
  }

  /** Records a failed attempt and returns the wait it imposes. */
  Failure fail(String subject, Instant now) {
    Entry entry = current(subject, now);
    if (entry == null) {
      entry = new Entry();
    }
    entries.remove(subject);
    entries.put(subject, entry);
    entry.failures++;
    entry.lastFailure = now;
    Duration delay = policy.delayAfter(entry.failures);
    entry.blockedUntil = now.plus(delay);
    Failure failure = new Failure(entry.failures, entry.refused, delay);
    entry.refused = 0;
    return failure;
  }

  /** Forgets the subject's failures, after it proved itself. */
  void clear(String subject) {
    entries.remove(subject);
  }

  /** The subjects held, for checking the bound. */
  int size() {
    return entries.size();
  }

  /** The subject's entry, or null when it has none or its failures are old enough to forget. */
  private Entry current(String subject, Instant now) {
    Entry entry = entries.get(subject);
    if (entry != null && !now.isBefore(entry.lastFailure.plus(policy.forgetAfter()))) {
      entries.remove(subject);
      return null;
    }
    return entry;
  }
}
