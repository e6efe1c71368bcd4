package io.tastemaker.server.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How long a replica's claim on a running job lasts without being renewed: a heartbeat renews it three
 * times a lease, and a replica that stops (killed, cut off from the database) loses its jobs to the
 * others once it expires. {@code TASTEMAKER_JOB_LEASE_SECONDS} sets it (tests shorten it).
 *
 * @param duration from 1 second to 1 hour
 */
public record JobLease(Duration duration) {
  /** The lease when nothing says otherwise. */
  public static final Duration DEFAULT = Duration.ofSeconds(30);
  private static final String VARIABLE = "TASTEMAKER_JOB_LEASE_SECONDS";

  public JobLease {
    if (duration == null || duration.compareTo(Duration.ofMillis(100)) < 0 || duration.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("a job lease must be from 100 ms to 1 hour, got " + duration);
    }
  }

  /** The lease of {@code TASTEMAKER_JOB_LEASE_SECONDS}, else {@link #DEFAULT}. */
  public static JobLease fromEnvironment(Map<String, String> environment) {
    Optional<String> text = Optional.ofNullable(environment.get(VARIABLE)).map(String::strip).filter(s -> !s.isEmpty());
    if (text.isEmpty()) {
      return new JobLease(DEFAULT);
    }
    long seconds;
    try {
      seconds = Long.parseLong(text.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(VARIABLE + " must be a whole number of seconds in [1, 3600], got " + text.get());
    }
    if (seconds < 1 || seconds > 3600) {
      throw new IllegalArgumentException(VARIABLE + " must be a whole number of seconds in [1, 3600], got " + text.get());
    }
    return new JobLease(Duration.ofSeconds(seconds));
  }

  /** How often a replica renews the leases of the jobs it runs. */
  public Duration heartbeat() {
    return duration.dividedBy(3);
  }
}
