package io.tastemaker.server.http;

import java.util.List;
import java.util.Map;

/** Decides whether a request may be served; throws {@link AuthRejection} when it may not. */
@FunctionalInterface
public interface Authenticator {
  /** Lets every request through: for servers without configured access keys. */
  Authenticator OPEN = (method, path, query, headers, body) -> {};

  /**
   * Checks a request's credentials.
   *
   * @param rawPath the path as received, still percent-encoded
   * @param headers header values by lower-case name
   */
  void authenticate(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body);
}
