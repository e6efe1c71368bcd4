package io.tastemaker.server.http;

/** A request refused for its credentials, with the AWS error code and HTTP status to answer. */
public final class AuthRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int status;

  public AuthRejection(String code, int status, String message) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }
}
