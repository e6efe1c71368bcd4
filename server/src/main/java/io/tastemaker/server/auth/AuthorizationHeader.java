package io.tastemaker.server.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a SigV4 {@code Authorization} header: {@code AWS4-HMAC-SHA256
 * Credential=AKID/yyyymmdd/region/service/aws4_request, SignedHeaders=a;b;c, Signature=hex}.
 */
record AuthorizationHeader(CredentialScope credential, List<String> signedHeaders, String signature) {

  AuthorizationHeader {
    signedHeaders = List.copyOf(signedHeaders);
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
          "Unsupported AWS 'algorithm': '%s' (only %s for now). ", algorithm, SigV4Crypto.ALGORITHM);
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

    CredentialScope credential = CredentialScope.parse(parameters.get("Credential"));
    List<String> signedHeaders = signedHeaders(parameters.get("SignedHeaders"), "SignedHeaders");
    return new AuthorizationHeader(credential, signedHeaders, parameters.get("Signature"));
  }

  /**
   * The header names of a {@code SignedHeaders} list, {@code a;b;c}.
   *
   * @param parameter the name the list was given under, for the message
   */
  static List<String> signedHeaders(String list, String parameter) {
    List<String> names = new ArrayList<>();
    for (String name : list.split(";", -1)) {
      if (name.isEmpty()) {
        throw incomplete("%s has an empty header name: '%s'.", parameter, list);
      }
      names.add(name);
    }
    return names;
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
