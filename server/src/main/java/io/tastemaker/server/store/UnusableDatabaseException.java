package io.tastemaker.server.store;

/** A database file the server must not run on (corrupt, or not a database), with what to do about it. */
public final class UnusableDatabaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnusableDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
