package io.tastemaker.server.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as it arrived, before any decoding, which is what a SigV4 signature covers.
 *
 * @param method the request method, e.g. {@code POST}
 * @param rawPath the path exactly as received, still percent-encoded; may be empty
 * @param rawQuery the query string exactly as received, without the {@code ?}; empty when absent
 * @param headers every header and its values in arrival order; names are lower-cased on
 *     construction and names that differ only in case are merged
 * @param body the request body; empty when there is none
 */
public record SignedRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body) {

  public SignedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(rawQuery, "rawQuery");
    if (method.isEmpty()) {
      throw new IllegalArgumentException("method is empty");
    }
    headers = lowerCased(Objects.requireNonNull(headers, "headers"));
    body = Objects.requireNonNull(body, "body").clone();
  }

  /** The values of a header, matched case-insensitively; empty if the header is absent. */
  public List<String> header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedRequest other
        && method.equals(other.method)
        && rawPath.equals(other.rawPath)
        && rawQuery.equals(other.rawQuery)
        && headers.equals(other.headers)
        && Arrays.equals(body, other.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, rawPath, rawQuery, headers, Arrays.hashCode(body));
  }

  /** Names the headers but not their values, which include credentials. */
  @Override
  public String toString() {
    String query = rawQuery.isEmpty() ? "" : "?" + rawQuery;
    return "SignedRequest["
        + method
        + " "
        + rawPath
        + query
        + ", headers="
        + headers.keySet()
        + ", body="
        + body.length
        + " bytes]";
  }

  private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
    Map<String, List<String>> merged = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          Objects.requireNonNull(name, "header name");
          Objects.requireNonNull(values, "values of header " + name);
          merged
              .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
              .addAll(values);
        });
    Map<String, List<String>> copy = new LinkedHashMap<>();
    merged.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }
}
