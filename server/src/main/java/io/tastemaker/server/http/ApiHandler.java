package io.tastemaker.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.api.Input;
import io.tastemaker.server.api.Json;
import io.tastemaker.server.api.Operation;
import io.tastemaker.server.api.OperationRegistry;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import io.tastemaker.server.wire.OperationSpec;
import io.tastemaker.server.wire.Protocol;
import io.tastemaker.server.wire.WireModel;
import io.tastemaker.server.wire.WireValidator;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the three Personalize APIs on one port: the awsJson1_1 control plane at {@code POST /} and
 * the restJson1 runtime and events operations at their paths.
 *
 * <p>Every request goes through the same steps: bound the body, authenticate, parse, validate against
 * the wire model, call the operation, and encode the result or the error in the protocol's way.
 */
public final class ApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final String TARGET_PREFIX = "AmazonPersonalize.";

  private final WireModel model;
  private static final String CONSOLE_API = "/console/api/";
  private final WireValidator validator;
  private final OperationRegistry registry;
  private final Authenticator authenticator;
  private final int maxBodyBytes;
  private final Map<String, Handler> extraRoutes;
  private final RequestMetrics metrics;

  /**
   * @param extraRoutes handlers for paths outside the APIs, by path prefix (health, console, metrics)
   * @param metrics hears every API request's operation, status and time
   */
  public ApiHandler(
      WireModel model,
      OperationRegistry registry,
      Authenticator authenticator,
      int maxBodyBytes,
      Map<String, Handler> extraRoutes,
      RequestMetrics metrics) {
    this.metrics = metrics;
    this.model = model;
    this.validator = new WireValidator(model);
    this.registry = registry;
    this.authenticator = authenticator;
    this.maxBodyBytes = maxBodyBytes;
    this.extraRoutes = Map.copyOf(extraRoutes);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    String method = request.getMethod();
    for (Map.Entry<String, Handler> route : extraRoutes.entrySet()) {
      if (path.equals(route.getKey()) || path.startsWith(route.getKey() + "/")) {
        if (!path.startsWith(CONSOLE_API)) {
          // Health, metrics and console files never read a body; the console's API reads its own.
          discardBody(request);
        }
        return route.getValue().handle(request, response, callback);
      }
    }
    if (path.equals("/") && (method.equals("GET") || method.equals("HEAD"))) {
      // A browser pointed at the endpoint lands in the console; API calls to / are POSTs.
      response.setStatus(302);
      response.getHeaders().put(HttpHeader.LOCATION, "/console/");
      callback.succeeded();
      return true;
    }
    long start = System.nanoTime();
    Optional<OperationSpec> rest = model.route(method, path);
    String operation = null;
    try {
      operation = serve(request, response, callback, rest);
    } finally {
      metrics.record(operation != null ? operation : operationLabel(request, rest), response.getStatus(), System.nanoTime() - start);
    }
    return true;
  }

  /** Answers the request; returns the operation it named, or null when it got no further than naming one. */
  private String serve(Request request, Response response, Callback callback, Optional<OperationSpec> rest) {
    String path = request.getHttpURI().getPath();
    String method = request.getMethod();
    String requestId = UUID.randomUUID().toString();
    response.getHeaders().put("x-amzn-RequestId", requestId);
    Protocol protocol = rest.isPresent() ? Protocol.REST_JSON_1 : Protocol.AWS_JSON_1_1;
    if (rest.isEmpty() && !(path.equals("/") && method.equals("POST"))) {
      ErrorType notFound = ErrorType.UNKNOWN_OPERATION;
      discardBody(request);
      writeError(response, callback, Protocol.REST_JSON_1, notFound.wireName(), notFound.status(Protocol.REST_JSON_1),
          "No operation is bound to " + method + " " + path + ".");
      return null;
    }
    OperationSpec spec = null;
    try {
      byte[] body = RequestParts.body(request, maxBodyBytes);
      authenticator.authenticate(method, path, Optional.ofNullable(request.getHttpURI().getQuery()).orElse(""), RequestParts.headers(request), body);
      OperationSpec named = rest.isPresent() ? rest.get() : controlOperation(request);
      spec = named;
      JsonNode input = RequestParts.json(body);
      validator.validate(named, input);
      Operation operation =
          registry.find(named.name()).orElseThrow(() -> new ApiException(ErrorType.UNKNOWN_OPERATION, named.name() + " is not implemented."));
      JsonNode output = operation.call(new Input((ObjectNode) input));
      write(response, callback, 200, protocol, Json.bytes(output));
    } catch (ApiException e) {
      // An operation answers only the errors its model lists (besides protocol errors).
      ErrorType type = spec == null ? e.type() : spec.answered(e.type());
      writeError(response, callback, protocol, type.wireName(), type.status(protocol), e.getMessage());
    } catch (AuthRejection e) {
      writeError(response, callback, protocol, e.code(), e.status(protocol), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("request {} {} {} failed", requestId, method, path, e);
      ErrorType internal = ErrorType.INTERNAL_FAILURE;
      writeError(response, callback, protocol, internal.wireName(), internal.status(protocol),
          "The server failed to process the request (request id " + requestId + ").");
    }
    return spec == null ? null : spec.name();
  }

  /** The operation a request named, for metrics, when it failed before naming one: only operations of the model, so the label set stays small. */
  private String operationLabel(Request request, Optional<OperationSpec> rest) {
    if (rest.isPresent()) {
      return rest.get().name();
    }
    String target = request.getHeaders().get("X-Amz-Target");
    if (target != null && target.startsWith(TARGET_PREFIX)) {
      String name = target.substring(TARGET_PREFIX.length());
      if (model.controlOperation(name).isPresent()) {
        return name;
      }
    }
    return "unknown";
  }

  private OperationSpec controlOperation(Request request) {
    List<String> targets = request.getHeaders().getValuesList("X-Amz-Target");
    if (targets.size() > 1) {
      // Two targets name two operations; answering either would be a guess.
      throw new ApiException(ErrorType.SERIALIZATION, "The request has " + targets.size() + " X-Amz-Target headers; send exactly one.");
    }
    String target = targets.isEmpty() ? null : targets.get(0);
    if (target == null || !target.startsWith(TARGET_PREFIX)) {
      throw new ApiException(ErrorType.UNKNOWN_OPERATION,
          "The X-Amz-Target header must name an operation as " + TARGET_PREFIX + "<Operation>, got " + (target == null ? "none" : "'" + target + "'") + ".");
    }
    String name = target.substring(TARGET_PREFIX.length());
    return model.controlOperation(name)
        .orElseThrow(() -> new ApiException(ErrorType.UNKNOWN_OPERATION,
            model.isUnsupported(name)
                ? "The operation " + name + " is not supported by Tastemaker."
                : "Unknown operation " + name + "."));
  }

  /**
   * Reads and drops a body the answer does not need. Answering before the body has arrived makes
   * Jetty close the connection after the answer, and a client that pooled the connection then
   * meets a closed socket on its next request.
   */
  private void discardBody(Request request) {
    try {
      RequestParts.body(request, maxBodyBytes);
    } catch (ApiException e) {
      // Too large or unreadable: the connection closes, which the answer does not change.
    }
  }

  private static void write(Response response, Callback callback, int status, Protocol protocol, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, protocol.contentType());
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static void writeError(Response response, Callback callback, Protocol protocol, String code, int status, String message) {
    ErrorAnswer.write(response, callback, protocol, code, status, message);
  }
}
