package io.tastemaker.server.jobs;

/** A job's replica no longer holds its lease: the job stops, and its writes are refused. */
public final class LeaseLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LeaseLostException(String message) {
    super(message);
  }
}
