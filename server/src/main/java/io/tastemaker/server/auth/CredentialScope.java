package io.tastemaker.server.auth;

import java.util.List;

/**
 * The {@code Credential} of a SigV4 signature: {@code ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request}.
 *
 * @param accessKeyId the key that signed
 * @param date the day the signing key was derived for, {@code YYYYMMDD}
 * @param region the region the signing key was derived for
 * @param service the service the signing key was derived for
 * @param terminator the last element, {@code aws4_request} when well formed
 */
record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {

  /** The scope as it enters the string to sign: {@code YYYYMMDD/REGION/SERVICE/TERMINATOR}. */
  String scope() {
    return date + '/' + region + '/' + service + '/' + terminator;
  }

  /**
   * Splits a credential into its five elements.
   *
   * @throws AuthException {@link AuthFailure#INCOMPLETE_SIGNATURE} unless there are five non-empty ones
   */
  static CredentialScope parse(String credential) {
    String[] parts = credential.split("/", -1);
    if (parts.length != 5 || List.of(parts).contains("")) {
      throw new AuthException(
          AuthFailure.INCOMPLETE_SIGNATURE,
          "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
              + credential
              + "'");
    }
    return new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
  }

  /**
   * Checks the scope against this server and the request's time, reporting every mismatch in one
   * message as AWS does.
   *
   * @param amzDate the request time in ISO-8601 basic format, whose day the scope must name
   * @throws AuthException {@link AuthFailure#INVALID_SIGNATURE} when any element is wrong
   */
  void check(String expectedRegion, String expectedService, String amzDate) {
    StringBuilder problems = new StringBuilder();
    if (!region.equals(expectedRegion)) {
      problems.append("Credential should be scoped to a valid region, not '").append(region).append("'. ");
    }
    if (!service.equals(expectedService)) {
      problems.append("Credential should be scoped to correct service: '").append(expectedService).append("'. ");
    }
    if (!terminator.equals(SigV4Crypto.TERMINATOR)) {
      problems
          .append("Credential should be scoped with a valid terminator: '")
          .append(SigV4Crypto.TERMINATOR)
          .append("', not '")
          .append(terminator)
          .append("'. ");
    }
    String requestDay = amzDate.substring(0, 8);
    if (!date.equals(requestDay)) {
      problems
          .append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
          .append(date)
          .append("' != '")
          .append(requestDay)
          .append("', from '")
          .append(amzDate)
          .append("'.");
    }
    if (problems.length() > 0) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE, problems.toString());
    }
  }
}
