package io.tastemaker.server.store;

import java.sql.SQLException;

/** A database failure that callers cannot correct. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** Whether the failure is a unique-key violation. */
  public static boolean isUniqueViolation(SQLException e) {
    // SQLite reports SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY (2067/1555), PostgreSQL SQLState 23505.
    return "23505".equals(e.getSQLState()) || e.getErrorCode() == 19 || e.getErrorCode() == 2067 || e.getErrorCode() == 1555
        || String.valueOf(e.getMessage()).contains("UNIQUE constraint failed");
  }
}
