package io.tastemaker.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tastemaker.server.wire.ApiException;
import io.tastemaker.server.wire.ErrorType;
import io.tastemaker.server.wire.OperationSpec;
import io.tastemaker.server.wire.WireModel;
import io.tastemaker.server.wire.WireValidator;

/**
 * Calls the server's own operations in-process, through the same validation as HTTP requests: for
 * tools such as quickstart that drive the API from inside the server.
 */
public final class LocalApi {
  private final WireModel model;
  private final WireValidator validator;
  private final OperationRegistry registry;

  public LocalApi(WireModel model, OperationRegistry registry) {
    this.model = model;
    this.validator = new WireValidator(model);
    this.registry = registry;
  }

  /** Calls a control-plane operation. */
  public JsonNode call(String operation, ObjectNode input) {
    OperationSpec spec =
        model.controlOperation(operation).orElseThrow(() -> new ApiException(ErrorType.UNKNOWN_OPERATION, "Unknown operation " + operation));
    validator.validate(spec, input);
    return registry.find(operation).orElseThrow().call(new Input(input));
  }
}
