package io.tastemaker.server.wire;

/**
 * A served operation: its service, input shape and HTTP binding.
 *
 * @param service {@code control}, {@code runtime} or {@code events}
 * @param name the operation name, such as {@code CreateSchema}
 * @param inputShape the request shape in the service's namespace
 * @param protocol the wire protocol
 * @param method the HTTP method
 * @param path the request path
 */
public record OperationSpec(
    String service, String name, String inputShape, Protocol protocol, String method, String path) {}
