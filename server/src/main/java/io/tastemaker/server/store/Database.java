package io.tastemaker.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The metadata database: an embedded SQLite file by default, PostgreSQL by configuration.
 *
 * <p>Work runs in short transactions through {@link #read} and {@link #write}; the schema is brought
 * up to date by {@link Migrations} when the database opens.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens (creating if needed) the embedded database in {@code dataDir} and migrates it. */
  public static Database openEmbedded(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("tastemaker-sqlite");
    config.setJdbcUrl("jdbc:sqlite:" + dataDir.resolve("tastemaker.db").toAbsolutePath());
    // WAL keeps readers off the writer's back; FULL sync makes every commit survive a crash.
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", "FULL");
    config.addDataSourceProperty("busy_timeout", "30000");
    // Writers take the lock when the transaction begins, so two writers never deadlock on upgrade.
    config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    config.setMaximumPoolSize(4);
    config.setAutoCommit(true);
    return open(config);
  }

  /** Opens a database server by JDBC URL, such as {@code jdbc:postgresql://host/db}. */
  public static Database openUrl(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("tastemaker-db");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(16);
    return open(config);
  }

  private static Database open(HikariConfig config) {
    Database db = new Database(new HikariDataSource(config));
    try {
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

  @Override
  public void close() {
    pool.close();
  }
}
