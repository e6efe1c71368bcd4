package io.tastemaker.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/** Reads what every handler needs of a request: its headers by lower-case name, its bounded body, that body as JSON. */
public final class RequestParts {
  /** How many times the limit a too-long body may be to be read to its end before the refusal. */
  static final int DRAIN_FACTOR = 8;
  // Decimals are read exactly, so that 1e400 stays 1E+400 for the validator to refuse and name, instead of
  // becoming an infinity a handler would store.
  private static final ObjectReader READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private RequestParts() {}

  /** Header values by lower-case name. */
  public static Map<String, List<String>> headers(Request request) {
    Map<String, List<String>> headers = new TreeMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
    }
    return headers;
  }

  /**
   * The whole body; a RequestEntityTooLargeException when it is longer than {@code maxBytes}. A body
   * declared up to {@link #DRAIN_FACTOR} times too long is read and dropped first, so the client,
   * still sending, gets the error instead of a connection reset.
   */
  public static byte[] body(Request request, int maxBytes) {
    long declared = request.getLength();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > maxBytes) {
        if (declared <= (long) maxBytes * DRAIN_FACTOR) {
          try {
            in.skipNBytes(declared);
          } catch (IOException e) {
            // A body shorter than declared, or a client gone: the refusal stands either way.
          }
        }
        throw tooLarge(maxBytes);
      }
      // A declared length sizes the buffer exactly; a chunked body is read up to the limit.
      byte[] body = declared >= 0 ? in.readNBytes((int) declared) : in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw tooLarge(maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw new ApiException(ErrorType.SERIALIZATION, "Could not read the request body: " + e.getMessage());
    }
  }

  /**
   * The body as a JSON object; an empty body is an empty object. A SerializationException says what
   * is wrong otherwise: not JSON, trailing text, or JSON that is not an object.
   */
  public static ObjectNode json(byte[] body) {
    if (body.length == 0) {
      return Json.object();
    }
    if (!looksLikeUtf8(body)) {
      throw new ApiException(ErrorType.SERIALIZATION, "The request body must be JSON encoded as UTF-8 (RFC 8259); it starts like UTF-16 or UTF-32.");
    }
    try {
      JsonNode node = READER.readTree(body);
      if (node == null || node.isMissingNode()) {
        return Json.object();
      }
      if (!node.isObject()) {
        throw new ApiException(ErrorType.SERIALIZATION, "The request body must be a JSON object.");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorType.SERIALIZATION, "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(ErrorType.SERIALIZATION, "The request body could not be read: " + e.getMessage());
    }
  }

  /**
   * Whether a body can be UTF-8 JSON. JSON text starts with an ASCII character (or UTF-8's byte order
   * mark), so a NUL among the first bytes or a UTF-16/32 byte order mark means another encoding, which
   * the JSON parser would otherwise detect and accept.
   */
  static boolean looksLikeUtf8(byte[] body) {
    int first = body[0] & 0xFF;
    if (first == 0xFE || first == 0xFF) {
      return false;
    }
    for (int i = 0; i < Math.min(4, body.length); i++) {
      if (body[i] == 0) {
        return false;
      }
    }
    return true;
  }

  private static ApiException tooLarge(int maxBytes) {
    return new ApiException(ErrorType.REQUEST_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes.");
  }
}
