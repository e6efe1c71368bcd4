package io.tastemaker.server.http;

import io.tastemaker.server.wire.Protocol;

/** A request refused for its credentials, with the AWS error code and the HTTP status to answer under each protocol. */
public final class AuthRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int controlPlaneStatus;
  private final int restStatus;

  /** A refusal answered with the same status under both protocols. */
  public AuthRejection(String code, int status, String message) {
    this(code, status, status, message);
  }

  /**
   * @param controlPlaneStatus the status under awsJson1_1
   * @param restStatus the status under restJson1 (and on the console's endpoints)
   */
  public AuthRejection(String code, int controlPlaneStatus, int restStatus, String message) {
    super(message, null, false, false);
    this.code = code;
    this.controlPlaneStatus = controlPlaneStatus;
    this.restStatus = restStatus;
  }

  public String code() {
    return code;
  }

  /** The HTTP status under the given protocol. */
  public int status(Protocol protocol) {
    return protocol == Protocol.AWS_JSON_1_1 ? controlPlaneStatus : restStatus;
  }
}
