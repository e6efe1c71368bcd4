package io.tastemaker.server.jobs;

/** A job that cannot finish, with the reason shown to users in {@code failureReason}. */
public final class JobFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public JobFailure(String reason) {
    super(reason);
  }

  public JobFailure(String reason, Throwable cause) {
    super(reason, cause);
  }
}
