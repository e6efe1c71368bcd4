package io.tastemaker.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.ApiContext;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.http.AuthRejection;
import io.tastemaker.server.http.Authenticator;
import io.tastemaker.server.http.RequestParts;
import io.tastemaker.server.serving.GroupAttributes;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import io.tastemaker.server.wire.Protocol;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything under {@code /console}: the static files of the single-page console and its few JSON
 * endpoints under {@code /console/api/} (session, login, logout, items, check-filter,
 * attribution-metrics). The console calls the Personalize operations themselves at their usual
 * places, like any client.
 */
public final class ConsoleHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);
  private static final String PREFIX = "/console/";
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final ConsoleAssets assets;
  private final ConsoleSessions sessions;
  private final Authenticator authenticator;
  private final ConsoleApi api;

  /**
   * @param authenticator how the server authenticates API requests (a console session or SigV4)
   * @param assetFolder a folder to serve the console's files from instead of the bundled ones
   */
  public ConsoleHandler(ApiContext ctx, GroupAttributes attributes, ConsoleSessions sessions, Authenticator authenticator, Optional<Path> assetFolder) {
    this.assets = new ConsoleAssets(assetFolder);
    this.sessions = sessions;
    this.authenticator = authenticator;
    this.api = new ConsoleApi(ctx, attributes);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    String method = request.getMethod();
    if (!path.startsWith(PREFIX)) {
      response.setStatus(302);
      response.getHeaders().put(HttpHeader.LOCATION, PREFIX);
      callback.succeeded();
      return true;
    }
    String relative = path.substring(PREFIX.length());
    if (relative.startsWith("api/")) {
      endpoint(method, relative.substring("api/".length()), request, response, callback);
      return true;
    }
    if ((method.equals("GET") || method.equals("HEAD")) && assets.serve(relative, request, response, callback)) {
      return true;
    }
    writeError(response, callback, ErrorType.RESOURCE_NOT_FOUND.wireName(), 404, "The console has no file " + path + ".");
    return true;
  }

  private void endpoint(String method, String name, Request request, Response response, Callback callback) {
    try {
      Map<String, List<String>> headers = RequestParts.headers(request);
      byte[] body = method.equals("POST") ? RequestParts.body(request, MAX_BODY_BYTES) : new byte[0];
      ObjectNode answer = switch (method + " " + name) {
        case "GET session" -> session(headers);
        case "POST login" -> login(request, headers, parse(body), response);
        case "POST logout" -> logout(headers, response);
        case "POST items" -> {
          authenticate(request, headers, body);
          yield api.items(parse(body));
        }
        case "POST check-filter" -> {
          authenticate(request, headers, body);
          yield api.checkFilter(parse(body));
        }
        case "POST attribution-metrics" -> {
          authenticate(request, headers, body);
          yield api.attributionMetrics(parse(body));
        }
        default -> throw new ApiException(ErrorType.UNKNOWN_OPERATION, "The console has no endpoint " + method + " /console/api/" + name + ".");
      };
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.write(true, ByteBuffer.wrap(Json.bytes(answer)), callback);
    } catch (ApiException e) {
      writeError(response, callback, e.type().wireName(), e.type().status(Protocol.REST_JSON_1), e.getMessage());
    } catch (AuthRejection e) {
      writeError(response, callback, e.code(), e.status(Protocol.REST_JSON_1), e.getMessage());
    } catch (SignInThrottled e) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
      writeError(response, callback, "ThrottlingException", 429, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("console request {} /console/api/{} failed", method, name, e);
      writeError(response, callback, ErrorType.INTERNAL_FAILURE.wireName(), 500, "The server failed to process the console request.");
    }
  }

  private ObjectNode session(Map<String, List<String>> headers) {
    Optional<String> signedIn = sessions.signedIn(headers);
    ObjectNode answer = Json.object();
    answer.put("loginRequired", sessions.loginRequired());
    answer.put("signedIn", signedIn.isPresent());
    answer.put("accessKeyId", signedIn.orElse(null));
    return answer;
  }

  private ObjectNode login(Request request, Map<String, List<String>> headers, JsonNode body, Response response) {
    if (!sessions.loginRequired()) {
      throw ApiException.invalidInput("This server has no access keys configured, so the console needs no login.");
    }
    String accessKeyId = ConsoleApi.text(body, "accessKeyId");
    String secret = ConsoleApi.text(body, "secretAccessKey");
    String client = LoginThrottle.clientOf(request.getConnectionMetaData().getRemoteSocketAddress());
    ConsoleSessions.Login login = sessions.login(accessKeyId, secret, client, ConsoleSessions.browserToken(headers));
    if (login instanceof ConsoleSessions.Throttled throttled) {
      throw new SignInThrottled(throttled.retryAfter());
    }
    if (!(login instanceof ConsoleSessions.SignedIn signedIn)) {
      throw new AuthRejection("UnrecognizedClientException", 401, "The access key ID or secret access key is not valid.");
    }
    response.getHeaders().add(HttpHeader.SET_COOKIE, ConsoleSessions.cookie(signedIn.sessionToken()));
    response.getHeaders().add(HttpHeader.SET_COOKIE, ConsoleSessions.browserCookie(signedIn.browserToken()));
    ObjectNode answer = Json.object();
    answer.put("signedIn", true);
    answer.put("accessKeyId", accessKeyId);
    return answer;
  }

  private ObjectNode logout(Map<String, List<String>> headers, Response response) {
    sessions.logout(headers);
    response.getHeaders().add(HttpHeader.SET_COOKIE, ConsoleSessions.clearedCookie());
    ObjectNode answer = Json.object();
    answer.put("signedIn", false);
    return answer;
  }

  private void authenticate(Request request, Map<String, List<String>> headers, byte[] body) {
    String query = Optional.ofNullable(request.getHttpURI().getQuery()).orElse("");
    authenticator.authenticate(request.getMethod(), request.getHttpURI().getPath(), query, headers, body);
  }

  /** The body as a JSON object; unlike the API's, the console's endpoints all need one. */
  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new ApiException(ErrorType.SERIALIZATION, "The request body must be a JSON object.");
    }
    return RequestParts.json(body);
  }

  private static void writeError(Response response, Callback callback, String code, int status, String message) {
    ObjectNode body = Json.object();
    body.put("__type", code);
    body.put("message", message);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put("X-Amzn-ErrorType", code);
    response.write(true, ByteBuffer.wrap(Json.bytes(body)), callback);
  }
}
