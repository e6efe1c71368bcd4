package io.tastemaker.server.auth;

/**
 * Why a request was not authenticated, as the AWS error code the client expects.
 *
 * <p>The HTTP status depends on the protocol, not on the failure: AWS's awsJson services (the
 * control plane's kind) answer every one of these with 400, its restJson services (runtime and
 * events) with 403.
 */
public enum AuthFailure {
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", "Missing Authentication Token"),
  INCOMPLETE_SIGNATURE(
      "IncompleteSignatureException",
      "Authorization header requires 'Credential' parameter. Authorization header requires"
          + " 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."),
  UNRECOGNIZED_CLIENT("UnrecognizedClientException", "The security token included in the request is invalid."),
  INVALID_SIGNATURE(
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details."),
  SIGNATURE_EXPIRED(
      "InvalidSignatureException",
      "Signature expired: the request time is more than 15 minutes away from the server time.");

  /** The HTTP status of every authentication failure under awsJson1_1, as DynamoDB, ECS and Cognito answer. */
  public static final int CONTROL_PLANE_STATUS = 400;
  /** The HTTP status of every authentication failure under restJson1, as Lambda and API Gateway answer. */
  public static final int REST_STATUS = 403;

  private final String code;
  private final String defaultMessage;

  AuthFailure(String code, String defaultMessage) {
    this.code = code;
    this.defaultMessage = defaultMessage;
  }

  /** The AWS error code, sent as {@code __type} or {@code X-Amzn-ErrorType}. */
  public String code() {
    return code;
  }

  /** The message AWS sends when there is nothing more specific to say. */
  public String defaultMessage() {
    return defaultMessage;
  }
}
