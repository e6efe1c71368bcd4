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
 * Verifies AWS Signature Version 4, in an {@code Authorization} header or in the query string of a
 * presigned request, against a {@link CredentialStore}, as strictly as AWS does.
 *
 * <p>All three Personalize APIs sign with the service name {@code personalize}, and the credential
 * must be scoped to this server's region. The body is always covered: the payload hash of the
 * canonical request is the SHA-256 of the body as received, whatever {@code X-Amz-Content-Sha256}
 * claims ({@code UNSIGNED-PAYLOAD} is an S3 feature these services do not have), so a body changed
 * after signing fails the signature. A header-signed request's time ({@code X-Amz-Date}, or {@code
 * Date}) may be at most 15 minutes away from this server's clock; a presigned one is valid from 15
 * minutes before its {@code X-Amz-Date} until {@code X-Amz-Expires} seconds after it (1 to 604800;
 * 15 minutes when absent). This server issues no session credentials, so any {@code
 * X-Amz-Security-Token} is unknown and refused as AWS refuses an invalid one.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create
 *     a signed AWS API request</a>
 */
public final class SigV4Verifier {
  /** The SigV4 signing name of the control plane, the runtime and the events API alike. */
  public static final String SERVICE = "personalize";

  private static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final String SECURITY_TOKEN = "X-Amz-Security-Token";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
          .withResolverStyle(ResolverStyle.STRICT)
          .withZone(ZoneOffset.UTC);

  private final CredentialStore credentials;
  private final String region;
  private final Clock clock;

  /** What a signature claims, wherever it travelled. */
  private record Claim(
      CredentialScope credential, Instant signedAt, Duration validity, List<String> signedHeaders, String signature, boolean presigned) {}

  /**
   * A verifier of requests signed with the keys in {@code credentials} for {@code region}, judging
   * time by {@code clock}.
   */
  public SigV4Verifier(CredentialStore credentials, String region, Clock clock) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.region = Objects.requireNonNull(region, "region");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks a request's signature.
   *
   * @return the access key id that signed the request
   * @throws AuthException if the request is unsigned, badly signed, signed by an unknown key, for
   *     another region or service, outside its time window, or carries a session token
   */
  public String verify(SignedRequest request) {
    List<String> authorizations = request.header("authorization");
    boolean presigned = PresignedQuery.isPresigned(request.rawQuery());
    if (!authorizations.isEmpty() && presigned) {
      throw new AuthException(
          AuthFailure.INVALID_SIGNATURE,
          "Found both '" + PresignedQuery.ALGORITHM + "' as a query-string param and 'Authorization' as HTTP header.");
    }
    if (authorizations.isEmpty() && !presigned) {
      throw new AuthException(AuthFailure.MISSING_AUTHENTICATION_TOKEN);
    }
    Claim claim = presigned ? presignedClaim(request) : headerClaim(request, authorizations);
    checkTime(claim);
    if (!claim.signedHeaders().contains("host")) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    String amzDate = AMZ_DATE.format(claim.signedAt());
    CredentialScope credential = claim.credential();
    credential.check(region, SERVICE, amzDate);
    String secret =
        credentials.secretFor(credential.accessKeyId()).orElseThrow(() -> new AuthException(AuthFailure.UNRECOGNIZED_CLIENT));

    String canonicalRequest =
        CanonicalRequest.of(request, claim.signedHeaders(), SigV4Crypto.sha256Hex(request.body()), claim.presigned());
    String stringToSign = SigV4Crypto.stringToSign(amzDate, credential.scope(), canonicalRequest);
    byte[] signingKey = SigV4Crypto.signingKey(secret, credential.date(), credential.region(), credential.service());
    String expected = SigV4Crypto.signature(signingKey, stringToSign);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), claim.signature().getBytes(StandardCharsets.UTF_8))) {
      // AWS shows what it signed, which is what makes a mismatch (an unsigned payload, a proxy's
      // rewrite) findable; none of it is secret.
      throw new AuthException(
          AuthFailure.INVALID_SIGNATURE,
          AuthFailure.INVALID_SIGNATURE.defaultMessage()
              + "\n\nThe Canonical String for this request should have been\n'"
              + canonicalRequest
              + "'\n\nThe String-to-Sign should have been\n'"
              + stringToSign
              + "'\n");
    }
    if (!request.header(SECURITY_TOKEN).isEmpty() || PresignedQuery.hasParameter(request.rawQuery(), SECURITY_TOKEN)) {
      throw new AuthException(AuthFailure.UNRECOGNIZED_CLIENT);
    }
    return credential.accessKeyId();
  }

  private static Claim headerClaim(SignedRequest request, List<String> authorizations) {
    if (authorizations.size() > 1) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, "The request has more than one Authorization header.");
    }
    String authorization = authorizations.get(0);
    AuthorizationHeader header = AuthorizationHeader.parse(authorization);
    return new Claim(
        header.credential(), requestTime(request, authorization), MAX_SKEW, header.signedHeaders(), header.signature(), false);
  }

  private static Claim presignedClaim(SignedRequest request) {
    PresignedQuery query = PresignedQuery.parse(request.rawQuery());
    return new Claim(
        query.credential(), amzDate(query.amzDate()), query.expires().orElse(MAX_SKEW), query.signedHeaders(), query.signature(), true);
  }

  /** The request time from {@code X-Amz-Date}, which wins, or {@code Date}. */
  private static Instant requestTime(SignedRequest request, String authorization) {
    List<String> amzDate = request.header("x-amz-date");
    if (!amzDate.isEmpty()) {
      return amzDate(amzDate.get(0));
    }
    List<String> date = request.header("date");
    if (!date.isEmpty()) {
      String value = date.get(0).strip();
      try {
        return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw new AuthException(
            AuthFailure.INCOMPLETE_SIGNATURE,
            String.format("Date must be an RFC 1123 date such as 'Sun, 30 Aug 2015 12:36:00 GMT'. Got '%s'.", value));
      }
    }
    throw new AuthException(
        AuthFailure.INCOMPLETE_SIGNATURE,
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + authorization);
  }

  private static Instant amzDate(String text) {
    String value = text.strip();
    try {
      return LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new AuthException(
          AuthFailure.INCOMPLETE_SIGNATURE,
          String.format("Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", value));
    }
  }

  /**
   * A signature is current from 15 minutes before its time (clocks differ) until its validity after
   * it: 15 minutes for a header, {@code X-Amz-Expires} for a presigned request.
   */
  private void checkTime(Claim claim) {
    Instant signedAt = claim.signedAt();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant earliest = now.minus(claim.validity());
    Instant latest = now.plus(MAX_SKEW);
    if (signedAt.isBefore(earliest)) {
      throw new AuthException(
          AuthFailure.SIGNATURE_EXPIRED,
          String.format(
              "Signature expired: %s is now earlier than %s (%s - %s.)",
              AMZ_DATE.format(signedAt), AMZ_DATE.format(earliest), AMZ_DATE.format(now), window(claim.validity())));
    }
    if (signedAt.isAfter(latest)) {
      throw new AuthException(
          AuthFailure.SIGNATURE_EXPIRED,
          String.format(
              "Signature not yet current: %s is still later than %s (%s + 15 min.)",
              AMZ_DATE.format(signedAt), AMZ_DATE.format(latest), AMZ_DATE.format(now)));
    }
  }

  /** A validity the way AWS's messages write the 15 minutes: "15 min", or else "600 sec". */
  private static String window(Duration validity) {
    return validity.equals(MAX_SKEW) ? "15 min" : validity.toSeconds() + " sec";
  }
}
