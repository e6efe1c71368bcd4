package io.tastemaker.server.wire;

import java.util.Arrays;
import java.util.Optional;

/**
 * The errors Tastemaker answers with, their wire names and HTTP statuses.
 *
 * <p>The control plane (awsJson1_1) answers every modeled error with HTTP 400; runtime and events
 * (restJson1) use the status of the error shape: 404 for not found, 409 for in use. Modeled errors
 * are the exception shapes of Personalize's service models, which each operation lists; the others
 * are protocol errors any operation of an AWS JSON service may answer (an unreadable body, an
 * unknown operation, a body too large, a server failure).
 */
public enum ErrorType {
  INVALID_INPUT("InvalidInputException", 400, 400, true),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400, 404, true),
  RESOURCE_IN_USE("ResourceInUseException", 400, 409, true),
  RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 400, 400, true),
  LIMIT_EXCEEDED("LimitExceededException", 400, 400, true),
  INVALID_NEXT_TOKEN("InvalidNextTokenException", 400, 400, true),
  TOO_MANY_TAGS("TooManyTagsException", 400, 400, true),
  TOO_MANY_TAG_KEYS("TooManyTagKeysException", 400, 400, true),
  SERIALIZATION("SerializationException", 400, 400, false),
  UNKNOWN_OPERATION("UnknownOperationException", 400, 404, false),
  REQUEST_TOO_LARGE("RequestEntityTooLargeException", 413, 413, false),
  /** The server cannot take writes for now (its data directory's disk is full); reads still work. */
  SERVICE_UNAVAILABLE("ServiceUnavailableException", 503, 503, false),
  INTERNAL_FAILURE("InternalFailure", 500, 500, false);

  private final String wireName;
  private final int controlStatus;
  private final int restStatus;
  private final boolean modeled;

  ErrorType(String wireName, int controlStatus, int restStatus, boolean modeled) {
    this.wireName = wireName;
    this.controlStatus = controlStatus;
    this.restStatus = restStatus;
    this.modeled = modeled;
  }

  /** The error code clients see, such as {@code ResourceNotFoundException}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status under the given protocol. */
  public int status(Protocol protocol) {
    return protocol == Protocol.AWS_JSON_1_1 ? controlStatus : restStatus;
  }

  /** Whether it is an exception shape of the service models, answered only by operations that list it. */
  public boolean modeled() {
    return modeled;
  }

  /** The modeled error with this shape name. */
  public static Optional<ErrorType> ofWireName(String wireName) {
    return Arrays.stream(values()).filter(t -> t.modeled && t.wireName.equals(wireName)).findFirst();
  }
}
