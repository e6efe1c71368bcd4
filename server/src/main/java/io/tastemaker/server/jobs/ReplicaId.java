package io.tastemaker.server.jobs;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The name of one server process among the replicas on a database, drawn at random at each start, so
 * that a restarted process never mistakes the leases of the one before it for its own.
 *
 * @param value {@code r-} and 12 hex digits
 */
public record ReplicaId(String value) {
  public ReplicaId {
    if (value == null || !value.matches("r-[0-9a-f]{12}")) {
      throw new IllegalArgumentException("a replica id is r- and 12 hex digits, got " + value);
    }
  }

  /** A new id from a strong random source (a process is not seeded: two must never draw the same). */
  public static ReplicaId random() {
    byte[] bytes = new byte[6];
    new SecureRandom().nextBytes(bytes);
    return new ReplicaId("r-" + HexFormat.of().formatHex(bytes));
  }

  @Override
  public String toString() {
    return value;
  }
}
