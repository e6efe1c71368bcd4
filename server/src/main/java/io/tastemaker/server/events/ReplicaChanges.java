package io.tastemaker.server.events;

import io.tastemaker.server.jobs.ReplicaId;
import io.tastemaker.server.store.Database;
import io.tastemaker.server.store.Transaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code replica_changes} table: what a replica on a shared PostgreSQL database changed of the
 * data every replica keeps in memory (records put, a dataset's data replaced, users deleted from a
 * group), written in the transaction that made the change and numbered in commit order, as events
 * are. Every other replica reads the rows after the last one it took in four times a second and
 * applies them to its own memory ({@link Listener}). The rows name datasets, groups and record
 * sequence numbers, never a user; rows older than an hour are pruned, and a replica that finds rows
 * missing (it fell that far behind) drops everything it derived ({@link Listener#resync}).
 *
 * <p>The embedded SQLite file has one process, which changes its memory directly: nothing is written.
 */
public final class ReplicaChanges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaChanges.class);
  /** How often a replica looks for changes the others made. */
  static final long FOLLOW_MILLIS = 250;
  /** How long a change is kept for replicas that fell behind. */
  static final long RETENTION_MILLIS = 3_600_000;
  private static final long PRUNE_EVERY_MILLIS = 60_000;
  private static final int PAGE = 1_000;

  /** What a change is about. */
  public enum Kind {
    /** Records put into the dataset {@code subject}, their record seqs from {@code firstRecord} to {@code lastRecord}. */
    RECORDS_PUT,
    /** The data of the dataset {@code subject} was replaced or extended (an import, a schema update). */
    DATASET_CHANGED,
    /** Users were deleted from the dataset group {@code subject}: their events, records and model states are gone. */
    USERS_DELETED
  }

  /**
   * One change.
   *
   * @param seq its place in commit order
   * @param origin the replica that made it, which has applied it already
   * @param subject the dataset or dataset group it is about
   * @param firstRecord the first record seq put, for {@link Kind#RECORDS_PUT} (else 0)
   * @param lastRecord the last record seq put, for {@link Kind#RECORDS_PUT} (else 0)
   */
  public record Change(long seq, String origin, Kind kind, String subject, long firstRecord, long lastRecord) {}

  /** What a replica does with the changes the others made. */
  public interface Listener {
    /** Applies one change another replica made, in commit order. */
    void apply(Change change);

    /** Drops everything derived from the database, after changes were missed. */
    void resync();
  }

  private final Database db;
  private final ReplicaId self;
  private final Listener listener;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  /** The highest seq taken in. */
  private long taken;
  private long prunedAt;

  private ReplicaChanges(Database db, ReplicaId self, Listener listener, Clock clock) {
    this.db = db;
    this.self = self;
    this.listener = listener;
    this.clock = clock;
    // What changed before this replica started is in the database it loads its memory from.
    this.taken = db.read(ReplicaChanges::lastSeq);
    this.prunedAt = clock.millis();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "replica-changes");
      t.setDaemon(true);
      return t;
    });
  }

  /** Follows the changes other replicas make, four times a second. */
  public static ReplicaChanges follow(Database db, ReplicaId self, Listener listener, Clock clock) {
    ReplicaChanges changes = new ReplicaChanges(db, self, listener, clock);
    changes.timer.scheduleWithFixedDelay(changes::pollSafely, FOLLOW_MILLIS, FOLLOW_MILLIS, TimeUnit.MILLISECONDS);
    return changes;
  }

  /**
   * Records a change inside the transaction that makes it, when other replicas may share the
   * database; on the embedded file, nothing.
   */
  public static void record(Database db, Transaction tx, ReplicaId origin, Kind kind, String subject, long firstRecord, long lastRecord, long now)
      throws SQLException {
    if (!db.isPostgresql()) {
      return;
    }
    // The writer lock is held: the next seq is free, and commits come in seq order.
    long seq = lastSeq(tx) + 1;
    String sql = "INSERT INTO replica_changes (seq, origin, kind, subject, first_record, last_record, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setLong(1, seq);
      p.setString(2, origin.value());
      p.setString(3, kind.name());
      p.setString(4, subject);
      p.setLong(5, firstRecord);
      p.setLong(6, lastRecord);
      p.setLong(7, now);
      p.executeUpdate();
    }
  }

  /** {@link #record(Database, Transaction, ReplicaId, Kind, String, long, long, long)} without record seqs. */
  public static void record(Database db, Transaction tx, ReplicaId origin, Kind kind, String subject, long now) throws SQLException {
    record(db, tx, origin, kind, subject, 0, 0, now);
  }

  private static long lastSeq(Transaction tx) throws SQLException {
    try (PreparedStatement p = tx.connection().prepareStatement("SELECT MAX(seq) FROM replica_changes");
        ResultSet rs = p.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static List<Change> after(Transaction tx, long seq) throws SQLException {
    List<Change> changes = new ArrayList<>();
    String sql = "SELECT seq, origin, kind, subject, first_record, last_record FROM replica_changes WHERE seq > ? ORDER BY seq LIMIT ?";
    try (PreparedStatement p = tx.connection().prepareStatement(sql)) {
      p.setLong(1, seq);
      p.setInt(2, PAGE);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          changes.add(new Change(rs.getLong(1), rs.getString(2), Kind.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5), rs.getLong(6)));
        }
      }
    }
    return changes;
  }

  private void pollSafely() {
    try {
      catchUp();
      prune();
    } catch (RuntimeException e) {
      LOG.warn("could not follow the changes other replicas made", e);
    }
  }

  /** Applies, in seq order, every change stored after the last one taken in that another replica made. */
  synchronized void catchUp() {
    while (true) {
      long from = taken;
      List<Change> page = db.read(tx -> after(tx, from));
      if (page.isEmpty()) {
        return;
      }
      if (page.get(0).seq() != from + 1) {
        LOG.warn("replica {} missed the changes {} to {} of the other replicas (pruned after an hour); it loads what it serves again", self, from + 1,
            page.get(0).seq() - 1);
        listener.resync();
      }
      for (Change change : page) {
        if (!change.origin().equals(self.value())) {
          try {
            listener.apply(change);
          } catch (RuntimeException e) {
            LOG.warn("could not apply the change {} of {} on replica {}; dropping what it derived", change.kind(), change.subject(), self, e);
            listener.resync();
          }
        }
        taken = change.seq();
      }
    }
  }

  /** Deletes changes older than the retention, keeping the newest, so that seqs go on from it. */
  private void prune() {
    long now = clock.millis();
    if (now - prunedAt < PRUNE_EVERY_MILLIS) {
      return;
    }
    prunedAt = now;
    int deleted = db.write(tx -> {
      try (PreparedStatement p = tx.connection().prepareStatement(
          "DELETE FROM replica_changes WHERE created_at < ? AND seq < (SELECT MAX(seq) FROM replica_changes)")) {
        p.setLong(1, now - RETENTION_MILLIS);
        return p.executeUpdate();
      }
    });
    if (deleted > 0) {
      LOG.debug("pruned {} replica changes older than an hour", deleted);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
