package io.tastemaker.server.api;

import com.fasterxml.jackson.databind.JsonNode;

/** One API operation: a validated request body in, a response body out. */
@FunctionalInterface
public interface Operation {
  /**
   * Performs the operation.
   *
   * @param input the request body, already checked against the operation's wire shape
   * @return the response body; an empty object for operations without output
   */
  JsonNode call(Input input);
}
