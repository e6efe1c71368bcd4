package io.tastemaker.server.auth;

/**
 * Why a request was not authenticated, as the AWS error code and HTTP status the client expects.
 */
public enum AuthFailure {
  MISSING_AUTHENTICATION_TOKEN(
      "MissingAuthenticationTokenException", 403, "Missing Authentication Token"),
  INCOMPLETE_SIGNATURE(
      "IncompleteSignatureException",
      400,
      "Authorization header requires 'Credential' parameter. Authorization header requires"
          + " 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."),
  UNRECOGNIZED_CLIENT(
      "UnrecognizedClientException", 403, "The security token included in the request is invalid."),
  INVALID_SIGNATURE(
      "InvalidSignatureException",
      403,
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details."),
  SIGNATURE_EXPIRED(
      "InvalidSignatureException",
      403,
      "Signature expired: the request time is more than 15 minutes away from the server time.");

  private final String code;
  private final int httpStatus;
  private final String defaultMessage;

  AuthFailure(String code, int httpStatus, String defaultMessage) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.defaultMessage = defaultMessage;
  }

  /** The AWS error code, sent as {@code __type} or {@code X-Amzn-ErrorType}. */
  public String code() {
    return code;
  }

  /** The HTTP status of the error response. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The message AWS sends when there is nothing more specific to say. */
  public String defaultMessage() {
    return defaultMessage;
  }
}
