package io.tastemaker.server.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a SigV4 {@code Authorization} header: {@code AWS4-HMAC-SHA256
 * Credential=AKID/yyyymmdd/region/service/aws4_request, SignedHeaders=a;b;c, Signature=hex}.
 */
record AuthorizationHeader(
    String accessKeyId,
    String date,
    String region,
    String service,
    List<String> signedHeaders,
    String signature) {

  AuthorizationHeader {
    signedHeaders = List.copyOf(signedHeaders);
  }

  /** The credential scope: {@code yyyymmdd/region/service/aws4_request}. */
  String scope() {
    return date + '/' + region + '/' + service + '/' + SigV4Crypto.TERMINATOR;
  }

  /**
   * Parses a header value.
   *
   * @throws AuthException {@link AuthFailure#INCOMPLETE_SIGNATURE} when a part is missing or
   *     malformed
   */
  static AuthorizationHeader parse(String header) {
    String value = header.strip();
    int space = indexOfWhitespace(value);
    String algorithm = space < 0 ? value : value.substring(0, space);
    if (!algorithm.equals(SigV4Crypto.ALGORITHM)) {
      throw incomplete(
          "Unsupported authorization type '%s': only %s is accepted. Authorization=%s",
          algorithm, SigV4Crypto.ALGORITHM, header);
    }
    Map<String, String> parameters = new HashMap<>();
    String rest = space < 0 ? "" : value.substring(space + 1);
    for (String part : rest.split(",")) {
      String pair = part.strip();
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw incomplete(
            "'%s' not a valid key=value pair (missing equal-sign) in Authorization header: '%s'.",
            pair, header);
      }
      String name = pair.substring(0, equals).strip();
      if (parameters.putIfAbsent(name, pair.substring(equals + 1).strip()) != null) {
        throw incomplete(
            "Authorization header has '%s' more than once. Authorization=%s", name, header);
      }
    }

    StringBuilder missing = new StringBuilder();
    for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
      if (parameters.getOrDefault(required, "").isEmpty()) {
        missing.append("Authorization header requires '").append(required).append("' parameter. ");
      }
    }
    if (missing.length() > 0) {
      throw incomplete("%sAuthorization=%s", missing, header);
    }

    String credential = parameters.get("Credential");
    String[] scope = credential.split("/", -1);
    if (scope.length != 5 || List.of(scope).contains("")) {
      throw incomplete(
          "Credential must have the form ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/%s, got '%s'.",
          SigV4Crypto.TERMINATOR, credential);
    }
    if (!scope[4].equals(SigV4Crypto.TERMINATOR)) {
      throw incomplete(
          "Credential should be scoped with a valid terminator: '%s', not '%s'.",
          SigV4Crypto.TERMINATOR, scope[4]);
    }

    List<String> signedHeaders = new ArrayList<>();
    for (String name : parameters.get("SignedHeaders").split(";", -1)) {
      if (name.isEmpty()) {
        throw incomplete(
            "SignedHeaders has an empty header name: '%s'.", parameters.get("SignedHeaders"));
      }
      signedHeaders.add(name);
    }
    return new AuthorizationHeader(
        scope[0], scope[1], scope[2], scope[3], signedHeaders, parameters.get("Signature"));
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static AuthException incomplete(String format, Object... args) {
    return new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, String.format(format, args));
  }
}
