package io.tastemaker.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.wire.Protocol;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes an error in the AWS JSON shape: {@code {"__type": CODE, "message": ...}} with the protocol's
 * content type, plus the {@code X-Amzn-ErrorType} header restJson1 clients read the code from.
 */
final class ErrorAnswer {
  private ErrorAnswer() {}

  static void write(Response response, Callback callback, Protocol protocol, String code, int status, String message) {
    ObjectNode body = Json.object();
    body.put("__type", code);
    body.put("message", message);
    if (protocol == Protocol.REST_JSON_1) {
      response.getHeaders().put("X-Amzn-ErrorType", code);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, protocol.contentType());
    response.write(true, ByteBuffer.wrap(Json.bytes(body)), callback);
  }
}
