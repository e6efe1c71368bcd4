package io.tastemaker.server.objects;

/** A data location that cannot be read or written, with a reason for {@code failureReason}. */
public final class LocationException extends Exception {
  private static final long serialVersionUID = 1L;

  public LocationException(String message) {
    super(message);
  }

  public LocationException(String message, Throwable cause) {
    super(message, cause);
  }
}
