package io.tastemaker.server.wire;

/**
 * The errors Tastemaker answers with, their wire names and HTTP statuses.
 *
 * <p>The control plane (awsJson1_1) answers every modeled error with HTTP 400; runtime and events
 * (restJson1) use the status of the error shape: 404 for not found, 409 for in use.
 */
public enum ErrorType {
  INVALID_INPUT("InvalidInputException", 400, 400),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400, 404),
  RESOURCE_IN_USE("ResourceInUseException", 400, 409),
  RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 400, 400),
  LIMIT_EXCEEDED("LimitExceededException", 400, 400),
  INVALID_NEXT_TOKEN("InvalidNextTokenException", 400, 400),
  TOO_MANY_TAGS("TooManyTagsException", 400, 400),
  TOO_MANY_TAG_KEYS("TooManyTagKeysException", 400, 400),
  SERIALIZATION("SerializationException", 400, 400),
  UNKNOWN_OPERATION("UnknownOperationException", 400, 404),
  REQUEST_TOO_LARGE("RequestEntityTooLargeException", 413, 413),
  /** The server cannot take writes for now (its data directory's disk is full); reads still work. */
  SERVICE_UNAVAILABLE("ServiceUnavailableException", 503, 503),
  INTERNAL_FAILURE("InternalFailure", 500, 500);

  private final String wireName;
  private final int controlStatus;
  private final int restStatus;

  ErrorType(String wireName, int controlStatus, int restStatus) {
    this.wireName = wireName;
    this.controlStatus = controlStatus;
    this.restStatus = restStatus;
  }

  /** The error code clients see, such as {@code ResourceNotFoundException}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status under the given protocol. */
  public int status(Protocol protocol) {
    return protocol == Protocol.AWS_JSON_1_1 ? controlStatus : restStatus;
  }
}
