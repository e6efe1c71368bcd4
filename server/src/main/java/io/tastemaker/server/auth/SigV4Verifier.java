package io.tastemaker.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 4 {@code Authorization} headers against a {@link CredentialStore}.
 *
 * <p>All three Personalize APIs sign with the service name {@code personalize}; any region is
 * accepted. The request time comes from {@code X-Amz-Date} (or {@code Date}) and may be at most 15
 * minutes away from this server's clock. {@code X-Amz-Security-Token} is ignored unless it is
 * signed, since this server issues no session credentials. Query-string (presigned) authentication
 * is not supported.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create
 *     a signed AWS API request</a>
 */
public final class SigV4Verifier {
  /** The SigV4 signing name of the control plane, the runtime and the events API alike. */
  public static final String SERVICE = "personalize";

  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
          .withResolverStyle(ResolverStyle.STRICT)
          .withZone(ZoneOffset.UTC);

  private final CredentialStore credentials;
  private final Clock clock;

  /**
   * A verifier of requests signed with the keys in {@code credentials}, judging time by {@code
   * clock}.
   */
  public SigV4Verifier(CredentialStore credentials, Clock clock) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks a request's signature.
   *
   * @return the access key id that signed the request
   * @throws AuthException if the request is unsigned, badly signed, signed by an unknown key or
   *     signed more than 15 minutes away from now
   */
  public String verify(SignedRequest request) {
    List<String> authorizations = request.header("authorization");
    if (authorizations.isEmpty()) {
      throw new AuthException(AuthFailure.MISSING_AUTHENTICATION_TOKEN);
    }
    if (authorizations.size() > 1) {
      throw new AuthException(
          AuthFailure.INCOMPLETE_SIGNATURE, "The request has more than one Authorization header.");
    }
    String authorization = authorizations.get(0);
    AuthorizationHeader header = AuthorizationHeader.parse(authorization);
    if (!header.signedHeaders().contains("host")) {
      throw new AuthException(
          AuthFailure.INCOMPLETE_SIGNATURE,
          "'Host' must be a 'SignedHeader' in the AWS Authorization. Authorization="
              + authorization);
    }
    Instant requestTime = requestTime(request, authorization);
    String secret =
        credentials
            .secretFor(header.accessKeyId())
            .orElseThrow(() -> new AuthException(AuthFailure.UNRECOGNIZED_CLIENT));
    checkSkew(requestTime);

    String amzDate = AMZ_DATE.format(requestTime);
    checkScope(header, amzDate);

    String canonicalRequest =
        CanonicalRequest.of(request, header.signedHeaders(), payloadHash(request));
    String stringToSign = SigV4Crypto.stringToSign(amzDate, header.scope(), canonicalRequest);
    byte[] signingKey =
        SigV4Crypto.signingKey(secret, header.date(), header.region(), header.service());
    String expected = SigV4Crypto.signature(signingKey, stringToSign);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8),
        header.signature().getBytes(StandardCharsets.UTF_8))) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE);
    }
    return header.accessKeyId();
  }

  /** The credential must be scoped to the request's day and to {@value #SERVICE}. */
  private static void checkScope(AuthorizationHeader header, String amzDate) {
    String requestDay = amzDate.substring(0, 8);
    if (!header.date().equals(requestDay)) {
      throw new AuthException(
          AuthFailure.INVALID_SIGNATURE,
          String.format(
              "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
                  + " HTTP: '%s' != '%s', from '%s'.",
              header.date(), requestDay, amzDate));
    }
    if (!header.service().equals(SERVICE)) {
      throw new AuthException(
          AuthFailure.INVALID_SIGNATURE,
          "Credential should be scoped to correct service: '" + SERVICE + "'. ");
    }
  }

  /** The request time from {@code X-Amz-Date}, which wins, or {@code Date}. */
  private static Instant requestTime(SignedRequest request, String authorization) {
    List<String> amzDate = request.header("x-amz-date");
    if (!amzDate.isEmpty()) {
      String value = amzDate.get(0).strip();
      try {
        return LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new AuthException(
            AuthFailure.INCOMPLETE_SIGNATURE,
            String.format(
                "Date must be in ISO-8601 'basic format'. Got '%s'."
                    + " See http://en.wikipedia.org/wiki/ISO_8601",
                value));
      }
    }
    List<String> date = request.header("date");
    if (!date.isEmpty()) {
      String value = date.get(0).strip();
      try {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw new AuthException(
            AuthFailure.INCOMPLETE_SIGNATURE,
            String.format(
                "Date must be an RFC 1123 date such as 'Sun, 30 Aug 2015 12:36:00 GMT'. Got '%s'.",
                value));
      }
    }
    throw new AuthException(
        AuthFailure.INCOMPLETE_SIGNATURE,
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
            + " Authorization="
            + authorization);
  }

  private void checkSkew(Instant requestTime) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant earliest = now.minus(MAX_SKEW);
    Instant latest = now.plus(MAX_SKEW);
    if (requestTime.isBefore(earliest)) {
      throw new AuthException(
          AuthFailure.SIGNATURE_EXPIRED,
          String.format(
              "Signature expired: %s is now earlier than %s (%s - 15 min.)",
              AMZ_DATE.format(requestTime), AMZ_DATE.format(earliest), AMZ_DATE.format(now)));
    }
    if (requestTime.isAfter(latest)) {
      throw new AuthException(
          AuthFailure.SIGNATURE_EXPIRED,
          String.format(
              "Signature not yet current: %s is still later than %s (%s + 15 min.)",
              AMZ_DATE.format(requestTime), AMZ_DATE.format(latest), AMZ_DATE.format(now)));
    }
  }

  /** The payload line of the canonical request, after checking any claimed body hash. */
  private static String payloadHash(SignedRequest request) {
    List<String> claimed = request.header("x-amz-content-sha256");
    if (claimed.size() == 1 && claimed.get(0).strip().equals(UNSIGNED_PAYLOAD)) {
      return UNSIGNED_PAYLOAD;
    }
    String actual = SigV4Crypto.sha256Hex(request.body());
    if (!claimed.isEmpty() && !String.join(",", claimed).strip().equals(actual)) {
      throw new AuthException(
          AuthFailure.INVALID_SIGNATURE,
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    return actual;
  }
}
