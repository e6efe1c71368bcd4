package io.tastemaker.server.wire;

/** An error answered to the client with its wire type and a message. */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorType type;

  public ApiException(ErrorType type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  public ErrorType type() {
    return type;
  }

  public static ApiException invalidInput(String message) {
    return new ApiException(ErrorType.INVALID_INPUT, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(ErrorType.RESOURCE_NOT_FOUND, message);
  }

  public static ApiException inUse(String message) {
    return new ApiException(ErrorType.RESOURCE_IN_USE, message);
  }

  public static ApiException alreadyExists(String message) {
    return new ApiException(ErrorType.RESOURCE_ALREADY_EXISTS, message);
  }

  public static ApiException limitExceeded(String message) {
    return new ApiException(ErrorType.LIMIT_EXCEEDED, message);
  }
}
