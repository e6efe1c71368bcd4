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

  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
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
      return open(config, db -> check(db, file));
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

  /** Opens a database server by JDBC URL, such as {@code jdbc:postgresql://host/db}. */
  public static Database openUrl(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("tastemaker-db");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(16);
    return open(config, db -> {});
  }

  private static Database open(HikariConfig config, Consumer<Database> check) {
    Database db = new Database(new HikariDataSource(config));
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
   * Moves what the write-ahead log holds into the database file and empties the log, so that rows
   * deleted (and zeroed, with {@code secure_delete}) are gone from both files. Retries while readers
   * hold old snapshots; returns whether the log was emptied. A database without a log (PostgreSQL)
   * has nothing to do.
   */
  public boolean checkpoint() {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (Connection connection = pool.getConnection()) {
        if (!connection.getMetaData().getURL().startsWith("jdbc:sqlite:")) {
          return true;
        }
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
