package io.tastemaker.server.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SigV4 parameters of a presigned request, one whose signature travels in the query string:
 * {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-Expires},
 * {@code X-Amz-SignedHeaders} and {@code X-Amz-Signature}.
 *
 * @param amzDate the signing time as sent, to be parsed like an {@code X-Amz-Date} header
 * @param expires how long the signature stays valid after {@code amzDate}; empty when the
 *     request does not say, and the usual 15 minutes apply
 */
record PresignedQuery(
    CredentialScope credential, String amzDate, Optional<Duration> expires, List<String> signedHeaders, String signature) {
  /** The parameter that marks a request as presigned. */
  static final String ALGORITHM = "X-Amz-Algorithm";
  /** The longest validity SigV4 allows: a signing key lives a week. */
  static final Duration MAX_EXPIRES = Duration.ofDays(7);

  private static final String CREDENTIAL = "X-Amz-Credential";
  private static final String DATE = "X-Amz-Date";
  private static final String EXPIRES = "X-Amz-Expires";
  private static final String SIGNED_HEADERS = "X-Amz-SignedHeaders";
  private static final List<String> REQUIRED =
      List.of(ALGORITHM, CREDENTIAL, CanonicalRequest.SIGNATURE_PARAMETER, SIGNED_HEADERS, DATE);
  private static final List<String> SINGLE =
      List.of(ALGORITHM, CREDENTIAL, CanonicalRequest.SIGNATURE_PARAMETER, SIGNED_HEADERS, DATE, EXPIRES);

  PresignedQuery {
    signedHeaders = List.copyOf(signedHeaders);
  }

  /** Whether a raw query string carries a signature, as AWS decides it: by an {@value #ALGORITHM} parameter. */
  static boolean isPresigned(String rawQuery) {
    return hasParameter(rawQuery, ALGORITHM);
  }

  /** Whether a raw query string has a parameter of this (decoded) name. */
  static boolean hasParameter(String rawQuery, String name) {
    return !rawQuery.isEmpty() && CanonicalRequest.decodedParameters(rawQuery).stream().anyMatch(p -> p.getKey().equals(name));
  }

  /**
   * Reads the signature parameters of a raw query string.
   *
   * @throws AuthException {@link AuthFailure#INCOMPLETE_SIGNATURE} when one is missing, repeated or
   *     malformed, with AWS's wording where AWS has one
   */
  static PresignedQuery parse(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> parameter : CanonicalRequest.decodedParameters(rawQuery)) {
      if (SINGLE.contains(parameter.getKey()) && values.putIfAbsent(parameter.getKey(), parameter.getValue()) != null) {
        throw incomplete("The query-string parameter '" + parameter.getKey() + "' appears more than once.");
      }
    }
    StringBuilder missing = new StringBuilder();
    for (String name : REQUIRED) {
      if (values.getOrDefault(name, "").isEmpty()) {
        missing.append("AWS query-string parameters must include '").append(name).append("'. ");
      }
    }
    if (missing.length() > 0) {
      throw incomplete(missing.append("Re-examine the query-string parameters.").toString());
    }
    String algorithm = values.get(ALGORITHM);
    if (!algorithm.equals(SigV4Crypto.ALGORITHM)) {
      throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "' (only " + SigV4Crypto.ALGORITHM + " for now). ");
    }
    return new PresignedQuery(
        CredentialScope.parse(values.get(CREDENTIAL)),
        values.get(DATE),
        Optional.ofNullable(values.get(EXPIRES)).map(PresignedQuery::expires),
        AuthorizationHeader.signedHeaders(values.get(SIGNED_HEADERS), SIGNED_HEADERS),
        values.get(CanonicalRequest.SIGNATURE_PARAMETER));
  }

  private static Duration expires(String value) {
    long seconds;
    try {
      seconds = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw incomplete("X-Amz-Expires must be a whole number of seconds, got '" + value + "'.");
    }
    if (seconds < 1 || seconds > MAX_EXPIRES.toSeconds()) {
      throw incomplete(
          "X-Amz-Expires must be between 1 and " + MAX_EXPIRES.toSeconds() + " seconds (one week), got " + seconds + ".");
    }
    return Duration.ofSeconds(seconds);
  }

  private static AuthException incomplete(String message) {
    return new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, message);
  }
}
