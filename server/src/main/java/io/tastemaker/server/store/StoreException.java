package io.tastemaker.server.store;

import java.sql.SQLException;

/** A database failure that callers cannot correct. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }
}
