package io.tastemaker.server.http;

import io.tastemaker.server.wire.ErrorType;
import io.tastemaker.server.wire.Protocol;
import java.util.UUID;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty itself raises, before or around the API handler, in the AWS error shape
 * of the API the path belongs to ({@code POST /} is the awsJson1_1 control plane, any other path is
 * answered as restJson1, with the {@code X-Amzn-ErrorType} header), instead of Jetty's HTML page.
 *
 * <p>The status stays Jetty's, with an error type that says what happened: a malformed request
 * (both Content-Length and Transfer-Encoding, a bad header, a bad request line) is a 400
 * SerializationException; a request line or headers too long are 414 RequestUriTooLongException and
 * 431 RequestHeaderFieldsTooLargeException; an HTTP/2 preface or another HTTP version is a 505
 * HttpVersionNotSupportedException. An ambiguous path such as {@code //recommendations} names no
 * operation, so it is a 404 UnknownOperationException, as any unbound path is.
 */
public final class HttpErrorHandler implements Request.Handler {
  /** The answer to one HTTP-level error. */
  record Answer(int status, String code, String message) {}

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
    String reason = request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String m ? m : "";
    HttpURI uri = request.getHttpURI();
    String path = uri == null || uri.getPath() == null ? "" : uri.getPath();
    boolean ambiguous = uri != null && uri.isAmbiguous();
    Answer answer = answer(status, reason, request.getMethod(), path, ambiguous, request.getConnectionMetaData().getHttpVersion());
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    response.getHeaders().put(ErrorHandler.ERROR_CACHE_CONTROL);
    Protocol protocol = path.equals("/") ? Protocol.AWS_JSON_1_1 : Protocol.REST_JSON_1;
    ErrorAnswer.write(response, callback, protocol, answer.code(), answer.status(), answer.message());
    return true;
  }

  /** What to answer for Jetty's status and reason. */
  static Answer answer(int status, String reason, String method, String path, boolean ambiguousPath, HttpVersion version) {
    String why = reason.isBlank() ? "" : " (" + reason + ")";
    if (ambiguousPath) {
      return new Answer(404, ErrorType.UNKNOWN_OPERATION.wireName(), "No operation is bound to " + method + " " + path + ": the path is ambiguous" + why + ".");
    }
    if (status == 426 || status == 505 || version == HttpVersion.HTTP_2) {
      return new Answer(505, "HttpVersionNotSupportedException",
          "Only HTTP/1.1 is served on this port (the AWS SDKs and CLI use it); the request came as another HTTP version" + why + ".");
    }
    return switch (status) {
      case 404, 405 -> new Answer(status, ErrorType.UNKNOWN_OPERATION.wireName(), "No operation is bound to " + method + " " + path + ".");
      case 408 -> new Answer(status, "RequestTimeoutException", "The request was not received in time" + why + ".");
      case 413 -> new Answer(status, ErrorType.REQUEST_TOO_LARGE.wireName(), "The request is too large" + why + ".");
      case 414 -> new Answer(status, "RequestUriTooLongException", "The request line is longer than the server accepts" + why + ".");
      case 415 -> new Answer(status, "UnsupportedMediaTypeException", "The request's content type is not supported" + why + ".");
      case 417 -> new Answer(status, "ExpectationFailedException", "The request's Expect header asks for something the server does not do" + why + ".");
      case 431 -> new Answer(status, "RequestHeaderFieldsTooLargeException", "The request's headers are larger than the server accepts" + why + ".");
      case 503 -> new Answer(status, "ServiceUnavailable", "The server is not ready to serve requests" + why + ".");
      default -> status >= 500
          ? new Answer(status, ErrorType.INTERNAL_FAILURE.wireName(), "The server failed to process the request.")
          : new Answer(status, ErrorType.SERIALIZATION.wireName(), "The HTTP request is malformed" + why + ".");
    };
  }
}
