package io.tastemaker.server.wire;

import java.util.Set;

/**
 * A served operation: its service, input shape, HTTP binding and the errors its model lists.
 *
 * @param service {@code control}, {@code runtime} or {@code events}
 * @param name the operation name, such as {@code CreateSchema}
 * @param inputShape the request shape in the service's namespace
 * @param protocol the wire protocol
 * @param method the HTTP method
 * @param path the request path
 * @param errors the modeled errors the operation may answer
 */
public record OperationSpec(
    String service, String name, String inputShape, Protocol protocol, String method, String path, Set<ErrorType> errors) {

  public OperationSpec {
    errors = Set.copyOf(errors);
    if (!errors.contains(ErrorType.INVALID_INPUT) && !errors.contains(ErrorType.INVALID_NEXT_TOKEN)) {
      throw new IllegalArgumentException(name + " lists no error a malformed request could be answered with");
    }
  }

  /**
   * The error to answer for one of the given type: the type itself when the model lists it (or it is a
   * protocol error), else the operation's InvalidInputException, else its InvalidNextTokenException,
   * which is all a List operation such as ListDatasetGroups lists and the only member such a request
   * can get wrong besides {@code maxResults}.
   */
  public ErrorType answered(ErrorType type) {
    if (!type.modeled() || errors.contains(type)) {
      return type;
    }
    return errors.contains(ErrorType.INVALID_INPUT) ? ErrorType.INVALID_INPUT : ErrorType.INVALID_NEXT_TOKEN;
  }
}
