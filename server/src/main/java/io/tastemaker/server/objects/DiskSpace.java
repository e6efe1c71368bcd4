package io.tastemaker.server.objects;

import java.io.IOException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The data directory's free space, in words a user understands: whether the server can take writes
 * ({@code /health}), whether a large import or a training has room before it starts, and the one
 * place that recognises a full disk in a failure (the operating system's {@code No space left on
 * device}, SQLite's {@code SQLITE_FULL}, PostgreSQL's {@code disk_full}).
 */
public final class DiskSpace {
  /** Below this much free space the server reports itself unable to write: the database needs room for a request's writes. */
  public static final long RESERVE_BYTES = 1 << 20;
  /** An import needs free space of this many times the size of its input (segments run about the size of the CSV), plus the reserve. */
  public static final int IMPORT_FACTOR = 2;

  private static final String ADVICE = "Free some space or move the data directory to a larger disk, then try again.";
  private static final int SQLITE_FULL = 13;
  private static final String POSTGRES_DISK_FULL = "53100";

  private final FreeSpace free;
  private final boolean objectsOnDisk;

  /** The data directory's disk, holding the database and the object store. */
  public DiskSpace(FreeSpace free) {
    this(free, true);
  }

  /**
   * @param objectsOnDisk false when the objects live in S3: the disk then holds only the database,
   *     so {@link #lacking} only asks whether the database can write (S3 has no free space to ask about; a full
   *     bucket quota shows as a failed write, named in the job's failureReason)
   */
  public DiskSpace(FreeSpace free, boolean objectsOnDisk) {
    this.free = free;
    this.objectsOnDisk = objectsOnDisk;
  }

  /** Free bytes on the data directory's disk; empty when the operating system cannot tell. */
  public Optional<Long> freeBytes() {
    try {
      return Optional.of(free.freeBytes());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether writes can be expected to succeed: at least {@link #RESERVE_BYTES} free (or free space unknown). */
  public boolean writable() {
    return freeBytes().map(bytes -> bytes >= RESERVE_BYTES).orElse(true);
  }

  /** Why the server cannot write now, in words; empty while it can. */
  public Optional<String> unwritableReason() {
    Optional<Long> bytes = freeBytes();
    if (bytes.isEmpty() || bytes.get() >= RESERVE_BYTES) {
      return Optional.empty();
    }
    return Optional.of(fullMessage(bytes.get()));
  }

  /** A message for a failure caused by a full disk, with the free bytes now; empty for any other failure. */
  public Optional<String> describe(Throwable failure) {
    if (!isDiskFull(failure)) {
      return Optional.empty();
    }
    Optional<Long> bytes = freeBytes();
    if (bytes.isEmpty()) {
      return Optional.of("The data directory's disk is full. " + ADVICE);
    }
    if (bytes.get() < RESERVE_BYTES) {
      return Optional.of(fullMessage(bytes.get()));
    }
    // The failed work cleaned up after itself, so there is room again; say what happened.
    return Optional.of("The data directory's disk filled up while this was written; " + amount(bytes.get()) + " are free now. " + ADVICE);
  }

  /**
   * Empty when the disk has {@code needed} bytes plus the reserve free; otherwise why the work
   * cannot start, in words.
   *
   * @param work what needs the space, such as "importing 5000000 bytes of CSV"
   * @param rule how the need was worked out, such as "twice the input"
   */
  public Optional<String> lacking(long needed, String work, String rule) {
    Optional<Long> bytes = freeBytes();
    if (!objectsOnDisk) {
      return unwritableReason();
    }
    long wanted = needed + RESERVE_BYTES;
    if (bytes.isEmpty() || bytes.get() >= wanted) {
      return Optional.empty();
    }
    return Optional.of(
        "Not enough free space on the data directory's disk: "
            + work + " needs about " + amount(wanted) + " (" + rule + ", plus " + amount(RESERVE_BYTES) + " to spare), and "
            + amount(bytes.get()) + " are free. " + ADVICE);
  }

  private static String fullMessage(long bytes) {
    return "The data directory's disk is full: " + amount(bytes) + " free. " + ADVICE;
  }

  /** Bytes as a number a reader can check, and in a unit a reader can picture. */
  static String amount(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return bytes + " bytes (" + String.format(Locale.ROOT, "%.1f %s", value, units[unit]) + ")";
  }

  /** Whether a failure, or any of its causes, is a full disk. */
  public static boolean isDiskFull(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof IOException && message.contains("No space left on device")) {
        return true;
      }
      if (t instanceof SQLException sql
          && (sql.getErrorCode() == SQLITE_FULL || POSTGRES_DISK_FULL.equals(sql.getSQLState()) || message.contains("SQLITE_FULL")
              || message.contains("database or disk is full"))) {
        return true;
      }
    }
    return false;
  }
}
