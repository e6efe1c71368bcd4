package io.tastemaker.server.datadir;

/** A data directory whose database and objects do not belong together, refused before anything changed. */
public final class DataDirectoryMismatch extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DataDirectoryMismatch(String message) {
    super(message);
  }
}
