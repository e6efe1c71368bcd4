package io.tastemaker.server.auth;

import java.util.Objects;

/** A request that failed authentication, with the AWS error to answer it with. */
public final class AuthException extends RuntimeException {
  private final AuthFailure failure;

  /** A failure with the failure's default message. */
  public AuthException(AuthFailure failure) {
    this(failure, failure.defaultMessage());
  }

  /** A failure with a message for the client; it must never contain a secret. */
  public AuthException(AuthFailure failure, String message) {
    // No stack trace: rejected requests are routine client errors, and the trace would only cost.
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** What kind of failure this is. */
  public AuthFailure failure() {
    return failure;
  }
}
