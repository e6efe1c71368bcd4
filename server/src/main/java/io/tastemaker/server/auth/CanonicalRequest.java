package io.tastemaker.server.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical request of AWS Signature Version 4, rebuilt from a request as it arrived.
 *
 * <p>Follows the rules AWS applies to every service but S3: the path has its dot segments and
 * repeated slashes removed and is percent-encoded a second time; query names and values are decoded
 * and re-encoded strictly (RFC 3986 unreserved characters kept) and sorted.
 */
final class CanonicalRequest {
  /** The query parameter a presigned request carries its signature in. */
  static final String SIGNATURE_PARAMETER = "X-Amz-Signature";

  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private CanonicalRequest() {}

  /**
   * The canonical request string covering the given signed headers and payload hash.
   *
   * @param presigned whether the signature travels in the query, which then leaves out its {@value
   *     #SIGNATURE_PARAMETER} parameter
   */
  static String of(SignedRequest request, List<String> signedHeaders, String payloadHash, boolean presigned) {
    return request.method()
        + '\n'
        + uri(request.rawPath())
        + '\n'
        + query(request.rawQuery(), presigned ? Optional.of(SIGNATURE_PARAMETER) : Optional.empty())
        + '\n'
        + headers(request, signedHeaders)
        + '\n'
        + String.join(";", signedHeaders)
        + '\n'
        + payloadHash;
  }

  /** The canonical URI of a raw, percent-encoded path. */
  static String uri(String rawPath) {
    // RFC 3986 dot-segment removal plus dropping empty segments, as botocore does; the SDK for Java
    // agrees except for a ".." above the root, which it keeps and no real route contains.
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : rawPath.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    if (segments.isEmpty()) {
      return "/";
    }
    StringBuilder uri = new StringBuilder(rawPath.length() + 16);
    for (String segment : segments) {
      uri.append('/');
      encode(segment.getBytes(StandardCharsets.UTF_8), uri);
    }
    if (rawPath.endsWith("/")) {
      uri.append('/');
    }
    return uri.toString();
  }

  /** The canonical query string of a raw query string (without the {@code ?}). */
  static String query(String rawQuery) {
    return query(rawQuery, Optional.empty());
  }

  /** The canonical query string, without the parameters of the excluded (decoded) name. */
  static String query(String rawQuery, Optional<String> excluded) {
    List<Parameter> parameters = new ArrayList<>();
    for (String[] pair : rawPairs(rawQuery)) {
      String name = reencode(pair[0]);
      if (excluded.isEmpty() || !decodedText(pair[0]).equals(excluded.get())) {
        parameters.add(new Parameter(name, reencode(pair[1])));
      }
    }
    parameters.sort(Comparator.comparing(Parameter::name).thenComparing(Parameter::value));
    StringBuilder query = new StringBuilder(rawQuery.length() + 16);
    for (Parameter parameter : parameters) {
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(parameter.name()).append('=').append(parameter.value());
    }
    return query.toString();
  }

  /**
   * The canonical headers block: one {@code name:values} line per signed header, in the given
   * order.
   */
  static String headers(SignedRequest request, List<String> signedHeaders) {
    StringBuilder block = new StringBuilder(512);
    for (String name : signedHeaders) {
      block.append(name).append(':');
      List<String> values = request.header(name);
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          block.append(',');
        }
        appendTrimmed(values.get(i), block);
      }
      block.append('\n');
    }
    return block.toString();
  }

  /**
   * Appends a header value without leading or trailing whitespace and with inner runs collapsed.
   */
  private static void appendTrimmed(String value, StringBuilder out) {
    boolean pendingSpace = false;
    boolean started = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isWhitespace(c)) {
        pendingSpace = started;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
        started = true;
      }
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
  }

  /** The parameters of a raw query string, names and values percent-decoded, in their order. */
  static List<Map.Entry<String, String>> decodedParameters(String rawQuery) {
    List<Map.Entry<String, String>> parameters = new ArrayList<>();
    for (String[] pair : rawPairs(rawQuery)) {
      parameters.add(Map.entry(decodedText(pair[0]), decodedText(pair[1])));
    }
    return parameters;
  }

  /** The raw name and value of each parameter; nameless ones left out, as the SDK for Java does (so "&&" is harmless too). */
  private static List<String[]> rawPairs(String rawQuery) {
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (!name.isEmpty()) {
        pairs.add(new String[] {name, equals < 0 ? "" : pair.substring(equals + 1)});
      }
    }
    return pairs;
  }

  private static String decodedText(String raw) {
    return new String(decode(raw), StandardCharsets.UTF_8);
  }

  /** Percent-decodes (leaving malformed escapes and '+' as they are) and encodes strictly again. */
  private static String reencode(String raw) {
    StringBuilder encoded = new StringBuilder(raw.length() + 8);
    encode(decode(raw), encoded);
    return encoded.toString();
  }

  /** The bytes of a percent-encoded string; malformed escapes and '+' stay as they are. */
  private static byte[] decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%'
          && i + 2 < raw.length()
          && isHex(raw.charAt(i + 1))
          && isHex(raw.charAt(i + 2))) {
        bytes.write(
            Character.digit(raw.charAt(i + 1), 16) << 4 | Character.digit(raw.charAt(i + 2), 16));
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
        bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    return bytes.toByteArray();
  }

  /** Percent-encodes every byte but the RFC 3986 unreserved characters, with upper-case hex. */
  private static void encode(byte[] bytes, StringBuilder out) {
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xf]);
      }
    }
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private record Parameter(String name, String value) {}
}
