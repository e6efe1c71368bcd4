package io.tastemaker.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata database: an embedded SQLite file by default, PostgreSQL by configuration.
 *
 * <p>Work runs in short transactions through {@link #read} and {@link #write}; the schema is brought
 * up to date by {@link Migrations} when the database opens.
 */
public final class Database implements AutoCloseable {
  /** The embedded database's file in the data directory. */
  public static final String FILE_NAME = "tastemaker.db";
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /** SQLite's result codes for a damaged file and for a file that is not a database. */
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_NOTADB = 26;

  /**
   * The key of the PostgreSQL advisory lock every write transaction takes first. The code was written
   * for SQLite, whose writers run one at a time (IMMEDIATE transactions): it reads, decides and writes
   * (a name is free, a parent is ACTIVE, a job is QUEUED, the next event seq) trusting that no other
   * writer slips in between. Under PostgreSQL's READ COMMITTED another writer could; one
   * transaction-scoped lock gives every writer the same order as SQLite, across connections and
   * processes, with no work ever run twice (SERIALIZABLE would need every work to be safe to retry
   * after a serialization failure, and some publish to memory after commit). Reads take no lock.
   */
  private static final long WRITER_LOCK = 0x7461_7374_656d_616bL;

  private final HikariDataSource pool;
  private final boolean postgresql;
  /** A check each write of a thread runs first, inside its transaction (a running job's lease), if the thread set one. */
  private final ThreadLocal<SqlWork<?>> writeGuard = new ThreadLocal<>();

  private Database(HikariDataSource pool, boolean postgresql) {
    this.pool = pool;
    this.postgresql = postgresql;
  }

  /**
   * Opens (creating if needed) the embedded database in {@code dataDir}, checks it with SQLite's
   * quick_check and migrates it.
   *
   * @throws UnusableDatabaseException when the file is corrupt or not a database
   */
  public static Database openEmbedded(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("tastemaker-sqlite");
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    config.setJdbcUrl("jdbc:sqlite:" + file);
    // WAL keeps readers off the writer's back; FULL sync makes every commit survive a crash.
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", "FULL");
    config.addDataSourceProperty("busy_timeout", "30000");
    // Deleted rows are overwritten with zeros, so a data deletion job leaves nothing of a user in the file.
    config.addDataSourceProperty("secure_delete", "true");
    // Writers take the lock when the transaction begins, so two writers never deadlock on upgrade.
    config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    config.setMaximumPoolSize(4);
    config.setAutoCommit(true);
    try {
      return open(config, false, db -> check(db, file));
    } catch (RuntimeException e) {
      if (isCorruption(e)) {
        throw unusable(file, "SQLite says: " + rootMessage(e), e);
      }
      throw e;
    }
  }

  /** Runs SQLite's quick_check, refusing a database that fails it, and logs how long it took. */
  private static void check(Database db, Path file) {
    IntegrityCheck.Result result = db.read(tx -> IntegrityCheck.run(tx.connection()));
    if (!result.sound()) {
      throw unusable(file, "SQLite's quick_check reports: " + String.join("; ", result.problems()), null);
    }
    LOG.info("{} ({} MB) passed SQLite's quick_check in {} s", file, String.format("%.1f", sizeOf(file) / 1e6), String.format("%.2f", result.seconds()));
  }

  private static UnusableDatabaseException unusable(Path file, String detail, Throwable cause) {
    return new UnusableDatabaseException(
        "The database " + file + " is corrupt (" + detail + "). Tastemaker will not run on it. Stop here and restore tastemaker.db"
            + " and objects/ together from a backup (see 'Backup and restore' in the README); the file is left as it is.",
        cause);
  }

  private static boolean isCorruption(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && ((sql.getErrorCode() & 0xFF) == SQLITE_CORRUPT || (sql.getErrorCode() & 0xFF) == SQLITE_NOTADB)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Opens a PostgreSQL database and migrates it. SQLite's quick_check has no counterpart to run: the
   * server checks its own pages (with data checksums, if the cluster has them) as it reads them.
   */
  public static Database openPostgresql(DatabaseLocation location) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("tastemaker-postgresql");
    config.setJdbcUrl(location.jdbcUrl().orElseThrow(() -> new IllegalArgumentException("no PostgreSQL URL")));
    location.user().ifPresent(config::setUsername);
    location.password().ifPresent(config::setPassword);
    // As SQLite's busy_timeout: a writer waits at most 30 s for the writer lock, then fails.
    config.setConnectionInitSql("SET lock_timeout = '30s'");
    config.setMaximumPoolSize(16);
    config.setAutoCommit(true);
    return open(config, true, db -> warnOfCollation(db, location));
  }

  /**
   * Lists order names and ARNs by their text (ties of equal creation times, tag keys, page tokens);
   * SQLite compares bytes, PostgreSQL the database's collation, which for a language locale puts
   * {@code a-b} and {@code ab} in another order. Nothing breaks (a page token is compared in the same
   * collation that ordered it), but only the C collation lists exactly as the embedded database does.
   */
  private static void warnOfCollation(Database db, DatabaseLocation location) {
    String collation = db.read(tx -> {
      try (java.sql.Statement s = tx.connection().createStatement();
          java.sql.ResultSet rs = s.executeQuery("SELECT datcollate FROM pg_database WHERE datname = current_database()")) {
        return rs.next() ? rs.getString(1) : "C";
      }
    });
    if (!collation.equals("C") && !collation.equals("POSIX")) {
      LOG.warn("{} uses the collation {}: lists with equal creation times and tags order their names in it, not byte by byte as with SQLite;"
          + " create the database with --locale=C (createdb --locale=C --template=template0) for the same order", location.describe(), collation);
    }
  }

  /** Whether this is a PostgreSQL database rather than the embedded SQLite file. */
  public boolean isPostgresql() {
    return postgresql;
  }

  private static Database open(HikariConfig config, boolean postgresql, Consumer<Database> check) {
    Database db = new Database(new HikariDataSource(config), postgresql);
    try {
      check.accept(db);
      db.write(Migrations::apply);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return db;
  }

  /** Runs read-only work on a connection of the pool. */
  public <T> T read(SqlWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      return work.run(new Transaction(connection));
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Runs work in one transaction: all of it commits, or none of it. */
  public <T> T write(SqlWork<T> work) {
    Transaction tx;
    T result;
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      tx = new Transaction(connection);
      try {
        if (postgresql) {
          try (java.sql.PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, WRITER_LOCK);
            lock.execute();
          }
        }
        SqlWork<?> guard = writeGuard.get();
        if (guard != null) {
          guard.run(tx);
        }
        result = work.run(tx);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        // A failed cleanup must not hide why the work failed (SQLITE_FULL, say). After SQLITE_FULL
        // SQLite has rolled back by itself and the driver no longer knows the connection's state,
        // so that connection is closed rather than handed to the next writer.
        try {
          connection.rollback();
          connection.setAutoCommit(true);
        } catch (SQLException cleanup) {
          e.addSuppressed(cleanup);
          pool.evictConnection(connection);
        }
        throw e;
      }
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    tx.committed();
    return result;
  }

  /**
   * Makes every later write of this thread run {@code check} first, in its transaction, until
   * {@link #unguardWrites}: a job's writes check that its replica still holds its lease, so a replica
   * that lost it writes nothing over the new owner's (the check throws, the transaction rolls back).
   */
  public void guardWrites(SqlWork<?> check) {
    writeGuard.set(check);
  }

  /** Ends {@link #guardWrites} for this thread. */
  public void unguardWrites() {
    writeGuard.remove();
  }

  /**
   * Moves what the write-ahead log holds into the database file and empties the log, so that rows
   * deleted (and zeroed, with {@code secure_delete}) are gone from both files. Retries while readers
   * hold old snapshots; returns whether the log was emptied.
   *
   * <p>PostgreSQL has no such step to take: its WAL is recycled by its own checkpoints and deleted
   * rows go when VACUUM (autovacuum) reclaims their space, which an operator schedules, not a request.
   */
  public boolean checkpoint() {
    if (postgresql) {
      return true;
    }
    for (int attempt = 0; attempt < 50; attempt++) {
      try (Connection connection = pool.getConnection()) {
        try (java.sql.Statement s = connection.createStatement();
            java.sql.ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
          if (rs.next() && rs.getInt(1) == 0) {
            return true;
          }
        }
        Thread.sleep(100);
      } catch (SQLException e) {
        throw new StoreException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  @Override
  public void close() {
    pool.close();
  }
}
