package io.tastemaker.server.http;

/** Hears how each API request ended: the operation (or route), the HTTP status and the time taken. */
@FunctionalInterface
public interface RequestMetrics {
  /** Records nothing. */
  RequestMetrics NONE = (operation, status, nanos) -> {};

  /**
   * @param operation the Personalize operation, or a fixed name such as "unknown" when none was found
   * @param status the HTTP status answered
   * @param nanos from the request's arrival to its answer being handed to the connection
   */
  void record(String operation, int status, long nanos);
}
